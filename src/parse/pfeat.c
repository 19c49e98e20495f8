/*
 * pfeat.c - feature templates of the parser.  Positions: s0..s2 (stack top
 * down), b0..b2 (buffer front on), the outermost children of s0, s1 and b0
 * and their second ones.  Each template has a fixed id (its order below);
 * adding one means appending it and bumping PF_VERSION.  A key mixes the
 * template id with its atoms in one multiply-xorshift round (atoms are
 * already well-mixed hashes); the template id sits in the top byte.
 */
#include "parse/pfeat.h"

#define NONE_VAL UINT64_C(0x51ab7e1d)
#define ROOT_VAL UINT64_C(0x7007cafe)
#define K1 UINT64_C(0x9e3779b97f4a7c15)
#define K2 UINT64_C(0xc2b2ae3d27d4eb4f)
#define K3 UINT64_C(0x165667b19e3779f9)
#define KM UINT64_C(0xd6e8feb86659fd93)

/* One multiply-xorshift round. */
static inline uint64_t fin(uint64_t x)
{
    x ^= x >> 32;
    x *= KM;
    return x ^ (x >> 29);
}

static inline uint64_t key(unsigned t, uint64_t x)
{
    return (fin(x + (uint64_t)t * K3) & NG_FEAT_HASH_MASK) | (uint64_t)t << NG_FEAT_TMPL_SHIFT;
}

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

void pf_word_set(pf_word *a, const char *s, size_t n, int upos, int xpos, const pclust *cl)
{
    char buf[64];
    size_t k = normalise(s, n, buf, sizeof buf);
    a->w = ng_hash(buf, k, 0x3a11);
    a->p = ng_mix64(xpos > 0 ? (uint64_t)xpos + 0x7000 : (uint64_t)upos + 0x8000);
    a->u = ng_mix64((uint64_t)upos + 0x9000);
    a->wp = ng_mix64(a->w ^ (a->p * K1));
    size_t sl = NG_MIN(k, (size_t)3);
    a->suf = ng_mix64(ng_hash(buf + k - sl, sl, 0x5f) + a->p);
    const pclust_atoms *c = &cl->atoms[pclust_find(cl, s, n)];
    a->c4 = c->c4, a->c6 = c->c6, a->cf = c->cf;
}

void pf_word_pad(pf_word *a, bool root)
{
    uint64_t v = ng_mix64(root ? ROOT_VAL : NONE_VAL);
    a->w = a->p = a->u = a->suf = a->c4 = a->c6 = a->cf = v;
    a->wp = ng_mix64(v + 1);
}

/* Small values (distances, valencies, labels, label sets) as atoms. */
static inline uint64_t val(uint64_t v) { return ng_mix64(v + 0x5a1); }

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
    return val(x == AS_NONE || s->head[x] == AS_NONE ? 999 : s->label[x]);
}

/* The context: positions and their atoms. */
typedef struct ctx {
    const pf_word *s0, *s1, *s2, *b0, *b1, *b2;
    const pf_word *s0l, *s0r, *s0l2, *s0r2, *s1l, *s1r, *b0l, *b0l2;
    uint64_t s0ll, s0rl, s0l2l, s0r2l, s1rl, s1ll, b0ll, b0l2l;
    uint64_t d, d01, s0vl, s0vr, b0vl, s1vr, s0ls, s0rs, b0ls;
} ctx;

static void fill_words(ctx *c, const as_state *s, const pf_word *w, uint32_t i0, uint32_t i1, uint32_t ib)
{
    int32_t b0 = (int32_t)s->b0;
    int32_t b1 = b0 + 1 <= (int32_t)s->n ? b0 + 1 : AS_NONE, b2 = b0 + 2 <= (int32_t)s->n ? b0 + 2 : AS_NONE;
    c->s0 = &w[i0], c->s1 = &w[i1], c->s2 = &w[at(s, as_s(s, 2))];
    c->b0 = &w[ib], c->b1 = &w[at(s, b1)], c->b2 = &w[at(s, b2)];
    c->s0l = &w[at(s, s->lc1[i0])], c->s0r = &w[at(s, s->rc1[i0])];
    c->s0l2 = &w[at(s, s->lc2[i0])], c->s0r2 = &w[at(s, s->rc2[i0])];
    c->s1l = &w[at(s, s->lc1[i1])], c->s1r = &w[at(s, s->rc1[i1])];
    c->b0l = &w[at(s, s->lc1[ib])], c->b0l2 = &w[at(s, s->lc2[ib])];
}

