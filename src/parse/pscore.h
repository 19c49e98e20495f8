/*
 * pscore.h - the parser's scoring table, built from a perceptron model when
 * it is loaded: 8-byte slots (key fingerprint, row), long rows dense as
 * int16 vectors added with SIMD, short rows sparse with their count first.
 * Invariant: at least 30% of the slots are empty, so every probe ends.
 */
#ifndef NG_PSCORE_H
#define NG_PSCORE_H

#include "learn/learn.h"

#define PSCORE_DENSE_MIN 12        /* rows with this many weights or more are dense */
#define PSCORE_DENSE_BIT 0x80000000u

typedef struct pscorer {
    uint64_t *slots;  /* [nslots]: (key >> 32) << 32 | value; 0 = empty */
    uint32_t nslots;  /* power of two */
    uint32_t *ents;   /* [nents] sparse rows: count, then class | weight << 16 */
    size_t nents;
    int16_t *dense;   /* [ndense][npad] */
    size_t ndense;
    uint32_t nclasses, npad; /* npad: nclasses rounded up to a multiple of 16 */
} pscorer;

/* Build s from m (m is not referenced afterwards).  NG_OK or NG_ENOMEM. */
int pscorer_build(pscorer *s, const ng_pmodel *m);
void pscorer_free(pscorer *s);

/* Scores of features f[n] (n <= 256) into scores[npad] (overwritten, 16-byte
 * aligned), in units of the model's scale. */
void pscorer_score(const pscorer *s, const uint64_t *f, size_t n, int32_t *scores);

#endif /* NG_PSCORE_H */
