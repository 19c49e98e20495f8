/*
 * ner_feat.h - the NER feature templates, shared by tagging and training
 * (internal to src/tag).  A document is prepared once (per-word atoms,
 * case normalisation of all-caps sentences, document statistics); greedy
 * decoding then asks for the features of one word given the two previous
 * predictions and the document's prediction history so far.
 * Invariant: template ids and meanings never change within a feature-set
 * version (NER_FEATURES); a model records the version it was trained with.
 */
#ifndef NG_NER_FEAT_H
#define NG_NER_FEAT_H

#include "tag/ner.h"

#define NER_FEATURES 1   /* feature-set version written into models */
#define NER_HIST_TYPES 16/* history counters per word type: O + up to 15 types */

/* Case classes of a word (after normalisation). */
enum { NER_CASE_LOWER = 0, NER_CASE_TITLE, NER_CASE_UPPER, NER_CASE_MIXED, NER_CASE_NONE, NER_CASE_UNKNOWN };

/* What one word contributes, computed once per document. */
typedef struct ner_word {
    uint64_t lw;          /* lowercase form, digits as 0 */
    uint64_t shape;       /* collapsed shape of the (case-normalised) form */
    uint64_t lshape;      /* long shape, uncollapsed, first 12 characters */
    uint64_t pre[4], suf[4]; /* of the lowercase form, 1..4 characters */
    uint32_t slot;        /* its word type's entry in the document table */
    uint32_t next;        /* next occurrence of its word type, UINT32_MAX = none */
    uint8_t cas;          /* NER_CASE_* after normalisation */
    uint8_t flags;        /* NER_F_* */
    uint8_t lenb;         /* length bucket */
    uint8_t docf;         /* NER_D_*: document statistics of its word type */
} ner_word;

enum {
    NER_F_DIGIT = 1 << 0, NER_F_HYPHEN = 1 << 1, NER_F_PERIOD = 1 << 2, NER_F_AMP = 1 << 3,
    NER_F_APOS = 1 << 4, NER_F_ALNUM = 1 << 5, NER_F_CAPSSENT = 1 << 6, NER_F_NONASCII = 1 << 7,
};
enum {
    NER_D_LOWER = 1 << 0,  /* the word type occurs lowercase in the document */
    NER_D_TITLE = 1 << 1,  /* ... capitalised, not sentence-initially */
    NER_D_UPPER = 1 << 2,  /* ... in capitals, outside an all-caps sentence */
    NER_D_REPEAT = 1 << 3, /* ... more than once */
};

/* One word type of a document: case counts and prediction history. */
typedef struct ner_slot {
    uint64_t key;         /* lw, 0 = empty */
    uint16_t lower, title, upper, initial, count;
    uint32_t first, last; /* first and last occurrence */
    uint16_t hist[NER_HIST_TYPES]; /* predictions so far: [0] O, [t] type t */
} ner_slot;

/* A prepared document. */
typedef struct ner_doc {
    const ng_doc *doc;
    ner_word *words;      /* [nwords] */
    ng_ner_tokinfo *info; /* [nwords] gazetteers and clusters */
    ner_slot *slots;      /* [nslots], power of two */
    uint32_t nslots;
    uint32_t *sent_of;    /* [nwords] sentence of each word */
} ner_doc;

/* A loaded model (the trainer builds one in memory for dev evaluation). */
struct ng_ner {
    ng_mfile *file;         /* NULL for a model built in memory */
    ng_pmodel pm;
    const ng_ner_res *res;
    unsigned ntypes;
    uint32_t nclasses;
    char types[NG_NER_MAX_TYPES + 1][NG_NER_TYPE_NAME]; /* [0] = "O" */
};

/* Tag one prepared sentence s of d with m, recording history; cls is
 * indexed like the document's words.  f and scores are scratch. */
void ner_tag_sentence(const struct ng_ner *m, ner_doc *d, size_t s, uint32_t *cls, uint64_t *f, int32_t *scores);

/* Bytes of work memory a document of nwords needs. */
size_t ner_doc_bytes(size_t nwords);

/* Prepare doc (tokens, sentences) in memory mem (ner_doc_bytes(n) bytes, 8-byte
 * aligned), looking up resources res (may be NULL). */
void ner_doc_prepare(ner_doc *d, const ng_doc *doc, const ng_ner_res *res, void *mem);

/* Features of word i (of sentence s) into f (NG_NER_MAX_FEATS), given the
 * previous two classes p1, p2 (0 at the sentence start).  Returns the count. */
size_t ner_features(const ner_doc *d, size_t i, uint32_t p1, uint32_t p2, uint64_t *f);

/* Record the prediction cls for word i in the document history. */
void ner_doc_record(ner_doc *d, size_t i, uint32_t cls);

/* The best class allowed after prev (ng_bilou_allowed) among nclasses. */
uint32_t ner_best_i32(const int32_t *scores, uint32_t nclasses, uint32_t prev, bool last);
uint32_t ner_best_f(const float *scores, uint32_t nclasses, uint32_t prev, bool last);

#endif /* NG_NER_FEAT_H */
