/*
 * mtable.c - building, storing, loading and scoring the bucketed model
 * table (mtable.h).  Scoring runs in three overlapped phases: prefetch
 * every feature's bucket; find the entries (branch-free within a bucket)
 * and prefetch the rows they name; add the weights.
 * Invariant: entry = fingerprint (bits 0-15) | kind (16-17) | payload.
 */
#include "parse/mtable.h"

#include <stdio.h>

enum { K_INLINE = 1, K_DENSE = 2, K_SPARSE = 3 };
#define INFO_WORDS 8 /* nclasses, npad, nbuckets, nfeatures, nrows, nents, scale bits, 0 */
#define ALIGN 64

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BIG_ENDIAN 1
#else
#define HOST_BIG_ENDIAN 0
#endif

static inline uint64_t fp_of(uint64_t f)
{
    uint64_t fp = (f >> 32) & 0xffff;
    return fp ? fp : 1;
}

static inline uint32_t home_of(uint64_t f, uint32_t nbuckets)
{
    return (uint32_t)(((f & 0xffffffffu) * (uint64_t)nbuckets) >> 32);
}

static inline unsigned kind_of(uint64_t e) { return (unsigned)(e >> 16) & 3; }
static inline uint32_t ref_of(uint64_t e) { return (uint32_t)(e >> 18); }
static inline uint32_t count_of(uint64_t e) { return (uint32_t)(e >> 50); }

