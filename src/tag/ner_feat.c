/*
 * ner_feat.c - NER features (Ratinov & Roth 2009): a +-2 word window of
 * lowercase forms and shapes, affixes, case classes, the previous two
 * predictions, gazetteer matches, Brown-cluster prefixes, document case
 * statistics (all-caps sentences take each word's casing from elsewhere in
 * the document) and the document's prediction history for the same word.
 * Invariant: nothing here allocates; a document's state lives in the work
 * memory the caller sized with ner_doc_bytes().
 */
#include "tag/ner_feat.h"

#include <utf8proc.h>

/* Template ids (1..255), never renumbered within NER_FEATURES. */
enum {
    T_BIAS = 1, T_LW, T_W, T_LW_M1, T_LW_M2, T_LW_P1, T_LW_P2, T_SHAPE, T_SHAPE_M1, T_SHAPE_P1,
    T_SHAPE3, T_PRE, T_SUF, T_LW_M1_LW, T_LW_LW_P1, T_P1, T_P2P1, T_P1_LW, T_P1_SHAPE, T_FLAGS,
    T_SENTPOS, T_LSHAPE, T_GAZ, T_CLUSTER, T_CLUSTER_M1, T_CLUSTER_P1, T_HIST, T_DOCF, T_CASE3,
    T_LENB, T_DOCPOS, T_P1_CASE, T_W_M1, T_W_P1, T_GAZ_LW, T_HIST_TOP, T_CLUSTER_LW_M1,
    T_SUF_CASE, T_P2_LW_M2, T_AGG_M1, T_AGG_P1,
};

/* ------------------------------------------------------------ words */

/* Class of code point cp for shapes: X x d, or the ASCII punctuation itself,
 * or 'p' for other symbols. */
static char char_class(int32_t cp)
{
    if (cp < 128) {
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
    default: return 'p';
    }
}

static int32_t lower_cp(int32_t cp)
{
    if (cp < 128)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}

/* Case class of a word from its character classes. */
static uint8_t case_class(size_t upper, size_t lower, bool first_upper)
{
    if (upper + lower == 0)
        return NER_CASE_NONE;
    if (upper == 0)
        return NER_CASE_LOWER;
    if (lower == 0)
        return NER_CASE_UPPER;
    return first_upper && upper == 1 ? NER_CASE_TITLE : NER_CASE_MIXED;
}

/* Shapes of the classes cls[n] with letters recased for case class cas:
 * collapsed (runs of a class kept at most twice... once) and long. */
static void shapes(const char *cls, size_t n, uint8_t cas, bool recase, uint64_t *shape, uint64_t *lshape)
{
    char s[32], l[16];
    size_t ns = 0, nl = 0;
    bool seen_letter = false;
    for (size_t i = 0; i < n; i++) {
        char c = cls[i];
        if (recase && (c == 'X' || c == 'x')) {
            if (cas == NER_CASE_UNKNOWN)
                c = '?';
            else if (cas == NER_CASE_UPPER)
                c = 'X';
            else if (cas == NER_CASE_TITLE)
                c = seen_letter ? 'x' : 'X';
            else
                c = 'x';
            seen_letter = true;
        }
        if (nl < sizeof l)
            l[nl++] = c;
        if (ns < sizeof s && (ns == 0 || s[ns - 1] != c))
            s[ns++] = c;
    }
    *shape = ng_hash(s, ns, 0x5a);
    *lshape = ng_hash(l, nl, 0x5b);
}

static uint8_t length_bucket(size_t nchars)
{
    return nchars <= 4 ? (uint8_t)nchars : nchars <= 6 ? 5 : nchars <= 9 ? 6 : 7;
}

/* Analyse word s[0..n): lowercase hash, affixes, case class, flags, shapes
 * (recomputed later for recased words).  cls receives its character classes
 * (at most 32). */
