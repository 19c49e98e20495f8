/*
 * pmodel.c - the compact, read-only perceptron model: scoring, and storing
 * it in / loading it from a model file.  Invariant (checked on load): every
 * slot's run of entries lies inside ents, every entry's class is below
 * nclasses, and at least one slot is empty, so every probe terminates.
 */
#include "learn/learn.h"

#include <math.h>

#define HEAD_WORDS 8 /* magic, nclasses, nslots, nfeatures, nents, scale bits, 0, 0 */
#define HEAD_MAGIC 0x31544d50u /* "PMT1" */
#define PREFETCH_BATCH 32

void ng_pmodel_free(ng_pmodel *m)
{
    if (m && m->owned)
        ng_free(m->owned, m->owned_size);
    if (m)
        memset(m, 0, sizeof *m);
}

/* Slot index of key, or -1 when absent. */
static inline int64_t probe(const ng_pmodel *m, uint64_t key, uint32_t i)
{
    uint32_t mask = m->nslots - 1;
    for (;;) {
        uint64_t k = m->slots[2 * (size_t)i];
        if (k == key)
            return i;
        if (k == 0)
            return -1;
        i = (i + 1) & mask;
    }
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BIG_ENDIAN 1
#else
#define HOST_BIG_ENDIAN 0
#endif

/* acc[c] += the dense row's weight of class c, for c < npad (nclasses
 * rounded up to 8), one class at a time: the portable version. */
static inline void add_dense_c(const uint32_t *row, uint32_t npad, int32_t *acc)
{
    for (uint32_t c = 0; c < npad; c++)
        acc[c] += (int16_t)(uint16_t)(row[c / 2] >> (16 * (c % 2)));
}

static inline void add_sparse(const uint32_t *e, uint32_t n, int32_t *acc)
{
    for (uint32_t j = 0; j < n; j++)
        acc[e[j] & 0xffff] += (int16_t)(uint16_t)(e[j] >> 16);
}

/* The scoring loop, instantiated once per way of adding dense rows.  In
 * batches: first touch every slot's cache line, then probe and touch the
 * rows found, then add them, so the memory fetches overlap instead of
 * queueing one after another. */
#define SCORE_BODY(ADD_DENSE)                                                            \
    int32_t acc[NG_PT_MAX_CLASSES + 8];                                                  \
    uint32_t npad = ng_pmodel_npad(m->nclasses), mask = m->nslots - 1;                   \
    uint32_t idx[PREFETCH_BATCH];                                                        \
    uint64_t row[PREFETCH_BATCH];                                                        \
    memset(acc, 0, npad * sizeof *acc);                                                  \
    for (size_t b = 0; m->nslots && b < n; b += PREFETCH_BATCH) {                        \
        size_t nb = NG_MIN(n - b, (size_t)PREFETCH_BATCH), nr = 0;                       \
        for (size_t k = 0; k < nb; k++) {                                                \
            idx[k] = (uint32_t)f[b + k] & mask;                                          \
            __builtin_prefetch(&m->slots[2 * (size_t)idx[k]]);                           \
        }                                                                                \
        for (size_t k = 0; k < nb; k++) {                                                \
            int64_t s = probe(m, f[b + k], idx[k]);                                      \
            if (s < 0)                                                                   \
                continue;                                                                \
            row[nr] = m->slots[2 * (size_t)s + 1];                                       \
            __builtin_prefetch(m->ents + (uint32_t)row[nr]);                             \
            __builtin_prefetch(m->ents + (uint32_t)row[nr] + 16);                        \
            nr++;                                                                        \
        }                                                                                \
        for (size_t k = 0; k < nr; k++) {                                                \
            const uint32_t *e = m->ents + (uint32_t)row[k];                              \
            if (row[k] & NG_PSLOT_DENSE)                                                 \
                ADD_DENSE(e, npad, acc);                                                 \
            else                                                                         \
                add_sparse(e, (uint32_t)(row[k] >> 32), acc);                            \
        }                                                                                \
    }                                                                                    \
    memcpy(scores, acc, m->nclasses * sizeof *scores);

#if defined(__x86_64__) && !HOST_BIG_ENDIAN && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
/* Eight classes per step (SSE2: every x86-64 has it). */
static inline void add_dense_sse2(const uint32_t *row, uint32_t npad, int32_t *acc)
{
    const int16_t *w = (const int16_t *)(const void *)row;
    for (uint32_t c = 0; c < npad; c += 8) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(w + c));
        __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16);
        __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16);
        __m128i *s = (__m128i *)(void *)(acc + c);
        _mm_storeu_si128(s, _mm_add_epi32(_mm_loadu_si128(s), lo));
        _mm_storeu_si128(s + 1, _mm_add_epi32(_mm_loadu_si128(s + 1), hi));
    }
}

