/*
 * mtable.h - a perceptron model laid out for fast scoring, stored in the
 * model file as it is used: a hash table of 64-byte buckets of eight 8-byte
 * entries (a 16-bit key fingerprint and a 48-bit payload).  A payload holds
 * the feature's one or two weights itself, or names a dense row (npad int16
 * weights, 32-byte aligned) or a sparse row; so most features cost one
 * cache line, the others two.
 * Invariants: a used entry's fingerprint is never 0; a key lives in its
 * home bucket or, when that is full, in the next ones (wrapping); at least
 * one bucket has room, so every lookup ends; a fingerprint occurs once
 * along the buckets a lookup visits.
 */
#ifndef NG_MTABLE_H
#define NG_MTABLE_H

#include "learn/learn.h"

#define MT_MAX_CLASSES 128       /* classes fit the 7-bit inline class fields */
#define MT_MAX_FEATS 256         /* features per scoring call */
#define MT_BUCKET 8              /* entries per bucket */

typedef struct mtable {
    uint32_t nclasses, npad;      /* npad: nclasses rounded up to 16 */
    uint32_t nbuckets, nfeatures;
    uint32_t nrows, nents;        /* dense rows, sparse entries */
    float scale;                  /* a weight's value is its int16 times scale */
    const uint64_t *buckets;      /* [nbuckets * MT_BUCKET] */
    const int16_t *rows;          /* [nrows * npad] */
    const uint32_t *ents;         /* [nents]: class | weight << 16 */
    void *owned;                  /* heap block holding the arrays, or NULL */
    size_t owned_size;
} mtable;

/* Build t from model m (its quantised weights as they are).  NG_OK,
 * NG_EARG (more than MT_MAX_CLASSES classes) or NG_ENOMEM.  Deterministic.
 * *dropped (may be NULL) counts features left out because their
 * fingerprint clashed with an earlier one's. */
int mtable_build(mtable *t, const ng_pmodel *m, size_t *dropped);

void mtable_free(mtable *t);

/* Store t as sections "<prefix>.info", ".buckets", ".rows" and ".ents". */
int mtable_write(ng_mwriter *w, const char *prefix, const mtable *t);

/* Load the table under prefix, checking every entry (kinds, row and entry
 * ranges, classes).  The arrays borrow the file's memory on little-endian
 * hosts.  NG_OK, NG_EMODEL naming the file, NG_ENOMEM. */
int mtable_load(ng_mfile *f, const char *prefix, mtable *t, ng_error *err);

/* Scores of features f[n] (at most MT_MAX_FEATS are used) into
 * scores[npad] (overwritten), in units of t->scale. */
void mtable_score(const mtable *t, const uint64_t *f, size_t n, int32_t *scores);

/* The weights of feature key f into w[nclasses] (zeros included); false
 * when the table does not have it. */
bool mtable_weights(const mtable *t, uint64_t f, int32_t *w);

#endif /* NG_MTABLE_H */