static void analyse(ner_word *w, const char *s, size_t n, char *cls, size_t *ncls)
{
    char low[NG_NER_MAX_WORD_BYTES + 8];
    size_t nlow = 0, nch = 0, upper = 0, lower = 0;
    size_t cut[NG_NER_MAX_WORD_BYTES + 1]; /* byte offset in low after each char */
    const char *p = s, *e = s + NG_MIN(n, (size_t)NG_NER_MAX_WORD_BYTES);
    bool first_upper = false;
    uint8_t flags = 0;
    while (p < e) {
        int32_t cp = ng_utf8_next(&p, e);
        char c = char_class(cp);
        upper += c == 'X';
        lower += c == 'x';
        if (nch == 0)
            first_upper = c == 'X';
        flags |= c == 'd' ? NER_F_DIGIT : c == '-' ? NER_F_HYPHEN : c == '.' ? NER_F_PERIOD
               : c == '&' ? NER_F_AMP : (c == '\'' || cp == 0x2019) ? NER_F_APOS : 0;
        flags |= cp >= 128 ? NER_F_NONASCII : 0;
        if (*ncls < 32)
            cls[(*ncls)++] = c;
        int32_t lc = c == 'd' ? '0' : lower_cp(cp);
        nlow += ng_utf8_encode(lc, low + nlow);
        cut[nch++] = nlow;
    }
    if ((flags & NER_F_DIGIT) && upper + lower > 0)
        flags |= NER_F_ALNUM;
    w->lw = ng_hash(low, nlow, 0x1f);
    for (size_t k = 0; k < 4; k++) {
        w->pre[k] = k < nch ? ng_hash(low, cut[k], 0x2a + k) : 0;
        w->suf[k] = k < nch ? ng_hash(low + (nch > k + 1 ? cut[nch - k - 2] : 0),
                                      nlow - (nch > k + 1 ? cut[nch - k - 2] : 0), 0x3a + k)
                            : 0;
    }
    w->cas = case_class(upper, lower, first_upper);
    w->flags = flags;
    w->lenb = length_bucket(nch);
}

/* ----------------------------------------------------------- document */

size_t ner_doc_bytes(size_t nwords)
{
    size_t nslots = 16;
    while (nslots < 2 * nwords)
        nslots *= 2;
    size_t n = nslots * sizeof(ner_slot) + nwords * (sizeof(ner_word) + sizeof(ng_ner_tokinfo) + sizeof(uint32_t));
    return (n + 64) & ~(size_t)15;
}

static uint32_t slot_find(ner_doc *d, uint64_t key)
{
    key = key ? key : 1;
    uint32_t mask = d->nslots - 1, i = (uint32_t)(key ^ (key >> 29)) & mask;
    while (d->slots[i].key && d->slots[i].key != key)
        i = (i + 1) & mask;
    if (!d->slots[i].key) {
        d->slots[i].key = key;
        d->slots[i].first = UINT32_MAX;
    }
    return i;
}

/* Chain word i to the earlier occurrences of its word type. */
static void link_occurrence(ner_doc *d, size_t i)
{
    ner_slot *s = &d->slots[d->words[i].slot];
    d->words[i].next = UINT32_MAX;
    if (s->first == UINT32_MAX)
        s->first = (uint32_t)i;
    else
        d->words[s->last].next = (uint32_t)i;
    s->last = (uint32_t)i;
}

/* Whether sentence [a, b) is set in capitals (a headline or dateline). */
static bool caps_sentence(const ner_word *w, size_t a, size_t b)
{
    size_t letters = 0, upper = 0;
    for (size_t i = a; i < b; i++) {
        if (w[i].cas == NER_CASE_NONE)
            continue;
        letters++;
        upper += w[i].cas == NER_CASE_UPPER && w[i].lenb > 1;
    }
    return letters > 0 && (upper == letters || (upper >= 3 && upper * 10 >= letters * 7));
}

/* The case a word of an all-caps sentence most likely has, by its word
 * type's casing elsewhere in the document. */
static uint8_t recase(const ner_slot *s)
{
    if (s->upper && s->upper >= s->title && s->upper >= s->lower)
        return NER_CASE_UPPER;
    if (s->title && s->title >= s->lower)
        return NER_CASE_TITLE;
    if (s->lower)
        return NER_CASE_LOWER;
    return s->initial ? NER_CASE_TITLE : NER_CASE_UNKNOWN;
}

static void bump(uint16_t *c)
{
    *c += *c < UINT16_MAX;
}

/* Count the casing of word i's type (outside all-caps sentences). */
static void count_case(ner_doc *d, size_t i, bool initial)
{
    ner_word *w = &d->words[i];
    ner_slot *s = &d->slots[w->slot];
    bump(&s->count);
    if (w->flags & NER_F_CAPSSENT)
        return;
    if (w->cas == NER_CASE_LOWER)
        bump(&s->lower);
    else if (w->cas == NER_CASE_TITLE)
        bump(initial ? &s->initial : &s->title);
    else if (w->cas == NER_CASE_UPPER && w->lenb > 1)
        bump(&s->upper);
}