void mtable_free(mtable *t)
{
    if (t->owned)
        ng_free(t->owned, t->owned_size);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------ building */

/* Sizes of a table for m: buckets at most 2/3 full, rows and entries. */
typedef struct plan {
    uint32_t nbuckets, nrows, nents;
} plan;

/* How a row of k nonzero weights is stored. */
static unsigned choose_kind(const mtable *t, uint32_t k)
{
    if (k <= 2)
        return K_INLINE;
    return t->npad <= 8 * k + 8 ? K_DENSE : K_SPARSE; /* a row of 32 from 3 weights on */
}

static uint32_t nonzero(const int32_t *w, uint32_t n)
{
    uint32_t k = 0;
    for (uint32_t c = 0; c < n; c++)
        k += w[c] != 0;
    return k;
}

static void make_plan(const mtable *t, const ng_pmodel *m, int32_t *w, plan *p)
{
    memset(p, 0, sizeof *p);
    uint32_t nf = 0;
    for (uint32_t i = 0; i < m->nslots; i++) {
        if (!m->slots[2 * (size_t)i])
            continue;
        ng_pmodel_slot_weights(m, i, w);
        uint32_t k = nonzero(w, m->nclasses);
        if (!k)
            continue;
        nf++;
        unsigned kind = choose_kind(t, k);
        p->nrows += kind == K_DENSE;
        p->nents += kind == K_SPARSE ? k : 0;
    }
    p->nbuckets = (uint32_t)(((uint64_t)nf * 3 / 2 + MT_BUCKET - 1) / MT_BUCKET + 1);
}

/* One block, 64-byte aligned, for buckets, rows and entries. */
static bool alloc_arrays(mtable *t, const plan *p)
{
    size_t bb = (size_t)p->nbuckets * MT_BUCKET * 8, rb = (size_t)p->nrows * t->npad * 2;
    t->owned_size = bb + rb + (size_t)p->nents * 4 + ALIGN;
    t->owned = ng_calloc(1, t->owned_size);
    if (!t->owned)
        return false;
    char *base = (char *)(((uintptr_t)t->owned + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1));
    t->buckets = (const uint64_t *)(void *)base;
    t->rows = (const int16_t *)(void *)(base + bb);
    t->ents = (const uint32_t *)(void *)(base + bb + rb);
    t->nbuckets = p->nbuckets;
    return true;
}

/* The payload entry of a feature with weights w (k nonzero), appending
 * its row when it has one. */
static uint64_t make_entry(mtable *t, const int32_t *w, uint32_t k)
{
    unsigned kind = choose_kind(t, k);
    uint64_t e = (uint64_t)kind << 16;
    if (kind == K_INLINE) {
        int shift = 18;
        for (uint32_t c = 0; c < t->nclasses; c++)
            if (w[c]) {
                e |= ((uint64_t)c | (uint64_t)(uint16_t)(int16_t)w[c] << 7) << shift;
                shift += 23;
            }
    } else if (kind == K_DENSE) {
        int16_t *row = (int16_t *)(void *)((char *)(uintptr_t)t->rows + (size_t)t->nrows * t->npad * 2);
        for (uint32_t c = 0; c < t->nclasses; c++)
            row[c] = (int16_t)w[c];
        e |= (uint64_t)t->nrows++ << 18;
    } else {
        uint32_t *ents = (uint32_t *)(uintptr_t)t->ents;
        e |= (uint64_t)t->nents << 18 | (uint64_t)k << 50;
        for (uint32_t c = 0; c < t->nclasses; c++)
            if (w[c])
                ents[t->nents++] = c | (uint32_t)(uint16_t)(int16_t)w[c] << 16;
    }
    return e;
}

/* Insert key f with entry payload e: false when its fingerprint clashes
 * along its buckets (the feature is then left out). */
static bool insert(mtable *t, uint64_t f, uint64_t e)
{
    uint64_t *b = (uint64_t *)(uintptr_t)t->buckets, fp = fp_of(f);
    for (uint32_t h = home_of(f, t->nbuckets);; h = h + 1 == t->nbuckets ? 0 : h + 1) {
        uint64_t *bk = b + (size_t)h * MT_BUCKET;
        for (int j = 0; j < MT_BUCKET; j++) {
            if (!bk[j]) {
                bk[j] = e | fp;
                return true;
            }
            if ((bk[j] & 0xffff) == fp)
                return false;
        }
    }
}

int mtable_build(mtable *t, const ng_pmodel *m, size_t *dropped)
{
    memset(t, 0, sizeof *t);
    if (dropped)
        *dropped = 0;
    if (m->nclasses == 0 || m->nclasses > MT_MAX_CLASSES)
        return NG_EARG;
    t->nclasses = m->nclasses;
    t->npad = (m->nclasses + 15) & ~15u;
    t->scale = m->scale;
    int32_t w[MT_MAX_CLASSES];
    plan p;
    make_plan(t, m, w, &p);
    if (!alloc_arrays(t, &p))
        return NG_ENOMEM;
    for (uint32_t i = 0; i < m->nslots; i++) {
        uint64_t f = m->slots[2 * (size_t)i];
        if (!f)
            continue;
        ng_pmodel_slot_weights(m, i, w);
        uint32_t k = nonzero(w, m->nclasses), nr = t->nrows, ne = t->nents;
        if (!k)
            continue;
        if (insert(t, f, make_entry(t, w, k))) {
            t->nfeatures++;
        } else {
            t->nrows = nr, t->nents = ne; /* the row stays unused (zeroed below) */
            if (dropped)
                (*dropped)++;
        }
    }
    return NG_OK;
}

/* ------------------------------------------------------------ the file */

static bool sec_name(char *out, const char *prefix, const char *what)
{
    int n = snprintf(out, NG_MF_NAME, "%s.%s", prefix, what);
    return n > 0 && n < NG_MF_NAME;
}

int mtable_write(ng_mwriter *w, const char *prefix, const mtable *t)
{
    char in[NG_MF_NAME], bn[NG_MF_NAME], rn[NG_MF_NAME], en[NG_MF_NAME];
    if (!sec_name(in, prefix, "info") || !sec_name(bn, prefix, "buckets") || !sec_name(rn, prefix, "rows") ||
        !sec_name(en, prefix, "ents"))
        return NG_EARG;
    uint32_t info[INFO_WORDS] = {t->nclasses, t->npad, t->nbuckets, t->nfeatures, t->nrows, t->nents, 0, 0};
    memcpy(&info[6], &t->scale, 4);
    size_t nr = (size_t)t->nrows * t->npad / 2; /* rows as u32 words: classes 2j (low) and 2j + 1 */
    uint32_t *rw = ng_malloc((nr ? nr : 1) * 4);
    if (!rw)
        return NG_ENOMEM;
    for (size_t i = 0; i < nr; i++)
        rw[i] = (uint16_t)t->rows[2 * i] | (uint32_t)(uint16_t)t->rows[2 * i + 1] << 16;
    int rc = ng_mwriter_add_u32s(w, in, info, INFO_WORDS);
    if (rc == NG_OK)
        rc = ng_mwriter_add_u64s(w, bn, t->buckets, (size_t)t->nbuckets * MT_BUCKET);
    if (rc == NG_OK)
        rc = ng_mwriter_add_u32s(w, rn, rw, nr);
    if (rc == NG_OK)
        rc = ng_mwriter_add_u32s(w, en, t->ents, t->nents);
    ng_free(rw, (nr ? nr : 1) * 4);
    return rc;
}

/* Whether entry e of a table is well formed. */
static bool entry_ok(const mtable *t, uint64_t e)
{
    switch (kind_of(e)) {
    case K_INLINE:
        return ((e >> 18) & 127) < t->nclasses && ((e >> 41) & 127) < t->nclasses;
    case K_DENSE:
        return ref_of(e) < t->nrows && (e >> 50) == 0;
    case K_SPARSE:
        return (uint64_t)(ref_of(e) & 0xffffffffu) + count_of(e) <= t->nents;
    default:
        return false;
    }
}

/* Check every entry, every sparse class, and that some bucket has room. */
static bool check(const mtable *t)
{
    size_t n = (size_t)t->nbuckets * MT_BUCKET, used = 0;
    bool room = false;
    for (size_t i = 0; i < n; i++) {
        uint64_t e = t->buckets[i];
        if (!e) {
            room = true;
            continue;
        }
        used++;
        if ((e & 0xffff) == 0 || !entry_ok(t, e))
            return false;
    }
    for (uint32_t i = 0; i < t->nents; i++)
        if ((t->ents[i] & 0xffff) >= t->nclasses)
            return false;
    return room && used == t->nfeatures;
}

/* Copy the sections into an aligned owned block (rows from u32 words). */
static int copy_in(mtable *t, const uint64_t *b, const uint32_t *r, const uint32_t *e)
{
    plan p = {t->nbuckets, t->nrows, t->nents};
    if (!alloc_arrays(t, &p))
        return NG_ENOMEM;
    memcpy((void *)(uintptr_t)t->buckets, b, (size_t)t->nbuckets * MT_BUCKET * 8);
    int16_t *rows = (int16_t *)(uintptr_t)t->rows;
    for (size_t i = 0; i < (size_t)t->nrows * t->npad / 2; i++)
        rows[2 * i] = (int16_t)(uint16_t)r[i], rows[2 * i + 1] = (int16_t)(uint16_t)(r[i] >> 16);
    memcpy((void *)(uintptr_t)t->ents, e, (size_t)t->nents * 4);
    return NG_OK;
}

/* The info words into t; false when they are out of range. */
static bool read_info(mtable *t, const uint32_t *info)
{
    t->nclasses = info[0], t->npad = info[1], t->nbuckets = info[2], t->nfeatures = info[3];
    t->nrows = info[4], t->nents = info[5];
    memcpy(&t->scale, &info[6], 4);
    return t->nclasses > 0 && t->nclasses <= MT_MAX_CLASSES && t->npad == ((t->nclasses + 15) & ~15u) &&
           t->nbuckets > 0 && t->nbuckets <= (UINT32_C(1) << 27);
}

int mtable_load(ng_mfile *f, const char *prefix, mtable *t, ng_error *err)
{
    const char *name = ng_mfile_name(f);
    char in[NG_MF_NAME], bn[NG_MF_NAME], rn[NG_MF_NAME], en[NG_MF_NAME];
    const uint32_t *info, *r, *e;
    const uint64_t *b;
    size_t ni, nb, nr, ne;
    memset(t, 0, sizeof *t);
    if (!sec_name(in, prefix, "info") || !sec_name(bn, prefix, "buckets") || !sec_name(rn, prefix, "rows") ||
        !sec_name(en, prefix, "ents"))
        return ng_err(err, NG_EMODEL, "%s: bad table name '%s'", name, prefix);
    int rc = ng_mfile_u32s(f, in, &info, &ni, err);
    if (rc == NG_OK)
        rc = ng_mfile_u64s(f, bn, &b, &nb, err);
    if (rc == NG_OK)
        rc = ng_mfile_u32s(f, rn, &r, &nr, err);
    if (rc == NG_OK)
        rc = ng_mfile_u32s(f, en, &e, &ne, err);
    if (rc != NG_OK)
        return rc;
    if (ni != INFO_WORDS || !read_info(t, info) || nb != (size_t)t->nbuckets * MT_BUCKET ||
        nr != (size_t)t->nrows * t->npad / 2 || ne != t->nents)
        return ng_err(err, NG_EMODEL, "%s: table '%s' has inconsistent sizes", name, prefix);
    if (copy_in(t, b, r, e) != NG_OK)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    if (!check(t)) {
        mtable_free(t);
        return ng_err(err, NG_EMODEL, "%s: table '%s' is corrupt", name, prefix);
    }
    return NG_OK;
}

/* ------------------------------------------------------------- scoring */

/* The entry of fingerprint fp starting at bucket h, or 0. */
static inline uint64_t find(const mtable *t, uint32_t h, uint64_t fp)
{
    for (;;) {
        const uint64_t *bk = t->buckets + (size_t)h * MT_BUCKET;
        uint64_t hit = 0;
        unsigned used = 0;
        for (int j = 0; j < MT_BUCKET; j++) {
            uint64_t e = bk[j];
            hit |= e & -(uint64_t)((e & 0xffff) == fp);
            used += e != 0;
        }
        if (hit || used < MT_BUCKET)
            return hit;
        h = h + 1 == t->nbuckets ? 0 : h + 1;
    }
}

static inline void add_inline(int32_t *sc, uint64_t e)
{
    sc[(e >> 18) & 127] += (int16_t)(uint16_t)(e >> 25);
    sc[(e >> 41) & 127] += (int16_t)(uint16_t)(e >> 48);
}

static inline void add_sparse(const mtable *t, int32_t *sc, uint64_t e)
{
    const uint32_t *p = t->ents + ref_of(e);
    for (uint32_t j = 0, n = count_of(e); j < n; j++)
        sc[p[j] & 0xffff] += (int16_t)(uint16_t)(p[j] >> 16);
}

static inline void add_dense_c(int32_t *sc, const int16_t *row, uint32_t npad)
{
    for (uint32_t c = 0; c < npad; c++)
        sc[c] += row[c];
}

/* Phases one and two of scoring: the entries of the features of f[n]
 * that the table has into hit (returns their count), their rows
 * prefetched. */
#define FIND_BODY(FIND)                                                              \
    uint32_t home[MT_MAX_FEATS];                                                     \
    size_t nh = 0;                                                                   \
    n = NG_MIN(n, (size_t)MT_MAX_FEATS);                                             \
    for (size_t k = 0; k < n; k++) {                                                 \
        home[k] = home_of(f[k], t->nbuckets);                                        \
        __builtin_prefetch(t->buckets + (size_t)home[k] * MT_BUCKET);                \
    }                                                                                \
    for (size_t k = 0; k < n; k++) {                                                 \
        uint64_t e = FIND(t, home[k], fp_of(f[k]));                                  \
        if (!e)                                                                      \
            continue;                                                                \
        if (kind_of(e) == K_DENSE)                                                   \
            __builtin_prefetch(t->rows + (size_t)ref_of(e) * t->npad);               \
        else if (kind_of(e) == K_SPARSE)                                             \
            __builtin_prefetch(t->ents + ref_of(e));                                 \
        hit[nh++] = e;                                                               \
    }                                                                                \
    return nh;

static size_t find_all_c(const mtable *t, const uint64_t *f, size_t n, uint64_t *hit) { FIND_BODY(find) }

/* Add the inline and sparse entries of hit[n] to sc; move the dense ones
 * to the front of hit and return their count. */
static size_t add_small(const mtable *t, uint64_t *hit, size_t n, int32_t *sc)
{
    size_t nd = 0;
    for (size_t k = 0; k < n; k++) {
        uint64_t e = hit[k];
        if (kind_of(e) == K_INLINE)
            add_inline(sc, e);
        else if (kind_of(e) == K_SPARSE)
            add_sparse(t, sc, e);
        else
            hit[nd++] = e;
    }
    return nd;
}

static void score_c(const mtable *t, const uint64_t *f, size_t n, int32_t *sc)
{
    uint64_t hit[MT_MAX_FEATS];
    memset(sc, 0, t->npad * sizeof *sc);
    size_t nd = add_small(t, hit, find_all_c(t, f, n, hit), sc);
    for (size_t k = 0; k < nd; k++)
        add_dense_c(sc, t->rows + (size_t)ref_of(hit[k]) * t->npad, t->npad);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

/* find() comparing the eight fingerprints of a bucket at once. */
__attribute__((target("avx2"))) static inline uint64_t find_avx2(const mtable *t, uint32_t h, uint64_t fp)
{
    const __m256i low = _mm256_set1_epi64x(0xffff), want = _mm256_set1_epi64x((long long)fp);
    const __m256i zero = _mm256_setzero_si256();
    for (;;) {
        const __m256i *bk = (const __m256i *)(const void *)(t->buckets + (size_t)h * MT_BUCKET);
        __m256i a = _mm256_load_si256(bk), b = _mm256_load_si256(bk + 1);
        unsigned ma = (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(_mm256_and_si256(a, low), want)));
        unsigned mb = (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(_mm256_and_si256(b, low), want)));
        unsigned m = ma | mb << 4;
        if (m)
            return t->buckets[(size_t)h * MT_BUCKET + (unsigned)__builtin_ctz(m)];
        unsigned za = (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(a, zero)));
        unsigned zb = (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(b, zero)));
        if (za | zb)
            return 0;
        h = h + 1 == t->nbuckets ? 0 : h + 1;
    }
}

