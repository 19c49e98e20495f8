/*
 * pfeat1.c - feature set version 1 of the parser (joint move and label, no
 * clusters), kept so models trained with it load and parse as before.
 * Invariant: frozen; new templates go to pfeat.c (version 2 on).
 */
#include "parse/pfeat1.h"

#define NONE_VAL UINT64_C(0x51ab7e1d)
#define ROOT_VAL UINT64_C(0x7007cafe)

/* Normalised form: ASCII lowercase, ASCII digits as '0'. */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = NG_MIN(n, cap);
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c >= '0' && c <= '9' ? '0' : c);
    }
    return k;
}

void pf1_word_set(pf1_word *a, const char *s, size_t n, int upos, int xpos)
{
    char buf[64];
    size_t k = normalise(s, n, buf, sizeof buf);
    a->w = ng_hash(buf, k, 0x3a11) | 1;
    a->p = xpos > 0 ? (uint64_t)xpos : 1000 + (uint64_t)upos;
    a->u = (uint64_t)upos + 2000;
    a->wp = ng_mix64(a->w ^ (a->p * UINT64_C(0x9e3779b97f4a7c15)));
    size_t sl = NG_MIN(k, (size_t)3);
    a->suf = ng_mix64(ng_hash(buf + k - sl, sl, 0x5f) + a->p);
}

void pf1_word_pad(pf1_word *a, bool root)
{
    uint64_t v = root ? ROOT_VAL : NONE_VAL;
    a->w = a->p = a->u = a->suf = v;
    a->wp = ng_mix64(v);
}

/* Distance buckets: 1..5 exactly, then 6-9, 10+. */
static uint64_t dist_bucket(int32_t d)
{
    if (d < 0)
        d = -d;
    return d <= 5 ? (uint64_t)d : d < 10 ? 6 : 7;
}

static uint64_t valency(uint16_t v) { return v < 4 ? v : 4; }

/* Index of position x in the words array (none -> n + 1). */
static inline uint32_t at(const as_state *s, int32_t x) { return x == AS_NONE ? s->n + 1 : (uint32_t)x; }

/* Label of x's arc (or a "none" value) for features. */
static inline uint64_t lab(const as_state *s, int32_t x)
{
    return x == AS_NONE || s->head[x] == AS_NONE ? 999 : s->label[x];
}

/* The context: positions and their atoms. */
typedef struct ctx {
    const pf1_word *s0, *s1, *s2, *b0, *b1, *b2;
    const pf1_word *s0l, *s0r, *s0l2, *s0r2, *s1l, *s1r, *b0l, *b0l2;
    uint64_t s0ll, s0rl, s0l2l, s0r2l, s1rl, s1ll, b0ll, b0l2l;
    uint64_t d, d01, s0vl, s0vr, b0vl, s1vr, s0ls, s0rs, b0ls;
} ctx;

static void fill_ctx(ctx *c, const as_state *s, const pf1_word *w)
{
    int32_t s0 = as_s(s, 0), s1 = as_s(s, 1), s2 = as_s(s, 2), b0 = (int32_t)s->b0;
    int32_t b1 = b0 + 1 <= (int32_t)s->n ? b0 + 1 : AS_NONE, b2 = b0 + 2 <= (int32_t)s->n ? b0 + 2 : AS_NONE;
    uint32_t i0 = at(s, s0), i1 = at(s, s1), ib = (uint32_t)b0;
    c->s0 = &w[i0], c->s1 = &w[i1], c->s2 = &w[at(s, s2)];
    c->b0 = &w[ib], c->b1 = &w[at(s, b1)], c->b2 = &w[at(s, b2)];
    c->s0l = &w[at(s, s->lc1[i0])], c->s0r = &w[at(s, s->rc1[i0])];
    c->s0l2 = &w[at(s, s->lc2[i0])], c->s0r2 = &w[at(s, s->rc2[i0])];
    c->s1l = &w[at(s, s->lc1[i1])], c->s1r = &w[at(s, s->rc1[i1])];
    c->b0l = &w[at(s, s->lc1[ib])], c->b0l2 = &w[at(s, s->lc2[ib])];
    c->s0ll = lab(s, s->lc1[i0]), c->s0rl = lab(s, s->rc1[i0]);
    c->s0l2l = lab(s, s->lc2[i0]), c->s0r2l = lab(s, s->rc2[i0]);
    c->s1ll = lab(s, s->lc1[i1]), c->s1rl = lab(s, s->rc1[i1]);
    c->b0ll = lab(s, s->lc1[ib]), c->b0l2l = lab(s, s->lc2[ib]);
    c->d = s0 == AS_NONE ? 99 : dist_bucket(b0 - s0);
    c->d01 = s1 == AS_NONE ? 99 : dist_bucket(s0 - s1);
    c->s0vl = valency(s->nl[i0]), c->s0vr = valency(s->nr[i0]);
    c->b0vl = valency(s->nl[ib]), c->s1vr = valency(s->nr[i1]);
    c->s0ls = s->lset[i0], c->s0rs = s->rset[i0], c->b0ls = s->lset[ib];
}

#define F1(a) (f[n] = ng_feat1(++t, (a)), n++)
#define F2(a, b) (f[n] = ng_feat2(++t, (a), (b)), n++)
#define F3(a, b, c) (f[n] = ng_feat3(++t, (a), (b), (c)), n++)