static uint8_t doc_flags(const ner_slot *s)
{
    return (uint8_t)((s->lower ? NER_D_LOWER : 0) | (s->title ? NER_D_TITLE : 0) |
                     (s->upper ? NER_D_UPPER : 0) | (s->count > 1 ? NER_D_REPEAT : 0));
}

/* Analyse the words of sentence s and count their casing. */
static void prepare_sentence(ner_doc *d, size_t s)
{
    const ng_doc *doc = d->doc;
    size_t a = doc->sents[s].first, b = a + doc->sents[s].ntokens;
    for (size_t i = a; i < b; i++) {
        char cls[32];
        size_t ncls = 0;
        ner_word *w = &d->words[i];
        analyse(w, doc->text + doc->tokens[i].start, doc->tokens[i].end - doc->tokens[i].start, cls, &ncls);
        shapes(cls, ncls, w->cas, false, &w->shape, &w->lshape);
        w->slot = slot_find(d, w->lw);
        link_occurrence(d, i);
        d->sent_of[i] = (uint32_t)s;
    }
    bool caps = caps_sentence(d->words, a, b);
    for (size_t i = a; i < b; i++) {
        d->words[i].flags |= caps ? NER_F_CAPSSENT : 0;
        count_case(d, i, i == a);
    }
}

/* Give the capitalised words of all-caps sentences their likely case. */
static void recase_word(ner_doc *d, size_t i)
{
    ner_word *w = &d->words[i];
    if (!(w->flags & NER_F_CAPSSENT) || w->cas != NER_CASE_UPPER)
        return;
    char cls[32];
    size_t ncls = 0;
    ner_word scratch;
    const ng_token *t = &d->doc->tokens[i];
    analyse(&scratch, d->doc->text + t->start, t->end - t->start, cls, &ncls);
    w->cas = recase(&d->slots[w->slot]);
    shapes(cls, ncls, w->cas, true, &w->shape, &w->lshape);
}

void ner_doc_prepare(ner_doc *d, const ng_doc *doc, const ng_ner_res *res, void *mem)
{
    size_t n = doc->ntokens;
    d->doc = doc;
    d->nslots = 16;
    while (d->nslots < 2 * n)
        d->nslots *= 2;
    d->slots = mem;
    d->words = (ner_word *)(d->slots + d->nslots);
    d->info = (ng_ner_tokinfo *)(d->words + n);
    d->sent_of = (uint32_t *)(d->info + n);
    memset(d->slots, 0, d->nslots * sizeof *d->slots);
    memset(d->info, 0, n * sizeof *d->info);
    for (size_t s = 0; s < doc->nsents; s++) {
        prepare_sentence(d, s);
        size_t a = doc->sents[s].first, k = doc->sents[s].ntokens;
        if (k)
            ng_ner_lookup(res, doc, a, k, d->words[a].flags & NER_F_CAPSSENT, d->info + a);
    }
    for (size_t i = 0; i < n; i++) {
        recase_word(d, i);
        d->words[i].docf = doc_flags(&d->slots[d->words[i].slot]);
    }
}

/* ----------------------------------------------------------- features */

#define PAD_START UINT64_C(0x5354415254)
#define PAD_END UINT64_C(0x454e44)

/* Word j of the sentence [a, b) or the padding. */
static const ner_word *word_at(const ner_doc *d, size_t a, size_t b, ptrdiff_t j)
{
    return j < (ptrdiff_t)a || j >= (ptrdiff_t)b ? NULL : &d->words[j];
}

static uint64_t lw_of(const ner_word *w, ptrdiff_t off)
{
    return w ? w->lw : off < 0 ? PAD_START : PAD_END;
}

static uint64_t shape_of(const ner_word *w, ptrdiff_t off)
{
    return w ? w->shape : off < 0 ? PAD_START : PAD_END;
}

/* The word with its case class: a case-normalised exact form. */
static uint64_t cased_of(const ner_word *w, ptrdiff_t off)
{
    return w ? ng_mix64(w->lw + w->cas) : off < 0 ? PAD_START : PAD_END;
}

