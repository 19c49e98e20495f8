/*
 * minhash.c - near-duplicate signatures: MinHash over word 3-shingles with
 * locality-sensitive hashing bands (Broder 1997; Leskovec et al., Mining of
 * Massive Datasets ch. 3).  Invariant: equal texts give equal signatures;
 * words are ASCII-lowercased runs of letters and digits (other bytes >= 0x80
 * are kept, so non-English words count too).
 */
#include "store/store.h"

#define SHINGLE_WORDS 3

static bool is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Hash of the next word at *pp (advancing it), 0 when no word is left. */
static uint64_t next_word(const char **pp, const char *end)
{
    const char *p = *pp;
    while (p < end && !is_word_byte((unsigned char)*p))
        p++;
    if (p == end) {
        *pp = p;
        return 0;
    }
    char w[64];
    size_t n = 0;
    uint64_t h = 0x51ed27;
    while (p < end && is_word_byte((unsigned char)*p)) {
        char c = *p++;
        w[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        if (n == sizeof w) { /* very long "words": hash in pieces */
            h = ng_hash(w, n, h);
            n = 0;
        }
    }
    *pp = p;
    return ng_hash(w, n, h) | 1; /* never 0 */
}

static void add_shingle(ng_minhash *m, uint64_t h)
{
    for (int i = 0; i < NG_MINHASH_K; i++) {
        uint32_t v = (uint32_t)(ng_hash_mix(h, (uint64_t)i * 0x9e3779b97f4a7c15ULL) >> 32);
        if (v < m->v[i])
            m->v[i] = v;
    }
}

void ng_minhash_text(const char *text, size_t len, ng_minhash *out)
{
    for (int i = 0; i < NG_MINHASH_K; i++)
        out->v[i] = UINT32_MAX;
    out->nshingles = 0;
    const char *p = text, *end = text + len;
    uint64_t win[SHINGLE_WORDS] = {0};
    size_t nwords = 0;
    for (uint64_t w; (w = next_word(&p, end)) != 0;) {
        win[nwords % SHINGLE_WORDS] = w;
        nwords++;
        if (nwords < SHINGLE_WORDS)
            continue;
        uint64_t h = 0;
        for (size_t k = nwords - SHINGLE_WORDS; k < nwords; k++)
            h = ng_hash_mix(h, win[k % SHINGLE_WORDS]);
        add_shingle(out, h);
        out->nshingles++;
    }
}

void ng_minhash_bands(const ng_minhash *m, int64_t out[NG_MINHASH_BANDS])
{
    const int rows = NG_MINHASH_K / NG_MINHASH_BANDS;
    for (int b = 0; b < NG_MINHASH_BANDS; b++)
        out[b] = (int64_t)(ng_hash(&m->v[b * rows], (size_t)rows * sizeof m->v[0], (uint64_t)b + 1) >> 1);
}

double ng_minhash_similarity(const ng_minhash *a, const ng_minhash *b)
{
    int same = 0;
    for (int i = 0; i < NG_MINHASH_K; i++)
        same += a->v[i] == b->v[i];
    return (double)same / NG_MINHASH_K;
}
