/*
 * ptrain.c - the averaged perceptron trainer.  Each feature owns a sparse row
 * of (class, weight w, total u) entries in one pool; averaging uses the
 * identity avg = w - u / T with u accumulating clock * delta (Daume 2006), so
 * no per-weight timestamps are kept.  Invariant: keys[i] == 0 marks an empty
 * slot (feature keys are never 0) and nfeat <= nslots / 2.
 */
#include "learn/learn.h"

#include <math.h>
#include <stdlib.h>

typedef struct pent {
    float w;
    uint32_t cls;
    double u;
} pent;

typedef struct prow {
    uint32_t off;   /* first entry in the pool */
    uint16_t n, cap;
    uint32_t nupd;  /* times the row was updated */
} prow;

struct ng_ptrain {
    uint32_t nclasses;
    uint64_t clock;      /* examples seen */
    uint64_t *keys;      /* [nslots] */
    uint32_t *rowof;     /* [nslots] row index */
    size_t nslots;
    prow *rows;          /* [nfeat] */
    size_t nfeat, cap_rows;
    pent *pool;          /* [npool] */
    size_t npool, cap_pool;
};

ng_ptrain *ng_ptrain_new(uint32_t nclasses)
{
    if (nclasses == 0 || nclasses > NG_PT_MAX_CLASSES)
        return NULL;
    ng_ptrain *t = ng_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->nclasses = nclasses;
    t->nslots = 1024;
    t->keys = ng_calloc(t->nslots, sizeof *t->keys);
    t->rowof = ng_calloc(t->nslots, sizeof *t->rowof);
    if (!t->keys || !t->rowof) {
        ng_ptrain_free(t);
        return NULL;
    }
    return t;
}

void ng_ptrain_free(ng_ptrain *t)
{
    if (!t)
        return;
    ng_free(t->keys, t->nslots * sizeof *t->keys);
    ng_free(t->rowof, t->nslots * sizeof *t->rowof);
    ng_free(t->rows, t->cap_rows * sizeof *t->rows);
    ng_free(t->pool, t->cap_pool * sizeof *t->pool);
    ng_free(t, sizeof *t);
}

uint32_t ng_ptrain_nclasses(const ng_ptrain *t) { return t->nclasses; }
size_t ng_ptrain_nfeatures(const ng_ptrain *t) { return t->nfeat; }

