/*
 * posfeat.c - word atoms and feature templates of the POS tagger.
 * Invariant: nothing here allocates; a word longer than WORD_BYTES is
 * normalised from its first and last WORD_BYTES / 2 bytes.
 */
#include "tag/posfeat.h"

#include <utf8proc.h>

#define WORD_BYTES 64
#define SHAPE_BYTES 24

enum { T_BIAS = 1, T_W, T_LW, T_SUF1, T_SUF2, T_SUF3, T_SUF4, T_PRE1, T_PRE2, T_PRE3, T_SHAPE, T_SSHAPE,
       T_FLAGS, T_T1, T_T2T1, T_T1LW, T_LWM1, T_LWM2, T_LWP1, T_LWP2, T_SUF3M1, T_SUF3P1, T_LWM1LW,
       T_LWLWP1, T_SSHM1SSH, T_SSHP1, T_T1SUF3, T_CLS, T_LEX, T_LEXM1, T_LEXP1, T_LEXT1, T_LEXSUF,
       T_R1 = 40, T_R1R2, T_T1R1, T_R1LW, T_R2,
       T_CL = 48, T_CLM1 = 52, T_CLP1 = 56, T_CLM2 = 60, T_CLP2 = 64 /* + prefix index 0..3 */ };

const char *const pos_template_names[] = {
    [T_BIAS] = "bias", [T_W] = "word", [T_LW] = "norm", [T_SUF1] = "suffix1", [T_SUF2] = "suffix2",
    [T_SUF3] = "suffix3", [T_SUF4] = "suffix4", [T_PRE1] = "prefix1", [T_PRE2] = "prefix2",
    [T_PRE3] = "prefix3", [T_SHAPE] = "shape", [T_SSHAPE] = "short-shape", [T_FLAGS] = "flags",
    [T_T1] = "tag-1", [T_T2T1] = "tag-2+tag-1", [T_T1LW] = "tag-1+norm", [T_LWM1] = "norm-1",
    [T_LWM2] = "norm-2", [T_LWP1] = "norm+1", [T_LWP2] = "norm+2", [T_SUF3M1] = "suffix3-1",
    [T_SUF3P1] = "suffix3+1", [T_LWM1LW] = "norm-1+norm", [T_LWLWP1] = "norm+norm+1",
    [T_SSHM1SSH] = "short-shape-1+short-shape", [T_SSHP1] = "short-shape+1", [T_T1SUF3] = "tag-1+suffix3",
    [T_CLS] = "class", [T_LEX] = "lexicon", [T_LEXM1] = "lexicon-1", [T_LEXP1] = "lexicon+1",
    [T_LEXT1] = "lexicon+tag-1", [T_LEXSUF] = "lexicon+suffix3", [T_R1] = "right-tag+1",
    [T_R1R2] = "right-tag+1+2", [T_T1R1] = "tag-1+right-tag+1",
    [T_R1LW] = "right-tag+1+norm", [T_R2] = "right-tag+2",
    [T_CL] = "cluster4", "cluster6", "cluster10", "cluster20",
    [T_CLM1] = "cluster4-1", "cluster6-1", "cluster10-1", "cluster20-1",
    [T_CLP1] = "cluster4+1", "cluster6+1", "cluster10+1", "cluster20+1",
    [T_CLM2] = "cluster4-2", "cluster6-2", "cluster10-2", "cluster20-2",
    [T_CLP2] = "cluster4+2", "cluster6+2", "cluster10+2", "cluster20+2",
};
const size_t pos_ntemplates = NG_ARRAY_LEN(pos_template_names);
const unsigned POS_CLU_PREFIX[POS_CLU_NPREFIX] = {4, 6, 10, 20};

/* Lowercase ASCII, digits as '0'; long words keep their two ends. */
static size_t normalise(const char *s, size_t n, char *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (n > WORD_BYTES && i == WORD_BYTES / 2)
            i = n - WORD_BYTES / 2;
        unsigned char c = (unsigned char)s[i];
        out[m++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c >= '0' && c <= '9' ? '0' : c);
    }
    return m;
}

/* A value for the bytes s[0..n): short strings packed as they are (with
 * their length and a high bit), longer ones hashed; either way distinct
 * strings give distinct values (up to hash collisions). */