static unsigned case_of(const ner_word *w)
{
    return w ? w->cas : 7;
}

/* Cluster path prefix of p bits (the whole path when shorter). */
static uint64_t cluster_prefix(const ng_ner_tokinfo *t, unsigned p)
{
    unsigned len = t->cluster_len;
    uint64_t bits = p < len ? t->cluster >> (len - p) : t->cluster;
    return bits * 64 + NG_MIN(p, len);
}

typedef struct fbuf {
    uint64_t *f;
    size_t n;
} fbuf;

static inline void add(fbuf *b, uint64_t f)
{
    if (b->n < NG_NER_MAX_FEATS)
        b->f[b->n++] = f;
}

static void window_features(fbuf *b, const ner_word *w[5])
{
    const ner_word *w0 = w[2];
    add(b, ng_feat1(T_LW, w0->lw));
    add(b, ng_feat1(T_W, cased_of(w0, 0)));
    add(b, ng_feat1(T_LW_M1, lw_of(w[1], -1)));
    add(b, ng_feat1(T_LW_M2, lw_of(w[0], -2)));
    add(b, ng_feat1(T_LW_P1, lw_of(w[3], 1)));
    add(b, ng_feat1(T_LW_P2, lw_of(w[4], 2)));
    add(b, ng_feat1(T_W_M1, cased_of(w[1], -1)));
    add(b, ng_feat1(T_W_P1, cased_of(w[3], 1)));
    add(b, ng_feat1(T_SHAPE, w0->shape));
    add(b, ng_feat1(T_SHAPE_M1, shape_of(w[1], -1)));
    add(b, ng_feat1(T_SHAPE_P1, shape_of(w[3], 1)));
    add(b, ng_feat3(T_SHAPE3, shape_of(w[1], -1), w0->shape, shape_of(w[3], 1)));
    add(b, ng_feat1(T_LSHAPE, w0->lshape));
    add(b, ng_feat2(T_LW_M1_LW, lw_of(w[1], -1), w0->lw));
    add(b, ng_feat2(T_LW_LW_P1, w0->lw, lw_of(w[3], 1)));
    add(b, ng_feat3(T_CASE3, case_of(w[1]), w0->cas, case_of(w[3])));
    for (unsigned k = 0; k < 4; k++) {
        if (w0->pre[k])
            add(b, ng_feat2(T_PRE, k, w0->pre[k]));
        if (w0->suf[k])
            add(b, ng_feat2(T_SUF, k, w0->suf[k]));
    }
    if (w0->suf[2])
        add(b, ng_feat2(T_SUF_CASE, w0->suf[2], w0->cas));
    add(b, ng_feat2(T_LENB, w0->lenb, w0->cas));
    for (unsigned bit = 0; bit < 8; bit++)
        if (w0->flags & (1u << bit))
            add(b, ng_feat2(T_FLAGS, bit, w0->cas));
}

static void lexical_features(fbuf *b, const ner_doc *d, size_t i, const ner_word *w[5])
{
    unsigned cas = w[2]->cas;
    for (int off = -1; off <= 1; off++) {
        if (!w[2 + off])
            continue;
        const ng_ner_tokinfo *t = &d->info[(ptrdiff_t)i + off];
        for (unsigned k = 0; k < t->ngaz; k++) {
            add(b, ng_feat3(T_GAZ, (uint64_t)(off + 1), t->gaz_list[k], t->gaz_part[k]));
            if (off == 0)
                add(b, ng_feat3(T_GAZ_LW, t->gaz_list[k], t->gaz_part[k], cas));
        }
        if (!t->cluster_len)
            continue;
        static const unsigned pre0[] = {4, 6, 10, 20}, pre1[] = {4, 6, 10};
        if (off == 0)
            for (unsigned k = 0; k < 4; k++)
                add(b, ng_feat1(T_CLUSTER, cluster_prefix(t, pre0[k])));
        else
            for (unsigned k = 0; k < 3; k++)
                add(b, ng_feat2(off < 0 ? T_CLUSTER_M1 : T_CLUSTER_P1, pre1[k], cluster_prefix(t, pre1[k])));
    }
}