static void fill_ctx(ctx *c, const as_state *s, const pf_word *w)
{
    int32_t s0 = as_s(s, 0), s1 = as_s(s, 1), b0 = (int32_t)s->b0;
    uint32_t i0 = at(s, s0), i1 = at(s, s1), ib = (uint32_t)b0;
    fill_words(c, s, w, i0, i1, ib);
    c->s0ll = lab(s, s->lc1[i0]), c->s0rl = lab(s, s->rc1[i0]);
    c->s0l2l = lab(s, s->lc2[i0]), c->s0r2l = lab(s, s->rc2[i0]);
    c->s1ll = lab(s, s->lc1[i1]), c->s1rl = lab(s, s->rc1[i1]);
    c->b0ll = lab(s, s->lc1[ib]), c->b0l2l = lab(s, s->lc2[ib]);
    c->d = val(s0 == AS_NONE ? 99 : dist_bucket(b0 - s0));
    c->d01 = val(s1 == AS_NONE ? 99 : dist_bucket(s0 - s1));
    c->s0vl = val(valency(s->nl[i0])), c->s0vr = val(valency(s->nr[i0]));
    c->b0vl = val(valency(s->nl[ib])), c->s1vr = val(valency(s->nr[i1]));
    c->s0ls = val(s->lset[i0]), c->s0rs = val(s->rset[i0]), c->b0ls = val(s->lset[ib]);
}

#define F1(a) (f[n++] = key(++t, (a)))
#define F2(a, b) (f[n++] = key(++t, (a) + (b) * K1))
#define F3(a, b, c) (f[n++] = key(++t, (a) + (b) * K1 + (c) * K2))