static uint64_t pack(const char *s, size_t n, uint64_t seed)
{
    if (n > 7)
        return ng_hash(s, n, seed) & ~(UINT64_C(1) << 63);
    uint64_t v = UINT64_C(1) << 63 | (uint64_t)n << 56;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return v;
}

/* Value of the last k characters of s[0..n) (all of s when shorter). */
static uint64_t suffix(const char *s, size_t n, int k, uint64_t seed)
{
    size_t p = n;
    for (int j = 0; j < k && p > 0; j++) {
        p--;
        while (p > 0 && ((unsigned char)s[p] & 0xc0) == 0x80)
            p--;
    }
    return pack(s + p, n - p, seed);
}

/* Value of the first k characters of s[0..n). */
static uint64_t prefix(const char *s, size_t n, int k, uint64_t seed)
{
    size_t p = 0;
    for (int j = 0; j < k && p < n; j++) {
        p++;
        while (p < n && ((unsigned char)s[p] & 0xc0) == 0x80)
            p++;
    }
    return pack(s, p, seed);
}

/* Character class for shapes: X upper, x lower, d digit, else the ASCII
 * punctuation itself, or '*' for other non-ASCII symbols. */
static char char_class(int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return 'X';
        if (cp >= 'a' && cp <= 'z')
            return 'x';
        if (cp >= '0' && cp <= '9')
            return 'd';
        return (char)cp;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return 'X';
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return 'x';
    case UTF8PROC_CATEGORY_ND: return 'd';
    default: return '*';
    }
}

enum { F_UPPER = 1, F_ALLUPPER = 2, F_DIGIT = 4, F_HYPHEN = 8, F_PERIOD = 16, F_ALPHA = 32, F_INITCAP = 64 };

/* Shapes (runs capped at 4, and at 1), flags and word class of s. */
static void shapes(pos_atoms *a, const char *s, size_t n)
{
    char sh[SHAPE_BYTES], ss[SHAPE_BYTES];
    size_t nsh = 0, nss = 0, run = 0, nupper = 0, nalpha = 0;
    unsigned flags = 0;
    const char *p = s, *end = s + n;
    char prev = 0;
    while (p < end) {
        char c = char_class(ng_utf8_next(&p, end));
        run = c == prev ? run + 1 : 1;
        if (run <= 4 && nsh < SHAPE_BYTES)
            sh[nsh++] = c;
        if (run == 1 && nss < SHAPE_BYTES)
            ss[nss++] = c;
        flags |= c == 'X' ? F_UPPER : c == 'd' ? F_DIGIT : c == '-' ? F_HYPHEN : c == '.' ? F_PERIOD : 0;
        nupper += c == 'X';
        nalpha += c == 'X' || c == 'x';
        if (prev == 0 && c == 'X')
            flags |= F_INITCAP;
        prev = c;
    }
    if (nalpha)
        flags |= F_ALPHA;
    if (nalpha > 1 && nupper == nalpha)
        flags |= F_ALLUPPER;
    unsigned lenb = n < 4 ? (unsigned)n : n < 6 ? 4 : n < 9 ? 5 : 6;
    a->shape = ng_hash(sh, nsh, 11);
    a->sshape = ng_hash(ss, nss, 12);
    a->flags = flags | lenb << 8;
}

static bool contains(const char *s, size_t n, const char *sub)
{
    size_t k = strlen(sub);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, sub, k) == 0)
            return true;
    return false;
}

/* A coarse class of tokens whose form says what they are. */
static unsigned word_class(const char *s, size_t n)
{
    size_t digits = 0, alpha = 0, punct = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        digits += c >= '0' && c <= '9';
        alpha += (c | 32) >= 'a' && (c | 32) <= 'z';
        punct += c < 0x80 && !(c >= '0' && c <= '9') && !((c | 32) >= 'a' && (c | 32) <= 'z');
    }
    if (n >= 4 && (contains(s, n, "://") || ng_strnieq(s, "www.", 4)))
        return 1; /* URL */
    if (memchr(s, '@', n) && memchr(s, '.', n) && alpha)
        return 2; /* e-mail */
    if (digits && digits + punct == n)
        return n == 4 && digits == 4 && (s[0] == '1' || s[0] == '2') ? 3 /* year */ : 4 /* number */;
    if (digits && alpha && n <= 6 && digits + 2 >= n)
        return 5; /* 1st, 2nd, 10th, 3pm */
    if (punct == n)
        return 6;
    return 0;
}

