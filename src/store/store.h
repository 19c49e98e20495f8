/*
 * store.h - the knowledge-base backend interface, internal.  kb.c implements
 * the public ng_kb_* calls over a backend (sqlite.c or postgres.c);
 * plan.c turns a document into an engine-neutral put plan (match keys, fact
 * keys, MinHash) so a backend only moves rows.  Invariant: a backend's put
 * stores all of a document or none of it.
 */
#ifndef NG_STORE_H
#define NG_STORE_H

#include "core/doc.h"
#include "kb/resolve.h"

/* Hard limits on what one document may bring into the store. */
#define NG_STORE_MAX_ENTITIES 10000   /* entities of one document */
#define NG_STORE_MAX_FACTS 20000      /* facts of one document */
#define NG_STORE_MAX_ALIASES 256      /* names of one entity */
#define NG_STORE_MAX_NAME 1024        /* bytes of one name or title */
#define NG_STORE_MAX_LITERAL 4096     /* bytes of a literal object (a quote) */

/* --------------------------------------------------------- near-duplicates */

#define NG_MINHASH_K 64          /* signature length */
#define NG_MINHASH_BANDS 16      /* LSH bands of NG_MINHASH_K / NG_MINHASH_BANDS rows */
#define NG_MINHASH_MIN_SHINGLES 8 /* shorter documents are never near-duplicates */
#define NG_NEAR_DUP_JACCARD 0.5  /* estimated Jaccard at or above = near-duplicate */

typedef struct ng_minhash {
    uint32_t v[NG_MINHASH_K];
    uint32_t nshingles;          /* 0..: below NG_MINHASH_MIN_SHINGLES, unusable */
} ng_minhash;

/* The MinHash signature of text's word 3-shingles (words folded to lowercase). */
void ng_minhash_text(const char *text, size_t len, ng_minhash *out);
/* Band keys of a signature (equal keys = candidate pair). */
void ng_minhash_bands(const ng_minhash *m, int64_t out[NG_MINHASH_BANDS]);
/* Estimated Jaccard similarity of two signatures. */
double ng_minhash_similarity(const ng_minhash *a, const ng_minhash *b);

/* ---------------------------------------------------------------- put plan */

/* A name of an entity with its match key. */
typedef struct ng_plan_name {
    const char *name;
    char key[NG_KEY_MAX];
    bool strong;
    bool canonical;              /* the entity's canonical name */
} ng_plan_name;

typedef struct ng_plan_entity {
    const ng_entity *e;
    const char *name;            /* canonical name (the first mention's text when e has none) */
    int etype;                   /* ng_ent_type (MISC when e has none) */
    const char *type;            /* its name */
    int tclass;                  /* ng_resolve_class */
    ng_plan_name *names;         /* [nnames], canonical first, distinct */
    size_t nnames;
    bool strong;                 /* some name has a strong key */
    int64_t id;                  /* set by the backend: the global entity */
} ng_plan_entity;

typedef struct ng_plan_fact {
    const ng_fact *f;
    const char *time;            /* the fact's time, or the event edition's year */
    int year;                    /* of time, 0 = unknown */
    const char *object_text;     /* literal object, folded whitespace, or NULL */
    char *title;                 /* lowercase title, or NULL */
} ng_plan_fact;

typedef struct ng_put_plan {
    const ng_doc *doc;
    ng_arena arena;              /* everything below */
    const char *sha256;
    const char *date;
    int year;                    /* of the document date, 0 = unknown */
    ng_minhash sig;
    ng_plan_entity *ents;        /* [nents] parallel to doc->entities */
    size_t nents;
    ng_plan_fact *facts;         /* [nfacts] parallel to doc->facts */
    size_t nfacts;
} ng_put_plan;

/* Build the plan of doc; checks its annotations (spans inside the text,
 * argument indices, sizes) and fails with NG_EFORMAT naming the document.
 * The plan borrows from doc; free it with ng_plan_free. */
int ng_plan_build(ng_put_plan *plan, const ng_doc *doc, const ng_resolver *r, ng_error *err);
void ng_plan_free(ng_put_plan *plan);
/* The sentence holding byte offset off, or -1. */
int64_t ng_plan_sentence_of(const ng_doc *doc, uint32_t off);
/* The fact's identity key (relation, arguments, polarity, modality, time,
 * title) given the global ids of its arguments; written to b. */
void ng_plan_fact_key(ng_buf *b, const ng_plan_fact *pf, int64_t subject, int64_t object);

/* ----------------------------------------------------------------- backend */

typedef struct ng_store_ops ng_store_ops;

struct ng_kb {
    const ng_store_ops *ops;
    void *impl;                  /* the backend's connection */
    ng_resolver *resolver;
    unsigned flags;              /* NG_KB_* */
    bool in_batch;               /* between ng_kb_begin and commit/rollback */
    /* ng_kb_put's info while it runs a batch of its own (begin, put,
     * commit); NULL otherwise.  A backend that writes at commit reports the
     * document's outcome here. */
    ng_kb_put_info *put_info;
};

/* Every backend function fills err on failure with a message naming the
 * database.  put runs inside a batch the caller began. */
struct ng_store_ops {
    const char *name;
    /* Does target name a database of this backend? */
    bool (*accepts)(const char *target);
    int (*open)(ng_kb *kb, const char *target, ng_error *err);
    void (*close)(ng_kb *kb);
    int (*begin)(ng_kb *kb, ng_error *err);
    int (*commit)(ng_kb *kb, ng_error *err);
    void (*rollback)(ng_kb *kb);
    /* Store the planned document; resolves its entities (plan->ents[i].id). */
    int (*put)(ng_kb *kb, ng_put_plan *plan, ng_kb_put_info *info, ng_error *err);
    int (*query)(ng_kb *kb, const char *name, const ng_kb_param *params, size_t nparams,
                 ng_kb_row_fn fn, void *ud, ng_error *err);
    int (*sql)(ng_kb *kb, const char *sql, ng_kb_row_fn fn, void *ud, ng_error *err);
};

extern const ng_store_ops ng_store_sqlite;
extern const ng_store_ops ng_store_postgres;

/* The schema, embedded from src/store/schema.sql at build time. */
extern const char ng_schema_sql[];
extern const size_t ng_schema_sql_len;
/* The PostgreSQL schema, embedded from src/store/schema_pg.sql. */
extern const char ng_schema_pg_sql[];
extern const size_t ng_schema_pg_sql_len;

/* Attach copies of entities and facts to doc (in its arena), replacing any
 * it has; for records read back and for tests.  NG_OK or NG_ENOMEM. */
int ng_doc_attach(ng_doc *doc, const ng_entity *ents, size_t nents, const ng_fact *facts, size_t nfacts);

#endif /* NG_STORE_H */