__attribute__((target("avx2"))) static size_t find_all_avx2(const mtable *t, const uint64_t *f, size_t n,
                                                            uint64_t *hit)
{
    FIND_BODY(find_avx2)
}

/* The dense rows of hit[n] added eight classes per instruction; with 32
 * classes (the move model) the sums stay in four registers. */
__attribute__((target("avx2"))) static void add_dense_all_avx2(const mtable *t, const uint64_t *hit, size_t n,
                                                               int32_t *sc)
{
    if (t->npad == 32) {
        __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
        for (size_t k = 0; k < n; k++) {
            const __m128i *r = (const __m128i *)(const void *)(t->rows + (size_t)ref_of(hit[k]) * 32);
            a0 = _mm256_add_epi32(a0, _mm256_cvtepi16_epi32(_mm_load_si128(r)));
            a1 = _mm256_add_epi32(a1, _mm256_cvtepi16_epi32(_mm_load_si128(r + 1)));
            a2 = _mm256_add_epi32(a2, _mm256_cvtepi16_epi32(_mm_load_si128(r + 2)));
            a3 = _mm256_add_epi32(a3, _mm256_cvtepi16_epi32(_mm_load_si128(r + 3)));
        }
        __m256i *s = (__m256i *)(void *)sc;
        _mm256_storeu_si256(s, _mm256_add_epi32(_mm256_loadu_si256(s), a0));
        _mm256_storeu_si256(s + 1, _mm256_add_epi32(_mm256_loadu_si256(s + 1), a1));
        _mm256_storeu_si256(s + 2, _mm256_add_epi32(_mm256_loadu_si256(s + 2), a2));
        _mm256_storeu_si256(s + 3, _mm256_add_epi32(_mm256_loadu_si256(s + 3), a3));
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const int16_t *row = t->rows + (size_t)ref_of(hit[k]) * t->npad;
        for (uint32_t c = 0; c < t->npad; c += 8) {
            __m256i v = _mm256_cvtepi16_epi32(_mm_load_si128((const __m128i *)(const void *)(row + c)));
            __m256i *s = (__m256i *)(void *)(sc + c);
            _mm256_storeu_si256(s, _mm256_add_epi32(_mm256_loadu_si256(s), v));
        }
    }
}