void pos_atoms_compute(pos_atoms *a, const char *s, size_t n)
{
    char nb[WORD_BYTES];
    size_t m = normalise(s, n, nb);
    a->w = ng_hash(s, n, 1);
    a->lw = ng_hash(nb, m, 2);
    for (int k = 0; k < 4; k++)
        a->suf[k] = suffix(nb, m, k + 1, 3);
    for (int k = 0; k < 3; k++)
        a->pre[k] = prefix(nb, m, k + 1, 4);
    shapes(a, s, n);
    a->cls = word_class(s, n);
    a->lex = a->clu = 0;
}

uint32_t pos_lex_find(const struct ng_pos *m, const char *s, size_t n)
{
    if (!m->lex_slots)
        return 0;
    uint32_t c = pos_lex_get(m->lex, m->lex_slots, pos_lex_hash(s, n));
    if (c || n > WORD_BYTES)
        return c + 1;
    char low[WORD_BYTES];
    bool upper = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        upper |= ch >= 'A' && ch <= 'Z';
        low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    return 1 + (upper ? pos_lex_get(m->lex, m->lex_slots, pos_lex_hash(low, n)) : 0);
}

uint64_t pos_clu_find(const struct ng_pos *m, const char *s, size_t n)
{
    if (!m->clu_slots)
        return 0;
    uint32_t c = pos_lex_get(m->clu, m->clu_slots, pos_lex_hash(s, n));
    if (!c && n <= WORD_BYTES) {
        char low[WORD_BYTES];
        bool upper = false;
        for (size_t i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)s[i];
            upper |= ch >= 'A' && ch <= 'Z';
            low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        }
        if (upper)
            c = pos_lex_get(m->clu, m->clu_slots, pos_lex_hash(low, n));
    }
    return c && c <= m->nclusters ? m->clpath[c - 1] : 1;
}

void pos_clu_set(pos_atoms *a, uint64_t v)
{
    a->clu = v;
    unsigned len = v ? 63u - (unsigned)__builtin_clzll(v) : 0;
    for (int k = 0; k < POS_CLU_NPREFIX; k++)
        a->cp[k] = len <= POS_CLU_PREFIX[k] ? v : v >> (len - POS_CLU_PREFIX[k]);
}

/* Padding values of the model-dependent atoms (distinct from any word's). */
static void pad_model_atoms(const struct ng_pos *m, pos_atoms *a, bool end)
{
    a->lex = m->lex_slots ? 0xfffff : 0;
    a->clu = m->clu_slots ? UINT64_C(0xc1a5) << 48 | end : 0;
    for (int k = 0; k < POS_CLU_NPREFIX; k++)
        a->cp[k] = a->clu + 2 * (uint64_t)k;
}

void pos_sentence_atoms(const struct ng_pos *m, const char *(*word)(const void *ud, size_t i, size_t *len),
                        const void *ud, size_t n, pos_atoms *a, int32_t *dict)
{
    for (int k = 1; k <= POS_PAD; k++) {
        pos_atoms_pad(&a[-k], false);
        pad_model_atoms(m, &a[-k], false);
        pos_atoms_pad(&a[n + (size_t)k - 1], true);
        pad_model_atoms(m, &a[n + (size_t)k - 1], true);
    }
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = word(ud, i, &len);
        pos_atoms_compute(&a[i], s, len);
        dict[i] = pos_dict_find(m, s, len);
        a[i].lex = pos_lex_find(m, s, len);
        pos_clu_set(&a[i], pos_clu_find(m, s, len));
    }
}