/* Slot of key: where it is, or the empty slot where it would go. */
static size_t slot_of(const ng_ptrain *t, uint64_t key)
{
    size_t mask = t->nslots - 1, i = (size_t)key & mask;
    while (t->keys[i] && t->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

static bool rehash(ng_ptrain *t)
{
    size_t n = t->nslots * 2;
    uint64_t *keys = ng_calloc(n, sizeof *keys);
    uint32_t *rowof = ng_calloc(n, sizeof *rowof);
    if (!keys || !rowof) {
        ng_free(keys, n * sizeof *keys);
        ng_free(rowof, n * sizeof *rowof);
        return false;
    }
    for (size_t i = 0; i < t->nslots; i++) {
        if (!t->keys[i])
            continue;
        size_t j = (size_t)t->keys[i] & (n - 1);
        while (keys[j])
            j = (j + 1) & (n - 1);
        keys[j] = t->keys[i];
        rowof[j] = t->rowof[i];
    }
    ng_free(t->keys, t->nslots * sizeof *t->keys);
    ng_free(t->rowof, t->nslots * sizeof *t->rowof);
    t->keys = keys;
    t->rowof = rowof;
    t->nslots = n;
    return true;
}

/* The row of key, created when absent; NULL with *rc set on failure. */
static prow *row_get(ng_ptrain *t, uint64_t key, int *rc)
{
    size_t i = slot_of(t, key);
    if (t->keys[i])
        return &t->rows[t->rowof[i]];
    if (t->nfeat >= NG_PT_MAX_FEATURES) {
        *rc = NG_ETOOBIG;
        return NULL;
    }
    if ((t->nfeat + 1) * 2 > t->nslots) {
        if (!rehash(t)) {
            *rc = NG_ENOMEM;
            return NULL;
        }
        i = slot_of(t, key);
    }
    if (!NG_GROW(t->rows, t->cap_rows, t->nfeat + 1)) {
        *rc = NG_ENOMEM;
        return NULL;
    }
    t->keys[i] = key;
    t->rowof[i] = (uint32_t)t->nfeat;
    prow *r = &t->rows[t->nfeat++];
    memset(r, 0, sizeof *r);
    return r;
}

/* The entry of class cls in row r, appended (moving the row to a bigger
 * chunk at the end of the pool when full); NULL when out of memory. */
static pent *entry_get(ng_ptrain *t, prow *r, uint32_t cls)
{
    for (uint32_t i = 0; i < r->n; i++)
        if (t->pool[r->off + i].cls == cls)
            return &t->pool[r->off + i];
    if (r->n == r->cap) {
        uint32_t cap = r->cap ? (uint32_t)r->cap * 2 : 2;
        cap = NG_MIN(cap, t->nclasses);
        if (!NG_GROW(t->pool, t->cap_pool, t->npool + cap))
            return NULL;
        if (r->n)
            memcpy(t->pool + t->npool, t->pool + r->off, r->n * sizeof *t->pool);
        r->off = (uint32_t)t->npool;
        r->cap = (uint16_t)cap;
        t->npool += cap;
    }
    pent *ne = &t->pool[r->off + r->n++];
    ne->w = 0;
    ne->u = 0;
    ne->cls = cls;
    return ne;
}

int ng_ptrain_add(ng_ptrain *t, const uint64_t *f, size_t n, uint32_t cls, float delta)
{
    if (cls >= t->nclasses)
        return NG_EARG;
    for (size_t k = 0; k < n; k++) {
        int rc = NG_OK;
        prow *r = row_get(t, f[k], &rc);
        if (!r)
            return rc;
        pent *e = entry_get(t, r, cls);
        if (!e)
            return NG_ENOMEM;
        e->w += delta;
        e->u += (double)t->clock * delta;
        r->nupd++;
    }
    return NG_OK;
}

void ng_ptrain_tick(ng_ptrain *t)
{
    t->clock++;
}

int ng_ptrain_update(ng_ptrain *t, const uint64_t *f, size_t n, uint32_t gold, uint32_t guess)
{
    int rc = NG_OK;
    if (gold != guess) {
        rc = ng_ptrain_add(t, f, n, gold, 1.0f);
        if (rc == NG_OK)
            rc = ng_ptrain_add(t, f, n, guess, -1.0f);
    }
    ng_ptrain_tick(t);
    return rc;
}

void ng_ptrain_score(const ng_ptrain *t, const uint64_t *f, size_t n, float *scores)
{
    memset(scores, 0, t->nclasses * sizeof *scores);
    for (size_t k = 0; k < n; k++) {
        size_t i = slot_of(t, f[k]);
        if (!t->keys[i])
            continue;
        const prow *r = &t->rows[t->rowof[i]];
        for (uint32_t j = 0; j < r->n; j++)
            scores[t->pool[r->off + j].cls] += t->pool[r->off + j].w;
    }
}

uint32_t ng_argmax_f(const float *scores, uint32_t n)
{
    uint32_t best = 0;
    for (uint32_t i = 1; i < n; i++)
        if (scores[i] > scores[best])
            best = i;
    return best;
}

uint32_t ng_argmax_i32(const int32_t *scores, uint32_t n)
{
    uint32_t best = 0;
    for (uint32_t i = 1; i < n; i++)
        if (scores[i] > scores[best])
            best = i;
    return best;
}

/* ------------------------------------------------------------ finalize */

/* A kept feature while finalizing: its key, row and averaged entries. */
typedef struct kept {
    uint64_t key;
    uint32_t first, n; /* into the averaged-entry array */
} kept;

typedef struct avg_ent {
    uint32_t cls;
    float w;
} avg_ent;

static int cmp_kept(const void *a, const void *b)
{
    uint64_t x = ((const kept *)a)->key, y = ((const kept *)b)->key;
    return x < y ? -1 : x > y;
}

static int cmp_ent(const void *a, const void *b)
{
    uint32_t x = ((const avg_ent *)a)->cls, y = ((const avg_ent *)b)->cls;
    return x < y ? -1 : x > y;
}

typedef struct fin {
    kept *k;
    size_t nk;
    avg_ent *e;
    size_t ne;
    float maxw;
} fin;

/* Average every weight and keep those that pass the pruning rules. */
static int average(const ng_ptrain *t, const ng_prune *pr, fin *fz)
{
    fz->k = ng_malloc((t->nfeat ? t->nfeat : 1) * sizeof *fz->k);
    fz->e = ng_malloc((t->npool ? t->npool : 1) * sizeof *fz->e);
    if (!fz->k || !fz->e)
        return NG_ENOMEM;
    double T = t->clock ? (double)t->clock : 1.0;
    for (size_t s = 0; s < t->nslots; s++) {
        if (!t->keys[s])
            continue;
        const prow *r = &t->rows[t->rowof[s]];
        if (r->nupd < pr->min_updates)
            continue;
        kept *k = &fz->k[fz->nk];
        k->key = t->keys[s];
        k->first = (uint32_t)fz->ne;
        for (uint32_t j = 0; j < r->n; j++) {
            const pent *e = &t->pool[r->off + j];
            float a = (float)(e->w - (t->clock ? e->u / T : 0.0));
            if (!(fabsf(a) >= pr->min_weight) || a == 0.0f)
                continue;
            fz->e[fz->ne++] = (avg_ent){e->cls, a};
            fz->maxw = NG_MAX(fz->maxw, fabsf(a));
        }
        k->n = (uint32_t)fz->ne - k->first;
        if (k->n)
            fz->nk++;
    }
    return NG_OK;
}

static uint32_t pow2_at_least(size_t n)
{
    uint32_t p = 16;
    while (p < n)
        p *= 2;
    return p;
}

/* Lay the kept features out as a model: sorted keys, quantised entries. */
static int build(const fin *fz, uint32_t nclasses, ng_pmodel *m)
{
    qsort(fz->k, fz->nk, sizeof *fz->k, cmp_kept);
    memset(m, 0, sizeof *m);
    m->nclasses = nclasses;
    m->nslots = pow2_at_least(fz->nk + fz->nk / 2 + 1); /* load at most 2/3 */
    m->scale = fz->maxw > 0 ? fz->maxw / 32767.0f : 1.0f;
    size_t bytes = (size_t)m->nslots * 16 + fz->ne * 4;
    m->owned = ng_calloc(1, bytes);
    if (!m->owned)
        return NG_ENOMEM;
    m->owned_size = bytes;
    uint64_t *slots = m->owned;
    uint32_t *ents = (uint32_t *)(slots + 2 * (size_t)m->nslots), ne = 0;
    for (size_t i = 0; i < fz->nk; i++) {
        const kept *k = &fz->k[i];
        qsort(fz->e + k->first, k->n, sizeof *fz->e, cmp_ent);
        uint32_t first = ne;
        for (uint32_t j = 0; j < k->n; j++) {
            const avg_ent *a = &fz->e[k->first + j];
            long q = lrintf(a->w / m->scale);
            q = NG_MAX(-32767, NG_MIN(32767, q));
            if (q)
                ents[ne++] = a->cls | (uint32_t)(uint16_t)(int16_t)q << 16;
        }
        if (ne == first)
            continue;
        uint32_t s = (uint32_t)k->key & (m->nslots - 1);
        while (slots[2 * s])
            s = (s + 1) & (m->nslots - 1);
        slots[2 * s] = k->key;
        slots[2 * s + 1] = first | (uint64_t)(ne - first) << 32;
        m->nfeatures++;
    }
    m->nents = ne;
    m->slots = slots;
    m->ents = ents;
    return NG_OK;
}

int ng_ptrain_finalize(const ng_ptrain *t, const ng_prune *prune, ng_pmodel *out)
{
    static const ng_prune none = {0.0f, 0};
    fin fz = {0};
    memset(out, 0, sizeof *out);
    int rc = average(t, prune ? prune : &none, &fz);
    if (rc == NG_OK)
        rc = build(&fz, t->nclasses, out);
    ng_free(fz.k, (t->nfeat ? t->nfeat : 1) * sizeof *fz.k);
    ng_free(fz.e, (t->npool ? t->npool : 1) * sizeof *fz.e);
    return rc;
}

void ng_shuffle_u32(ng_rng *r, uint32_t *a, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = ng_rng_below(r, (uint32_t)i);
        uint32_t tmp = a[i - 1];
        a[i - 1] = a[j];
        a[j] = tmp;
    }
}