static void history_features(fbuf *b, const ner_doc *d, const ner_word *w0)
{
    if (w0->cas == NER_CASE_LOWER || w0->cas == NER_CASE_NONE)
        return;
    const ner_slot *s = &d->slots[w0->slot];
    unsigned total = 0, top = 0;
    for (unsigned t = 0; t < NER_HIST_TYPES; t++) {
        total += s->hist[t];
        if (s->hist[t] > s->hist[top])
            top = t;
    }
    if (!total)
        return;
    for (unsigned t = 0; t < NER_HIST_TYPES; t++) {
        if (!s->hist[t])
            continue;
        unsigned bucket = s->hist[t] == total ? 2 : 2 * s->hist[t] >= total ? 1 : 0;
        add(b, ng_feat2(T_HIST, t, bucket));
    }
    add(b, ng_feat2(T_HIST_TOP, top, w0->cas));
}

/* Context aggregation: the neighbours of the other occurrences of the
 * word in the document (Ratinov & Roth 2009). */
static void aggregate_features(fbuf *b, const ner_doc *d, size_t i)
{
    const ner_word *w0 = &d->words[i];
    if (w0->cas == NER_CASE_LOWER || w0->cas == NER_CASE_NONE)
        return;
    unsigned k = 0;
    for (uint32_t j = d->slots[w0->slot].first; j != UINT32_MAX && k < 6; j = d->words[j].next) {
        if (j == i)
            continue;
        k++;
        size_t s = d->sent_of[j];
        size_t a = d->doc->sents[s].first, e = a + d->doc->sents[s].ntokens;
        add(b, ng_feat1(T_AGG_M1, lw_of(word_at(d, a, e, (ptrdiff_t)j - 1), -1)));
        add(b, ng_feat1(T_AGG_P1, lw_of(word_at(d, a, e, (ptrdiff_t)j + 1), 1)));
    }
}

size_t ner_features(const ner_doc *d, size_t i, uint32_t p1, uint32_t p2, uint64_t *f)
{
    fbuf b = {f, 0};
    size_t s = d->sent_of[i];
    size_t a = d->doc->sents[s].first, e = a + d->doc->sents[s].ntokens;
    const ner_word *w[5];
    for (int k = 0; k < 5; k++)
        w[k] = word_at(d, a, e, (ptrdiff_t)i + k - 2);
    const ner_word *w0 = w[2];
    add(&b, ng_feat1(T_BIAS, 0));
    window_features(&b, w);
    lexical_features(&b, d, i, w);
    history_features(&b, d, w0);
    aggregate_features(&b, d, i);
    unsigned pos = i == a ? 0 : i == a + 1 ? 1 : 2;
    add(&b, ng_feat3(T_SENTPOS, pos, i + 1 == e, w0->cas));
    add(&b, ng_feat3(T_DOCF, w0->docf, pos == 0, w0->cas));
    add(&b, ng_feat2(T_DOCPOS, s == 0 ? 0 : s == 1 ? 1 : 2, w0->shape));
    add(&b, ng_feat1(T_P1, p1));
    add(&b, ng_feat2(T_P2P1, p2, p1));
    add(&b, ng_feat2(T_P1_LW, p1, w0->lw));
    add(&b, ng_feat2(T_P1_SHAPE, p1, w0->shape));
    add(&b, ng_feat2(T_P1_CASE, p1, w0->cas));
    return b.n;
}

void ner_doc_record(ner_doc *d, size_t i, uint32_t cls)
{
    const ner_word *w = &d->words[i];
    if (w->cas == NER_CASE_LOWER || w->cas == NER_CASE_NONE)
        return;
    unsigned t = ng_bilou_type(cls);
    if (t < NER_HIST_TYPES)
        bump(&d->slots[w->slot].hist[t]);
}

uint32_t ner_best_i32(const int32_t *scores, uint32_t nclasses, uint32_t prev, bool last)
{
    uint32_t best = UINT32_MAX;
    for (uint32_t c = 0; c < nclasses; c++)
        if (ng_bilou_allowed(prev, c, last) && (best == UINT32_MAX || scores[c] > scores[best]))
            best = c;
    return best == UINT32_MAX ? 0 : best;
}

uint32_t ner_best_f(const float *scores, uint32_t nclasses, uint32_t prev, bool last)
{
    uint32_t best = UINT32_MAX;
    for (uint32_t c = 0; c < nclasses; c++)
        if (ng_bilou_allowed(prev, c, last) && (best == UINT32_MAX || scores[c] > scores[best]))
            best = c;
    return best == UINT32_MAX ? 0 : best;
}
