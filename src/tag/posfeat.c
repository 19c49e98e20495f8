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
       T_LWLWP1, T_SSHM1SSH, T_SSHP1, T_T1SUF3, T_CLS,
       T_R1 = 40, T_R1R2, T_T1R1, T_R1LW, T_R2 };

const char *const pos_template_names[] = {
    [T_BIAS] = "bias", [T_W] = "word", [T_LW] = "norm", [T_SUF1] = "suffix1", [T_SUF2] = "suffix2",
    [T_SUF3] = "suffix3", [T_SUF4] = "suffix4", [T_PRE1] = "prefix1", [T_PRE2] = "prefix2",
    [T_PRE3] = "prefix3", [T_SHAPE] = "shape", [T_SSHAPE] = "short-shape", [T_FLAGS] = "flags",
    [T_T1] = "tag-1", [T_T2T1] = "tag-2+tag-1", [T_T1LW] = "tag-1+norm", [T_LWM1] = "norm-1",
    [T_LWM2] = "norm-2", [T_LWP1] = "norm+1", [T_LWP2] = "norm+2", [T_SUF3M1] = "suffix3-1",
    [T_SUF3P1] = "suffix3+1", [T_LWM1LW] = "norm-1+norm", [T_LWLWP1] = "norm+norm+1",
    [T_SSHM1SSH] = "short-shape-1+short-shape", [T_SSHP1] = "short-shape+1", [T_T1SUF3] = "tag-1+suffix3",
    [T_CLS] = "class", [T_R1] = "right-tag+1", [T_R1R2] = "right-tag+1+2", [T_T1R1] = "tag-1+right-tag+1",
    [T_R1LW] = "right-tag+1+norm", [T_R2] = "right-tag+2",
};
const size_t pos_ntemplates = NG_ARRAY_LEN(pos_template_names);

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

/* Hash of the last k characters of s[0..n) (all of s when shorter). */
static uint64_t suffix(const char *s, size_t n, int k, uint64_t seed)
{
    size_t p = n;
    for (int j = 0; j < k && p > 0; j++) {
        p--;
        while (p > 0 && ((unsigned char)s[p] & 0xc0) == 0x80)
            p--;
    }
    return ng_hash(s + p, n - p, seed);
}

/* Hash of the first k characters of s[0..n). */
static uint64_t prefix(const char *s, size_t n, int k, uint64_t seed)
{
    size_t p = 0;
    for (int j = 0; j < k && p < n; j++) {
        p++;
        while (p < n && ((unsigned char)s[p] & 0xc0) == 0x80)
            p++;
    }
    return ng_hash(s, p, seed);
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
}

void pos_atoms_pad(pos_atoms *a, bool end)
{
    uint64_t v = end ? UINT64_C(0xe0d0e0d0e0d0e0d0) : UINT64_C(0x5a5a5a5a5a5a5a5a);
    a->w = a->lw = a->shape = a->sshape = a->flags = a->cls = v;
    for (int k = 0; k < 4; k++)
        a->suf[k] = v + 1;
    for (int k = 0; k < 3; k++)
        a->pre[k] = v + 2;
}

#include <stdlib.h>
static unsigned expbits(void) { static int v = -1; if (v < 0) { const char *e = getenv("POSEXP"); v = e ? atoi(e) : 0; } return (unsigned)v; }
size_t pos_features(const pos_atoms *a, const uint32_t *t, const uint32_t *r, uint64_t *f)
{
    unsigned X = expbits();
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
    if (X & 1) f[n++] = ng_feat2(100, t1, a[1].lw);
    if (X & 2) f[n++] = ng_feat3(101, t2, t1, c->lw);
    if (X & 4) f[n++] = ng_feat2(102, a[-1].lw, a[1].lw);
    if (X & 8) { f[n++] = ng_feat1(103, a[-1].suf[1]); f[n++] = ng_feat1(104, a[1].suf[1]); }
    if (X & 16) f[n++] = ng_feat2(105, t1, c->sshape);
    if (X & 32) { f[n++] = ng_feat1(106, a[-1].flags); f[n++] = ng_feat1(107, a[1].flags); }
    if (X & 64) f[n++] = ng_feat2(108, c->lw, c->sshape);
    if (X & 128) f[n++] = ng_feat2(109, t1, c->suf[3]);
    if (X & 256) f[n++] = ng_feat2(110, t1, c->w);
    if (X & 512) { f[n++] = ng_feat1(111, a[-1].suf[3]); f[n++] = ng_feat1(112, a[1].suf[3]); }
    if (X & 1024) { f[n++] = ng_feat1(113, a[-1].w); f[n++] = ng_feat1(114, a[1].w); }
    if (X & 2048) { f[n++] = ng_feat2(115, a[-2].lw, a[-1].lw); f[n++] = ng_feat2(116, a[1].lw, a[2].lw); }
    if (r && (X & 4096)) { f[n++] = ng_feat2(117, r[1], c->suf[2]); f[n++] = ng_feat3(118, t1, r[1], c->lw); }
    if (r && (X & 8192)) { f[n++] = ng_feat2(119, r[1], a[1].lw); f[n++] = ng_feat3(120, r[1], r[2], c->lw); }
    if (r && (X & 16384)) { f[n++] = ng_feat2(121, t2, r[1]); f[n++] = ng_feat3(122, t1, r[1], r[2]); }
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