/* Eight classes per instruction (AVX2, chosen at run time). */
__attribute__((target("avx2"))) static inline void add_dense_avx2(const uint32_t *row, uint32_t npad,
                                                                  int32_t *acc)
{
    const int16_t *w = (const int16_t *)(const void *)row;
    for (uint32_t c = 0; c < npad; c += 8) {
        __m256i v = _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(w + c)));
        __m256i *s = (__m256i *)(void *)(acc + c);
        _mm256_storeu_si256(s, _mm256_add_epi32(_mm256_loadu_si256(s), v));
    }
}

__attribute__((target("avx2"))) static void score_avx2(const ng_pmodel *m, const uint64_t *f, size_t n,
                                                       int32_t *scores)
{
    SCORE_BODY(add_dense_avx2)
}

static void score_sse2(const ng_pmodel *m, const uint64_t *f, size_t n, int32_t *scores)
{
    SCORE_BODY(add_dense_sse2)
}

void ng_pmodel_score(const ng_pmodel *m, const uint64_t *f, size_t n, int32_t *scores)
{
    if (__builtin_cpu_supports("avx2"))
        score_avx2(m, f, n, scores);
    else
        score_sse2(m, f, n, scores);
}
#else
void ng_pmodel_score(const ng_pmodel *m, const uint64_t *f, size_t n, int32_t *scores)
{
    SCORE_BODY(add_dense_c)
}
#endif

static inline void add_row(const ng_pmodel *m, uint32_t slot, int32_t *acc)
{
    uint64_t v = m->slots[2 * (size_t)slot + 1];
    const uint32_t *e = m->ents + (uint32_t)v;
    if (v & NG_PSLOT_DENSE)
        add_dense_c(e, ng_pmodel_npad(m->nclasses), acc);
    else
        add_sparse(e, (uint32_t)(v >> 32), acc);
}

void ng_pmodel_slot_weights(const ng_pmodel *m, uint32_t i, int32_t *w)
{
    int32_t acc[NG_PT_MAX_CLASSES + 8];
    memset(acc, 0, ng_pmodel_npad(m->nclasses) * sizeof *acc);
    add_row(m, i, acc);
    memcpy(w, acc, m->nclasses * sizeof *w);
}

bool ng_pmodel_weights(const ng_pmodel *m, uint64_t f, int32_t *w)
{
    int64_t s = m->nslots ? probe(m, f, (uint32_t)f & (m->nslots - 1)) : -1;
    if (s < 0)
        return false;
    ng_pmodel_slot_weights(m, (uint32_t)s, w);
    return true;
}

/* Whether the sparse row of n weights is scored faster as a dense one (the
 * trainer's rule: at least a quarter of the classes). */
static bool wants_dense(uint32_t n, uint32_t nclasses)
{
    return (uint64_t)n * 4 >= nclasses;
}

/* Row e[n] (slot value v) copied as it is into ents at *ne; the new value. */
static uint64_t relay_sparse(const uint32_t *e, uint64_t v, uint32_t n, uint32_t *ents, uint32_t *ne)
{
    uint32_t first = *ne;
    memcpy(ents + first, e, n * sizeof *ents);
    *ne += n;
    return first | (v & ~(uint64_t)UINT32_MAX);
}

/* Row of slot value v into ents at *ne, dense when wanted (and every class
 * in it is distinct); the new value. */