/* Single positions and pairs of the top of the stack and the buffer. */
static size_t base_feats(const ctx *c, uint64_t *f, unsigned *pt)
{
    size_t n = 0;
    unsigned t = *pt;
    F1(c->s0->w), F1(c->s0->p), F1(c->s0->wp);
    F1(c->s1->w), F1(c->s1->p), F1(c->s1->wp);
    F1(c->s2->p), F2(c->s2->w, c->s2->p);
    F1(c->b0->w), F1(c->b0->p), F1(c->b0->wp);
    F1(c->b1->w), F1(c->b1->p), F1(c->b1->wp);
    F1(c->b2->w), F1(c->b2->p);
    F1(c->s0->suf), F1(c->b0->suf), F1(c->s1->suf);
    F2(c->s0->wp, c->b0->wp), F2(c->s0->wp, c->b0->w), F2(c->s0->w, c->b0->wp);
    F2(c->s0->wp, c->b0->p), F2(c->s0->p, c->b0->wp), F2(c->s0->w, c->b0->w);
    F2(c->s0->p, c->b0->p), F2(c->b0->p, c->b1->p);
    F2(c->s1->wp, c->s0->wp), F2(c->s1->w, c->s0->w), F2(c->s1->p, c->s0->p);
    F2(c->s1->wp, c->s0->p), F2(c->s1->p, c->s0->wp);
    F2(c->s1->w, c->b0->w), F2(c->s1->p, c->b0->p);
    *pt = t;
    return n;
}

/* Tag triples, distances, valencies. */
static size_t context_feats(const ctx *c, uint64_t *f, unsigned *pt)
{
    size_t n = 0;
    unsigned t = *pt;
    F3(c->b0->p, c->b1->p, c->b2->p), F3(c->s0->p, c->b0->p, c->b1->p);
    F3(c->s1->p, c->s0->p, c->b0->p), F3(c->s2->p, c->s1->p, c->s0->p);
    F3(c->s0->p, c->s0l->p, c->b0->p), F3(c->s0->p, c->s0r->p, c->b0->p);
    F3(c->s0->p, c->b0->p, c->b0l->p), F3(c->s1->p, c->s1r->p, c->s0->p);
    F3(c->s1->p, c->s0->p, c->s0l->p), F3(c->s1->p, c->s0->p, c->s0r->p);
    F3(c->s1->u, c->s0->u, c->b0->u), F3(c->s0->u, c->b0->u, c->b1->u);
    F2(c->s0->w, c->d), F2(c->s0->p, c->d), F2(c->b0->w, c->d), F2(c->b0->p, c->d);
    F3(c->s0->w, c->b0->w, c->d), F3(c->s0->p, c->b0->p, c->d);
    F3(c->s1->p, c->s0->p, c->d01), F3(c->s1->w, c->s0->w, c->d01);
    F2(c->s0->w, c->s0vr), F2(c->s0->p, c->s0vr), F2(c->s0->w, c->s0vl), F2(c->s0->p, c->s0vl);
    F2(c->b0->w, c->b0vl), F2(c->b0->p, c->b0vl), F2(c->s1->p, c->s1vr);
    *pt = t;
    return n;
}

/* Children, second children, labels and label sets. */
static size_t child_feats(const ctx *c, uint64_t *f, unsigned *pt)
{
    size_t n = 0;
    unsigned t = *pt;
    F1(c->s0l->w), F1(c->s0l->p), F1(c->s0ll);
    F1(c->s0r->w), F1(c->s0r->p), F1(c->s0rl);
    F1(c->b0l->w), F1(c->b0l->p), F1(c->b0ll);
    F1(c->s1l->p), F1(c->s1ll), F1(c->s1r->w), F1(c->s1r->p), F1(c->s1rl);
    F1(c->s0l2->w), F1(c->s0l2->p), F1(c->s0l2l);
    F1(c->s0r2->w), F1(c->s0r2->p), F1(c->s0r2l);
    F1(c->b0l2->w), F1(c->b0l2->p), F1(c->b0l2l);
    F3(c->s0->p, c->s0l->p, c->s0l2->p), F3(c->s0->p, c->s0r->p, c->s0r2->p);
    F3(c->b0->p, c->b0l->p, c->b0l2->p);
    F2(c->s0->w, c->s0rs), F2(c->s0->p, c->s0rs), F2(c->s0->w, c->s0ls), F2(c->s0->p, c->s0ls);
    F2(c->b0->w, c->b0ls), F2(c->b0->p, c->b0ls);
    F3(c->s0->p, c->s0ll, c->b0->p), F3(c->s0->p, c->s0rl, c->b0->p), F3(c->s0->p, c->b0->p, c->b0ll);
    F3(c->s1->p, c->s1rl, c->s0->p);
    *pt = t;
    return n;
}

size_t pf1_features(const as_state *s, const pf1_word *words, uint64_t *f)
{
    ctx c;
    fill_ctx(&c, s, words);
    unsigned t = 0;
    size_t n = base_feats(&c, f, &t);
    n += context_feats(&c, f + n, &t);
    n += child_feats(&c, f + n, &t);
    return n;
}
