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

static inline void add_row(const ng_pmodel *m, uint32_t slot, int32_t *scores)
{
    uint64_t v = m->slots[2 * (size_t)slot + 1];
    const uint32_t *e = m->ents + (uint32_t)v;
    uint32_t n = (uint32_t)(v >> 32);
    for (uint32_t j = 0; j < n; j++)
        scores[e[j] & 0xffff] += (int16_t)(uint16_t)(e[j] >> 16);
}

void ng_pmodel_score(const ng_pmodel *m, const uint64_t *f, size_t n, int32_t *scores)
{
    memset(scores, 0, m->nclasses * sizeof *scores);
    if (m->nslots == 0)
        return;
    uint32_t mask = m->nslots - 1, idx[PREFETCH_BATCH];
    /* In batches: first touch every slot's cache line, then probe, so the
     * memory fetches overlap instead of queueing one after another. */
    for (size_t b = 0; b < n; b += PREFETCH_BATCH) {
        size_t nb = NG_MIN(n - b, (size_t)PREFETCH_BATCH);
        for (size_t k = 0; k < nb; k++) {
            idx[k] = (uint32_t)f[b + k] & mask;
            __builtin_prefetch(&m->slots[2 * (size_t)idx[k]]);
        }
        for (size_t k = 0; k < nb; k++) {
            int64_t s = probe(m, f[b + k], idx[k]);
            if (s >= 0)
                add_row(m, (uint32_t)s, scores);
        }
    }
}

const uint32_t *ng_pmodel_find(const ng_pmodel *m, uint64_t f, uint32_t *n)
{
    if (m->nslots == 0)
        return NULL;
    int64_t s = probe(m, f, (uint32_t)f & (m->nslots - 1));
    if (s < 0)
        return NULL;
    uint64_t v = m->slots[2 * (size_t)s + 1];
    *n = (uint32_t)(v >> 32);
    return m->ents + (uint32_t)v;
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

/* Every occupied slot points inside ents; every entry names a class. */
static int check_rows(const ng_mfile *f, const char *prefix, const ng_pmodel *m, ng_error *err)
{
    uint32_t used = 0;
    for (uint32_t i = 0; i < m->nslots; i++) {
        if (!m->slots[2 * (size_t)i])
            continue;
        uint64_t v = m->slots[2 * (size_t)i + 1];
        uint64_t off = (uint32_t)v, n = v >> 32;
        if (n > m->nents || off > m->nents - n)
            return ng_err(err, NG_EMODEL, "%s: model '%s': slot %u points outside the weights",
                          ng_mfile_name(f), prefix, i);
        used++;
    }
    if (used != m->nfeatures)
        return ng_err(err, NG_EMODEL, "%s: model '%s': %u features in the table, head says %u",
                      ng_mfile_name(f), prefix, used, m->nfeatures);
    for (uint32_t j = 0; j < m->nents; j++)
        if ((m->ents[j] & 0xffff) >= m->nclasses)
            return ng_err(err, NG_EMODEL, "%s: model '%s': weight %u names class %u of %u",
                          ng_mfile_name(f), prefix, j, m->ents[j] & 0xffff, m->nclasses);
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