static uint64_t relay_row(const ng_pmodel *m, uint64_t v, uint32_t *ents, uint32_t *ne)
{
    const uint32_t *e = m->ents + (uint32_t)v;
    uint32_t n = (uint32_t)((v & ~NG_PSLOT_DENSE) >> 32), first = *ne, words = ng_pmodel_npad(m->nclasses) / 2;
    if ((v & NG_PSLOT_DENSE) || !wants_dense(n, m->nclasses))
        return relay_sparse(e, v, n, ents, ne);
    memset(ents + first, 0, words * sizeof *ents);
    for (uint32_t j = 0; j < n; j++) {
        uint32_t c = ng_pent_class(e[j]), w = e[j] >> 16, shift = c % 2 ? 16 : 0;
        if ((ents[first + c / 2] >> shift) & 0xffff) /* a class twice: its sum might not fit */
            return relay_sparse(e, v, n, ents, ne);
        ents[first + c / 2] |= w << shift;
    }
    *ne += words;
    return first | (uint64_t)words << 32 | NG_PSLOT_DENSE;
}

int ng_pmodel_densify(ng_pmodel *m)
{
    uint32_t words = ng_pmodel_npad(m->nclasses) / 2;
    uint64_t need = 0, convert = 0;
    for (uint32_t i = 0; i < m->nslots; i++) {
        uint64_t v = m->slots[2 * (size_t)i + 1], n = (v & ~NG_PSLOT_DENSE) >> 32;
        if (!m->slots[2 * (size_t)i])
            continue;
        bool d = !(v & NG_PSLOT_DENSE) && wants_dense((uint32_t)n, m->nclasses);
        convert += d;
        need += d && n < words ? words : n; /* a row that stays sparse (a class twice) keeps its n */
    }
    if (!convert)
        return NG_OK;
    if (need >= UINT32_MAX)
        return NG_ENOMEM;
    size_t bytes = (size_t)m->nslots * 16 + (size_t)need * 4;
    uint64_t *slots = ng_malloc(bytes);
    if (!slots)
        return NG_ENOMEM;
    uint32_t *ents = (uint32_t *)(slots + 2 * (size_t)m->nslots), ne = 0;
    for (uint32_t i = 0; i < m->nslots; i++) {
        slots[2 * (size_t)i] = m->slots[2 * (size_t)i];
        slots[2 * (size_t)i + 1] = slots[2 * (size_t)i] ? relay_row(m, m->slots[2 * (size_t)i + 1], ents, &ne) : 0;
    }
    if (m->owned)
        ng_free(m->owned, m->owned_size);
    m->owned = slots;
    m->owned_size = bytes;
    m->slots = slots;
    m->ents = ents;
    m->nents = ne;
    return NG_OK;
}

/* "<prefix>.<what>" into out (NG_MF_NAME bytes); false when too long. */
static bool sec_name(char *out, const char *prefix, const char *what)
{
    int n = snprintf(out, NG_MF_NAME, "%s.%s", prefix, what);
    return n > 0 && n < NG_MF_NAME;
}

int ng_pmodel_write(ng_mwriter *w, const char *prefix, const ng_pmodel *m)
{
    char hn[NG_MF_NAME], sn[NG_MF_NAME], en[NG_MF_NAME];
    if (strlen(prefix) > 16 || !sec_name(hn, prefix, "head") || !sec_name(sn, prefix, "slots") ||
        !sec_name(en, prefix, "ents"))
        return NG_EARG;
    uint32_t scale_bits;
    memcpy(&scale_bits, &m->scale, 4);
    uint32_t head[HEAD_WORDS] = {HEAD_MAGIC, m->nclasses, m->nslots, m->nfeatures, m->nents, scale_bits, 0, 0};
    int rc = ng_mwriter_add_u32s(w, hn, head, HEAD_WORDS);
    if (rc == NG_OK)
        rc = ng_mwriter_add_u64s(w, sn, m->slots, (size_t)m->nslots * 2);
    if (rc == NG_OK)
        rc = ng_mwriter_add_u32s(w, en, m->ents, m->nents);
    return rc;
}