/* Single positions and pairs of the top of the stack and the buffer. */
static size_t base_feats(const ctx *c, uint64_t *f, unsigned *pt)
{
    size_t n = 0;
    unsigned t = *pt;
    F1(c->s0->w), F1(c->s0->p), F1(c->s0->wp);
    F1(c->s1->w), F1(c->s1->p), F1(c->s1->wp);
    F1(c->s2->p), F1(c->s2->wp);
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

/* Brown clusters (Koo et al. 2008): prefixes standing in for tags, whole
 * bit strings for words. */
static size_t cluster_feats(const ctx *c, uint64_t *f, unsigned *pt)
{
    size_t n = 0;
    unsigned t = *pt;
    F1(c->s0->c4), F1(c->s0->c6), F1(c->s0->cf), F1(c->b0->c4), F1(c->b0->c6), F1(c->b0->cf);
    F1(c->s1->c6), F1(c->s1->cf), F1(c->b1->c6), F1(c->b1->cf), F1(c->s2->c6), F1(c->b2->c6);
    F2(c->s0->c6, c->b0->c6), F2(c->s0->cf, c->b0->p), F2(c->s0->p, c->b0->cf), F2(c->s0->cf, c->b0->cf);
    F2(c->s1->c6, c->s0->c6), F2(c->s1->cf, c->s0->p), F2(c->s1->p, c->s0->cf);
    F3(c->s0->c4, c->b0->c4, c->b1->c4), F3(c->s1->c4, c->s0->c4, c->b0->c4), F3(c->s0->c6, c->b0->c6, c->d);
    *pt = t;
    return n;
}

size_t pf_features(const as_state *s, const pf_word *words, bool clusters, uint64_t *f)
{
    ctx c;
    fill_ctx(&c, s, words);
    unsigned t = 0;
    size_t n = base_feats(&c, f, &t);
    n += context_feats(&c, f + n, &t);
    n += child_feats(&c, f + n, &t);
    if (clusters)
        n += cluster_feats(&c, f + n, &t);
    return n;
}

/* ------------------------------------------------------------- labels */

/* The arc's context: dependent x (s0), its head h, their neighbourhood. */
typedef struct lctx {
    const pf_word *x, *h, *xl, *xr, *prev, *next;
    uint64_t dir, dist, xls, xrs, hls, hrs, xll, xrl, xvl, xvr;
} lctx;

static void fill_lctx(lctx *c, const as_state *s, const pf_word *w, int move)
{
    int32_t x = as_s(s, 0), h = move == AS_LEFT ? (int32_t)s->b0 : as_s(s, 1);
    c->x = &w[x], c->h = &w[h];
    c->xl = &w[at(s, s->lc1[x])], c->xr = &w[at(s, s->rc1[x])];
    c->prev = &w[x > 0 ? (uint32_t)x - 1 : s->n + 1], c->next = &w[x + 1];
    c->dir = move == AS_LEFT ? K2 : K3;
    c->dist = val(dist_bucket(h - x) + 100);
    c->xls = val(s->lset[x]), c->xrs = val(s->rset[x]);
    c->hls = val(s->lset[h] + 7), c->hrs = val(s->rset[h] + 7);
    c->xll = lab(s, s->lc1[x]), c->xrl = lab(s, s->rc1[x]);
    c->xvl = val(valency(s->nl[x]) + 200), c->xvr = val(valency(s->nr[x]) + 200);
}

#define L1(a) (f[n++] = key(++t, (a) + c->dir))
#define L2(a, b) (f[n++] = key(++t, (a) + (b) * K1 + c->dir))
#define L3(a, b, d) (f[n++] = key(++t, (a) + (b) * K1 + (d) * K2 + c->dir))

size_t pf_label_features(const as_state *s, const pf_word *words, int move, uint64_t *f)
{
    lctx lc, *c = &lc;
    fill_lctx(c, s, words, move);
    size_t n = 0;
    unsigned t = 0;
    L1(c->x->w), L1(c->x->p), L1(c->x->wp), L1(c->x->cf), L1(c->x->c6), L1(c->x->suf), L1(c->x->u);
    L1(c->h->w), L1(c->h->p), L1(c->h->wp), L1(c->h->cf), L1(c->h->c6);
    L2(c->x->p, c->h->p), L2(c->x->w, c->h->p), L2(c->x->p, c->h->w), L2(c->x->w, c->h->w);
    L2(c->x->c6, c->h->c6), L2(c->x->cf, c->h->p), L2(c->x->p, c->h->cf), L2(c->x->u, c->h->u);
    L2(c->x->p, c->dist), L3(c->x->p, c->h->p, c->dist);
    L2(c->x->p, c->xls), L2(c->x->p, c->xrs), L2(c->h->p, c->hls), L2(c->h->p, c->hrs);
    L3(c->x->p, c->h->p, c->hls), L3(c->x->p, c->h->p, c->hrs);
    L2(c->x->p, c->xl->w), L2(c->x->p, c->xl->p), L3(c->x->p, c->xll, c->xrl);
    L2(c->x->p, c->xr->w), L2(c->x->w, c->xll);
    L2(c->x->p, c->prev->p), L2(c->x->p, c->next->p), L3(c->prev->p, c->x->p, c->next->p);
    L2(c->x->w, c->next->w), L2(c->x->p, c->prev->w);
    L3(c->x->p, c->xvl, c->xvr);
    L3(c->h->w, c->x->p, c->xll), L3(c->h->w, c->x->p, c->xls), L2(c->h->p, c->xls), L2(c->x->w, c->xls);
    L2(c->h->wp, c->x->wp), L3(c->x->p, c->h->p, c->next->p), L2(c->x->cf, c->h->cf), L2(c->h->w, c->xl->w);
    L3(c->x->p, c->h->p, c->xl->w);
    return n;
}