__attribute__((target("avx2"))) static void score_avx2(const mtable *t, const uint64_t *f, size_t n, int32_t *sc)
{
    uint64_t hit[MT_MAX_FEATS];
    memset(sc, 0, t->npad * sizeof *sc);
    size_t nd = add_small(t, hit, find_all_avx2(t, f, n, hit), sc);
    add_dense_all_avx2(t, hit, nd, sc);
}

void mtable_score(const mtable *t, const uint64_t *f, size_t n, int32_t *sc)
{
    if (__builtin_cpu_supports("avx2"))
        score_avx2(t, f, n, sc);
    else
        score_c(t, f, n, sc);
}
#else
void mtable_score(const mtable *t, const uint64_t *f, size_t n, int32_t *sc) { score_c(t, f, n, sc); }
#endif

bool mtable_weights(const mtable *t, uint64_t f, int32_t *w)
{
    int32_t sc[MT_MAX_CLASSES];
    uint64_t e = find(t, home_of(f, t->nbuckets), fp_of(f));
    if (!e)
        return false;
    memset(sc, 0, sizeof sc);
    if (kind_of(e) == K_INLINE)
        add_inline(sc, e);
    else if (kind_of(e) == K_DENSE)
        add_dense_c(sc, t->rows + (size_t)ref_of(e) * t->npad, t->npad);
    else
        add_sparse(t, sc, e);
    memcpy(w, sc, t->nclasses * sizeof *w);
    return true;
}