/* The head section: counts and the scale. */
static int load_head(ng_mfile *f, const char *name, ng_pmodel *m, ng_error *err)
{
    const uint32_t *h;
    size_t n;
    int rc = ng_mfile_u32s(f, name, &h, &n, err);
    if (rc != NG_OK)
        return rc;
    if (n != HEAD_WORDS || h[0] != HEAD_MAGIC)
        return ng_err(err, NG_EMODEL, "%s: section '%s' is not a perceptron model head", ng_mfile_name(f), name);
    m->nclasses = h[1];
    m->nslots = h[2];
    m->nfeatures = h[3];
    m->nents = h[4];
    memcpy(&m->scale, &h[5], 4);
    if (m->nclasses == 0 || m->nclasses > NG_PT_MAX_CLASSES || m->nslots < 2 ||
        (m->nslots & (m->nslots - 1)) || m->nfeatures >= m->nslots || !isfinite(m->scale) || !(m->scale > 0))
        return ng_err(err, NG_EMODEL, "%s: section '%s' has impossible values (classes %u, slots %u, "
                      "features %u)", ng_mfile_name(f), name, m->nclasses, m->nslots, m->nfeatures);
    return NG_OK;
}

/* Every occupied slot points inside ents, a dense row has the size of one,
 * and every sparse entry names a class. */
static int check_rows(const ng_mfile *f, const char *prefix, const ng_pmodel *m, ng_error *err)
{
    uint32_t used = 0, words = ng_pmodel_npad(m->nclasses) / 2;
    for (uint32_t i = 0; i < m->nslots; i++) {
        if (!m->slots[2 * (size_t)i])
            continue;
        uint64_t v = m->slots[2 * (size_t)i + 1];
        uint64_t off = (uint32_t)v, n = (v & ~NG_PSLOT_DENSE) >> 32;
        bool dense = v & NG_PSLOT_DENSE;
        if (n > m->nents || off > m->nents - n || (dense && n != words))
            return ng_err(err, NG_EMODEL, "%s: model '%s': slot %u points outside the weights",
                          ng_mfile_name(f), prefix, i);
        for (uint64_t j = off; !dense && j < off + n; j++)
            if ((m->ents[j] & 0xffff) >= m->nclasses)
                return ng_err(err, NG_EMODEL, "%s: model '%s': weight %llu names class %u of %u",
                              ng_mfile_name(f), prefix, (unsigned long long)j, m->ents[j] & 0xffff, m->nclasses);
        used++;
    }
    if (used != m->nfeatures)
        return ng_err(err, NG_EMODEL, "%s: model '%s': %u features in the table, head says %u",
                      ng_mfile_name(f), prefix, used, m->nfeatures);
    return NG_OK;
}

int ng_pmodel_load(ng_mfile *f, const char *prefix, ng_pmodel *m, ng_error *err)
{
    char hn[NG_MF_NAME], sn[NG_MF_NAME], en[NG_MF_NAME];
    memset(m, 0, sizeof *m);
    if (strlen(prefix) > 16 || !sec_name(hn, prefix, "head") || !sec_name(sn, prefix, "slots") ||
        !sec_name(en, prefix, "ents"))
        return ng_err(err, NG_EARG, "%s: bad model prefix '%s'", ng_mfile_name(f), prefix);
    int rc = load_head(f, hn, m, err);
    size_t nslots2 = 0, nents = 0;
    if (rc == NG_OK)
        rc = ng_mfile_u64s(f, sn, &m->slots, &nslots2, err);
    if (rc == NG_OK)
        rc = ng_mfile_u32s(f, en, &m->ents, &nents, err);
    if (rc == NG_OK && (nslots2 != (size_t)m->nslots * 2 || nents != m->nents))
        rc = ng_err(err, NG_EMODEL, "%s: model '%s': section sizes disagree with its head", ng_mfile_name(f),
                    prefix);
    if (rc == NG_OK)
        rc = check_rows(f, prefix, m, err);
    if (rc != NG_OK)
        memset(m, 0, sizeof *m);
    return rc;
}
