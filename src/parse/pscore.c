/*
 * pscore.c - the parser's scoring table: built once from the model's sparse
 * rows, then probed in three overlapped phases (prefetch the slots; probe
 * and prefetch the rows found; add the rows).
 * Invariant: a slot's fingerprint is the key's high 32 bits, never 0 since
 * the template id lives in the top byte.
 */
#include "parse/pscore.h"

#define PSCORE_MAX_FEATS 256

void pscorer_free(pscorer *s)
{
    ng_free(s->slots, (size_t)s->nslots * 8);
    ng_free(s->ents, s->nents * 4);
    ng_free(s->dense, s->ndense * s->npad * 2);
    memset(s, 0, sizeof *s);
}

/* The nonzero weights of slot i of m as sparse entries (class | weight <<
 * 16) in e; returns their count.  Works for sparse and dense model rows. */
static uint32_t slot_entries(const ng_pmodel *m, uint32_t i, int32_t *w, uint32_t *e)
{
    ng_pmodel_slot_weights(m, i, w);
    uint32_t n = 0;
    for (uint32_t c = 0; c < m->nclasses; c++)
        if (w[c])
            e[n++] = c | (uint32_t)(uint16_t)(int16_t)w[c] << 16;
    return n;
}

/* Sizes: slots for m's features at most 70% full, sparse entries, dense rows. */
static int plan(pscorer *s, const ng_pmodel *m, int32_t *w, uint32_t *e)
{
    s->nclasses = m->nclasses;
    s->npad = (m->nclasses + 15) & ~15u;
    s->nslots = 16;
    while (s->nslots * 7 / 10 < m->nfeatures + 1)
        s->nslots *= 2;
    for (uint32_t i = 0; i < m->nslots; i++) {
        if (!m->slots[2 * (size_t)i])
            continue;
        uint32_t n = slot_entries(m, i, w, e);
        if (n >= PSCORE_DENSE_MIN)
            s->ndense++;
        else
            s->nents += 1 + n;
    }
    return NG_OK;
}

static void insert(pscorer *s, uint64_t key, uint32_t value)
{
    uint32_t i = (uint32_t)key & (s->nslots - 1);
    while (s->slots[i])
        i = (i + 1) & (s->nslots - 1);
    s->slots[i] = (key >> 32) << 32 | value;
}

int pscorer_build(pscorer *s, const ng_pmodel *m)
{
    memset(s, 0, sizeof *s);
    int32_t *w = ng_malloc((m->nclasses + 1) * sizeof *w);
    uint32_t *e = ng_malloc((m->nclasses + 1) * sizeof *e);
    if (!w || !e) {
        ng_free(w, (m->nclasses + 1) * sizeof *w);
        ng_free(e, (m->nclasses + 1) * sizeof *e);
        return NG_ENOMEM;
    }
    plan(s, m, w, e);
    size_t nents = s->nents, ndense = s->ndense;
    s->slots = ng_calloc(s->nslots, 8);
    s->ents = ng_malloc((nents ? nents : 1) * 4);
    s->dense = ng_calloc(ndense ? ndense * s->npad : 1, 2);
    s->nents = nents ? nents : 1;
    s->ndense = ndense ? ndense : 1;
    if (!s->slots || !s->ents || !s->dense) {
        pscorer_free(s);
        ng_free(w, (m->nclasses + 1) * sizeof *w);
        ng_free(e, (m->nclasses + 1) * sizeof *e);
        return NG_ENOMEM;
    }
    size_t ne = 0, nd = 0;
    for (uint32_t i = 0; i < m->nslots; i++) {
        uint64_t key = m->slots[2 * (size_t)i];
        if (!key)
            continue;
        uint32_t n = slot_entries(m, i, w, e);
        if (n >= PSCORE_DENSE_MIN) {
            int16_t *row = s->dense + nd * s->npad;
            for (uint32_t j = 0; j < n; j++)
                row[ng_pent_class(e[j])] = (int16_t)ng_pent_weight(e[j]);
            insert(s, key, PSCORE_DENSE_BIT | (uint32_t)nd++);
        } else {
            insert(s, key, (uint32_t)ne);
            s->ents[ne++] = n;
            memcpy(s->ents + ne, e, n * 4);
            ne += n;
        }
    }
    ng_free(w, (m->nclasses + 1) * sizeof *w);
    ng_free(e, (m->nclasses + 1) * sizeof *e);
    return NG_OK;
}

typedef int16_t v8hi __attribute__((vector_size(16)));
typedef int32_t v8si __attribute__((vector_size(32)));

/* scores[npad] += row[npad], widening int16 to int32 eight at a time. */
static inline void add_dense(int32_t *restrict scores, const int16_t *restrict row, uint32_t npad)
{
    for (uint32_t k = 0; k < npad; k += 8) {
        v8hi w;
        v8si a;
        memcpy(&w, row + k, sizeof w);
        memcpy(&a, scores + k, sizeof a);
        a += __builtin_convertvector(w, v8si);
        memcpy(scores + k, &a, sizeof a);
    }
}

static inline void add_sparse(int32_t *restrict scores, const uint32_t *restrict e)
{
    uint32_t n = e[0];
    for (uint32_t j = 1; j <= n; j++)
        scores[e[j] & 0xffff] += (int16_t)(uint16_t)(e[j] >> 16);
}

/* Address of the row a value names. */
static inline const void *row_of(const pscorer *s, uint32_t v)
{
    return v & PSCORE_DENSE_BIT ? (const void *)(s->dense + (size_t)(v & ~PSCORE_DENSE_BIT) * s->npad)
                                : (const void *)(s->ents + v);
}

void pscorer_score(const pscorer *s, const uint64_t *f, size_t n, int32_t *scores)
{
    uint32_t rows[PSCORE_MAX_FEATS], mask = s->nslots - 1;
    size_t nrows = 0;
    memset(scores, 0, s->npad * sizeof *scores);
    n = NG_MIN(n, (size_t)PSCORE_MAX_FEATS);
    for (size_t k = 0; k < n; k++)
        __builtin_prefetch(&s->slots[(uint32_t)f[k] & mask]);
    for (size_t k = 0; k < n; k++) {
        uint64_t fp = f[k] >> 32;
        for (uint32_t i = (uint32_t)f[k] & mask; s->slots[i]; i = (i + 1) & mask) {
            if (s->slots[i] >> 32 == fp) {
                uint32_t v = (uint32_t)s->slots[i];
                const char *r = row_of(s, v);
                __builtin_prefetch(r);
                if (v & PSCORE_DENSE_BIT)
                    for (uint32_t b = 64; b < s->npad * 2; b += 64)
                        __builtin_prefetch(r + b);
                rows[nrows++] = v;
                break;
            }
        }
    }
    for (size_t r = 0; r < nrows; r++) {
        if (rows[r] & PSCORE_DENSE_BIT)
            add_dense(scores, row_of(s, rows[r]), s->npad);
        else
            add_sparse(scores, row_of(s, rows[r]));
    }
}
