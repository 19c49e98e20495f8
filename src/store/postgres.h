/*
 * postgres.h - the PostgreSQL backend's shared state, internal to postgres*.c.
 * Invariants: nothing builds SQL from data (values travel as parameters or
 * COPY rows); a batch's documents are written at commit, in one transaction
 * whose cross-document part holds the merge lock (docs/scale.md).
 */
#ifndef NG_STORE_POSTGRES_H
#define NG_STORE_POSTGRES_H

#include "store/store.h"

#include <libpq-fe.h>

#define NG_PG_SCHEMA_VERSION 1        /* meta.schema_version of a current database */
#define NG_PG_MERGE_LOCK 0x6e676b62   /* advisory lock key ("ngkb"): the merge step */
#define NG_PG_SCHEMA_LOCK 0x6e67736d  /* advisory lock key ("ngsm"): creating the schema */
#define NG_PG_MAX_CANDIDATES 64       /* entities one name may match before merging */
#define NG_PG_MAX_PARAMS 20           /* parameters of one statement */
#define NG_PG_MAX_URL 4096            /* bytes of a connection URL */
#define NG_PG_RETRIES 5               /* attempts of a batch that hit a deadlock */
#define NG_PG_COPY_FLUSH (1 << 20)    /* bytes of COPY data sent at once */

/* Prepared statements of the write path, prepared on first use. */
typedef enum pg_stmt_id {
    P_HASH_LOOKUP, P_DOC_IDS, P_HASH_CLAIM, P_DOC_INSERT, P_SENT_IDS,
    P_BAND_CANDIDATES, P_DOC_SIG, P_DOC_DUP, P_BAND_INSERT,
    P_ALIAS_LOOKUP, P_ENT_INSERT, P_ALIAS_UPSERT, P_DOCENT_LINK, P_ENT_RENAME,
    P_FACT_FIND, P_FACT_GET, P_EVID_ADD,
    P_MERGE_ALIAS_COUNTS, P_MERGE_ALIAS_MOVE, P_MERGE_ALIAS_DROP, P_MERGE_DOCENT, P_MERGE_MENTIONS,
    P_MERGE_FACTS_OF, P_FACT_REKEY, P_EVID_MOVE, P_EVID_DROP, P_FACT_DELETE, P_FACT_RECOUNT,
    P_ENT_RECOUNT, P_ENT_TYPE, P_ENT_SET_TYPE, P_ENT_UPGRADE, P_ENT_DELETE,
    P_NSTMTS
} pg_stmt_id;

/* A document waiting for the commit of its batch. */
typedef struct pg_pending {
    ng_doc *doc;                 /* a copy, owned */
    ng_put_plan plan;            /* of doc */
    int64_t id;                  /* set at commit: 0 = a duplicate by then */
    int64_t *sent_ids;           /* [doc->nsents] row ids, in plan's arena */
    int64_t dup_of;              /* near-duplicate of, or 0 */
    double similarity;
} pg_pending;

typedef struct pg {
    PGconn *conn;
    char *name;                  /* the URL without its password, for messages */
    bool prepared[P_NSTMTS];
    pg_pending *pending;         /* the open batch */
    size_t npending, cap_pending;
    ng_buf key;                  /* scratch: fact keys */
    ng_buf copy;                 /* COPY rows not sent yet */
    size_t ncopy;                /* ... how many */
    bool retry;                  /* a statement failed on a deadlock: retry the batch */
} pg;

static inline pg *pg_of(ng_kb *kb) { return kb->impl; }

/* Parameters of one statement, as text (or binary for bytea). */
typedef struct pg_params {
    const char *v[NG_PG_MAX_PARAMS];
    int len[NG_PG_MAX_PARAMS];
    int fmt[NG_PG_MAX_PARAMS];
    char num[NG_PG_MAX_PARAMS][32];
    int n;
} pg_params;

void pgp_int(pg_params *p, int64_t v);
void pgp_id(pg_params *p, int64_t v);          /* NULL when v <= 0 */
void pgp_double(pg_params *p, double v);
void pgp_text(pg_params *p, const char *v);    /* NULL when v is NULL */
void pgp_textn(pg_params *p, const char *v, size_t n);
void pgp_bytea(pg_params *p, const void *v, int n);

/* Fill err from res (or the connection); returns NG_EDB, or NG_EARG for a
 * statement refused as a write in a read-only transaction.  Clears res. */
int pg_fail(pg *s, PGresult *res, ng_error *err, const char *what);
/* Is res an error PostgreSQL asks to retry (deadlock, serialization)? */
bool pg_retryable(const PGresult *res);
/* Run SQL without parameters that returns no rows. */
int pg_exec(pg *s, const char *sql, ng_error *err);
/* Run the prepared statement id; the result (tuples or command ok) or NULL
 * with err filled.  The caller PQclear()s it. */
PGresult *pg_run(pg *s, pg_stmt_id id, const pg_params *p, ng_error *err, const char *what);
/* Run it and discard the result. */
int pg_do(pg *s, pg_stmt_id id, const pg_params *p, ng_error *err, const char *what);
/* The first column of the first row as an integer, or 0 with no row. */
int64_t pg_int(const PGresult *res, int row, int col);

/* postgres_put.c: batches */
int pgw_put(ng_kb *kb, ng_put_plan *plan, ng_kb_put_info *info, ng_error *err);
int pgw_commit(ng_kb *kb, ng_error *err);
void pgw_discard(pg *s);
/* COPY rows in text format into s->copy: a value, then a separator (a tab,
 * or the end of the row); pgc_send runs copy_sql with the rows gathered. */
void pgc_text(ng_buf *b, const char *s, size_t n);
void pgc_int(ng_buf *b, int64_t v);
void pgc_id(ng_buf *b, int64_t v);          /* \N when v <= 0 */
void pgc_sep(ng_buf *b, bool last);
int pgc_send(pg *s, const char *copy_sql, ng_error *err);

/* postgres_merge.c: the cross-document part of a document (near-duplicates,
 * entities, facts), run holding the merge lock; pgm_flush sends the rows
 * it gathered for COPY. */
int pgm_merge_document(pg *s, pg_pending *pd, ng_error *err);
int pgm_flush(pg *s, ng_error *err);
/* The stored document plan is a near-duplicate of (the root of its
 * cluster; 0 = none) and the estimated similarity; self: plan's own id. */
int pgm_near_duplicate_of(pg *s, const ng_put_plan *plan, int64_t self, int64_t *dup_of, double *similarity,
                          ng_error *err);
void pg_sig_encode(const ng_minhash *m, unsigned char out[NG_MINHASH_K * 4]);
/* postgres_query.c */
int pgq_query(ng_kb *kb, const char *name, const ng_kb_param *params, size_t nparams,
              ng_kb_row_fn fn, void *ud, ng_error *err);
int pgq_sql(ng_kb *kb, const char *sql, ng_kb_row_fn fn, void *ud, ng_error *err);
/* postgres_web.c: the web UI's queries in PostgreSQL's dialect, or NULL. */
const char *pg_web_query_sql(const char *name);
/* postgres_fts.c: an FTS5 query (the subset callers build) as a tsquery
 * text for to_tsquery('simple', ...); false when it has no word. */
bool pg_fts_to_tsquery(const char *fts, ng_buf *out);

#endif /* NG_STORE_POSTGRES_H */