void pos_atoms_pad(pos_atoms *a, bool end)
{
    uint64_t v = end ? UINT64_C(0xe0d0e0d0e0d0e0d0) : UINT64_C(0x5a5a5a5a5a5a5a5a);
    a->w = a->lw = a->shape = a->sshape = a->flags = a->cls = v;
    a->lex = a->clu = 0; /* pos_sentence_atoms sets them for models with a lexicon, clusters */
    for (int k = 0; k < 4; k++)
        a->suf[k] = v + 1;
    for (int k = 0; k < 3; k++)
        a->pre[k] = v + 2;
}

/* Brown-cluster features of a[0] and its neighbours, appended at f[n]. */
static size_t cluster_features(const pos_atoms *a, uint64_t *f, size_t n)
{
    for (unsigned k = 0; k < POS_CLU_NPREFIX; k++) {
        f[n++] = ng_feat1(T_CL + k, a[0].cp[k]);
        f[n++] = ng_feat1(T_CLM1 + k, a[-1].cp[k]);
        f[n++] = ng_feat1(T_CLP1 + k, a[1].cp[k]);
        f[n++] = ng_feat1(T_CLM2 + k, a[-2].cp[k]);
        f[n++] = ng_feat1(T_CLP2 + k, a[2].cp[k]);
    }
    return n;
}

size_t pos_features(const pos_atoms *a, const uint32_t *t, const uint32_t *r, uint64_t *f)
{
    size_t n = 0;
    const pos_atoms *c = &a[0];
    uint64_t t1 = t[-1], t2 = t[-2];
    f[n++] = ng_feat1(T_BIAS, 0);
    f[n++] = ng_feat1(T_W, c->w);
    f[n++] = ng_feat1(T_LW, c->lw);
    for (int k = 0; k < 4; k++)
        f[n++] = ng_feat1(T_SUF1 + (unsigned)k, c->suf[k]);
    for (int k = 0; k < 3; k++)
        f[n++] = ng_feat1(T_PRE1 + (unsigned)k, c->pre[k]);
    f[n++] = ng_feat1(T_SHAPE, c->shape);
    f[n++] = ng_feat1(T_SSHAPE, c->sshape);
    f[n++] = ng_feat1(T_FLAGS, c->flags);
    f[n++] = ng_feat1(T_T1, t1);
    f[n++] = ng_feat2(T_T2T1, t2, t1);
    f[n++] = ng_feat2(T_T1LW, t1, c->lw);
    f[n++] = ng_feat1(T_LWM1, a[-1].lw);
    f[n++] = ng_feat1(T_LWM2, a[-2].lw);
    f[n++] = ng_feat1(T_LWP1, a[1].lw);
    f[n++] = ng_feat1(T_LWP2, a[2].lw);
    f[n++] = ng_feat1(T_SUF3M1, a[-1].suf[2]);
    f[n++] = ng_feat1(T_SUF3P1, a[1].suf[2]);
    f[n++] = ng_feat2(T_LWM1LW, a[-1].lw, c->lw);
    f[n++] = ng_feat2(T_LWLWP1, c->lw, a[1].lw);
    f[n++] = ng_feat2(T_SSHM1SSH, a[-1].sshape, c->sshape);
    f[n++] = ng_feat1(T_SSHP1, a[1].sshape);
    f[n++] = ng_feat2(T_T1SUF3, t1, c->suf[2]);
    if (c->cls)
        f[n++] = ng_feat1(T_CLS, c->cls);
    if (c->lex) { /* only models trained with a lexicon have these */
        f[n++] = ng_feat1(T_LEX, c->lex);
        f[n++] = ng_feat1(T_LEXM1, a[-1].lex);
        f[n++] = ng_feat1(T_LEXP1, a[1].lex);
        f[n++] = ng_feat2(T_LEXT1, c->lex, t1);
        f[n++] = ng_feat2(T_LEXSUF, c->lex, c->suf[2]);
    }
    if (c->clu) /* only models trained with clusters have these */
        n = cluster_features(a, f, n);
    if (r) {
        uint64_t r1 = r[1], r2 = r[2];
        f[n++] = ng_feat1(T_R1, r1);
        f[n++] = ng_feat2(T_R1R2, r1, r2);
        f[n++] = ng_feat2(T_T1R1, t1, r1);
        f[n++] = ng_feat2(T_R1LW, r1, c->lw);
        f[n++] = ng_feat1(T_R2, r2);
    }
    return n;
}
