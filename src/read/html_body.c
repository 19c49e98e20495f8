/*
 * html_body.c - the article body of a web page (boilerplate removal).  One
 * walk turns the tree into a preorder table of elements and a list of text
 * blocks; pruning, container choice and block classification then work on
 * those arrays only.  Invariants: blocks are in document order; an element's
 * subtree is the index range [i, node[i].end).
 */
#include "html.h"

/* ------------------------------------------------------------- tables */

enum { K_P, K_H1, K_HEAD, K_LI, K_QUOTE, K_PRE, K_TD, K_DIV };   /* block kinds */
enum { C_BAD, C_SHORT, C_NEAR, C_GOOD, C_HEADING };               /* block classes */
enum { N_PRUNE_TAG = 1, N_PRUNED = 2, N_CONTENT = 4, N_BODY = 8 }; /* node flags */

typedef struct node {
    int32_t parent;     /* index, -1 for the root */
    uint32_t end;       /* one past the last descendant */
    uint16_t tag;       /* GumboTag */
    uint8_t cls;        /* NG_HTML_CLS_* of class and id */
    uint8_t flags;      /* N_* */
    double all;         /* chars of all blocks in the subtree (not pruned) */
    double good;        /* weight() of the blocks in the subtree (not pruned) */
    double raw_good;    /* chars of good and near-good blocks, pruned or not */
    double score;       /* weight() of nearby blocks, decaying with depth */
    uint32_t depth;
    uint32_t sig;       /* hash of tag and class attribute */
    uint32_t raw_n;     /* good and near-good blocks, pruned or not */
} node;

typedef struct block {
    size_t off, len;        /* bytes of text in the walk's buffer */
    uint32_t chars, links;  /* weighted code points; of them inside <a> */
    uint32_t words, stops;  /* words; sentence-ending punctuation marks */
    int32_t owner;          /* innermost block-level (or classed) element */
    uint8_t kind, cls;
    bool keep;
} block;

typedef struct walk {
    node *nodes;
    size_t nnodes, cap_nodes;
    block *blocks;
    size_t nblocks, cap_blocks;
    ng_buf text;            /* block texts, back to back */
    block cur;              /* the block being filled */
    bool space, after_br;   /* a space is pending; the last thing was <br> */
    int link_depth;
    bool oom;
} walk;

/* Elements whose content is never article text. */
static bool skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_MAP: case GUMBO_TAG_FRAMESET:
        return true;
    default:
        return false;
    }
}

/* Page furniture by tag; pruned unless it holds most of the page's prose. */
static bool prune_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_MENU:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIELDSET:
        return true;
    default:
        return false;
    }
}

/* Elements the page never shows: the hidden attribute, display:none. */
static bool hidden(const GumboNode *g)
{
    if (ng_html_attr(g, "hidden"))
        return true;
    const char *st = ng_html_attr(g, "style");
    if (!st)
        return false;
    for (const char *p = st; (p = strstr(p, "display")); p += 7) {
        const char *q = p + 7;
        while (*q == ' ' || *q == ':')
            q++;
        if (ng_strnieq(q, "none", 4))
            return true;
    }
    return false;
}

/* Inline elements: text inside them continues the current block. */
static bool inline_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_EM: case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
    case GUMBO_TAG_I: case GUMBO_TAG_U: case GUMBO_TAG_SMALL: case GUMBO_TAG_SUP: case GUMBO_TAG_SUB:
    case GUMBO_TAG_ABBR: case GUMBO_TAG_TIME: case GUMBO_TAG_MARK: case GUMBO_TAG_CITE: case GUMBO_TAG_Q:
    case GUMBO_TAG_CODE: case GUMBO_TAG_FONT: case GUMBO_TAG_LABEL: case GUMBO_TAG_DEL: case GUMBO_TAG_INS:
    case GUMBO_TAG_S: case GUMBO_TAG_STRIKE: case GUMBO_TAG_BIG: case GUMBO_TAG_TT: case GUMBO_TAG_VAR:
    case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_DFN: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
    case GUMBO_TAG_WBR: case GUMBO_TAG_IMG: case GUMBO_TAG_DATA: case GUMBO_TAG_NOBR:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_RUBY: case GUMBO_TAG_RT: case GUMBO_TAG_RP: case GUMBO_TAG_BR:
        return true;
    default:
        return false;
    }
}

static uint8_t kind_of(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: return K_P;
    case GUMBO_TAG_H1: return K_H1;
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        return K_HEAD;
    case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT: return K_LI;
    case GUMBO_TAG_BLOCKQUOTE: return K_QUOTE;
    case GUMBO_TAG_PRE: return K_PRE;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: return K_TD;
    default: return K_DIV;
    }
}

/* ---------------------------------------------------------------- walk */

static void flush(walk *w)
{
    block *b = &w->cur;
    while (w->text.len > b->off && (w->text.data[w->text.len - 1] == ' ' || w->text.data[w->text.len - 1] == '\n'))
        w->text.len--;
    b->len = w->text.len - b->off;
    if (b->chars && b->len) {
        if (NG_GROW(w->blocks, w->cap_blocks, w->nblocks + 1))
            w->blocks[w->nblocks++] = *b;
        else
            w->oom = true;
    } else {
        w->text.len = b->off;
    }
    if (w->text.data)
        w->text.data[w->text.len] = '\0';
    int32_t owner = b->owner;
    uint8_t kind = b->kind;
    memset(b, 0, sizeof *b);
    b->off = w->text.len;
    b->owner = owner;
    b->kind = kind;
    w->space = w->after_br = false;
}

/* Start a new block owned by element idx (after ending the current one). */
static void open_block(walk *w, int32_t idx, uint8_t kind)
{
    flush(w);
    w->cur.owner = idx;
    w->cur.kind = kind;
}

/* The code point at p (valid UTF-8, NUL-terminated). */
static uint32_t code_point(const unsigned char *p)
{
    if (p[0] < 0xc0)
        return p[0];
    if (p[0] < 0xe0)
        return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
    if (p[0] < 0xf0)
        return p[1] && p[2] ? (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f) : 0;
    return 0x10000;
}

/* Ideographic and syllabic scripts say in one character what alphabets say
 * in several: such characters count CJK_WEIGHT times towards lengths. */
#define CJK_WEIGHT 3

static bool is_cjk(uint32_t c)
{
    return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) ||
           (c >= 0xff00 && c <= 0xffef) || c >= 0x20000;
}

static bool is_stop(uint32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x3002 || c == 0xff01 ||
           c == 0xff1f || c == 0xff0e || c == 0x0964 || c == 0x061f || c == 0x06d4;
}

/* Count the code point at p into the current block. */
static void count_char(walk *w, const unsigned char *p)
{
    block *b = &w->cur;
    if (w->space || w->text.len == b->off)
        b->words++;
    uint32_t c = code_point(p), n = is_cjk(c) ? CJK_WEIGHT : 1;
    b->chars += n;
    if (w->link_depth)
        b->links += n;
    if (is_stop(c))
        b->stops++;
}

/* Append a text node's bytes to the current block, folding whitespace. */
static void put_text(walk *w, const char *s)
{
    block *b = &w->cur;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        bool sp = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v';
        if (p[0] == 0xc2 && p[1] == 0xa0) { /* NBSP */
            p++;
            sp = true;
        }
        if (sp) {
            w->space = true;
            continue;
        }
        if ((*p & 0xc0) != 0x80) /* a code point starts */
            count_char(w, p);
        if (w->space && w->text.len > b->off && w->text.data[w->text.len - 1] != '\n')
            ng_buf_putc(&w->text, ' ');
        w->space = w->after_br = false;
        ng_buf_putc(&w->text, (char)*p);
    }
}

static void put_br(walk *w)
{
    if (w->text.len == w->cur.off)
        return;
    if (w->after_br) {
        open_block(w, w->cur.owner, w->cur.kind);
        return;
    }
    while (w->text.len > w->cur.off && w->text.data[w->text.len - 1] == ' ')
        w->text.len--;
    ng_buf_putc(&w->text, '\n');
    w->space = false;
    w->after_br = true;
}

static unsigned attr_flags(const GumboNode *g)
{
    unsigned f = 0;
    const char *a;
    if ((a = ng_html_attr(g, "class")))
        f |= ng_html_class_flags(a);
    if ((a = ng_html_attr(g, "id")))
        f |= ng_html_class_flags(a);
    if ((a = ng_html_attr(g, "role"))) {
        static const char *const furniture[] = {"navigation", "banner", "contentinfo", "complementary",
                                                "dialog", "search", "menu", "menubar", "toolbar", "alert"};
        for (size_t i = 0; i < NG_ARRAY_LEN(furniture); i++)
            if (ng_strieq(a, furniture[i]))
                f |= NG_HTML_CLS_WEAK;
        if (ng_strieq(a, "main") || ng_strieq(a, "article"))
            f |= NG_HTML_CLS_CONTENT;
    }
    if ((a = ng_html_attr(g, "itemprop")) && (strstr(a, "articleBody") || strstr(a, "reviewBody")))
        f |= NG_HTML_CLS_CONTENT;
    return f;
}

/* Record element g (child of parent) in the node table; its index. */
static int32_t add_node(walk *w, const GumboNode *g, int32_t parent)
{
    if (!NG_GROW(w->nodes, w->cap_nodes, w->nnodes + 1)) {
        w->oom = true;
        return -1;
    }
    node *n = &w->nodes[w->nnodes];
    memset(n, 0, sizeof *n);
    n->parent = parent;
    n->depth = parent >= 0 ? w->nodes[parent].depth + 1 : 0;
    n->tag = (uint16_t)g->v.element.tag;
    n->cls = (uint8_t)attr_flags(g);
    const char *cl = ng_html_attr(g, "class");
    n->sig = (uint32_t)ng_hash(cl ? cl : "", cl ? strlen(cl) : 0, n->tag);
    if (prune_tag(g->v.element.tag))
        n->flags |= N_PRUNE_TAG;
    if (g->v.element.tag == GUMBO_TAG_ARTICLE || g->v.element.tag == GUMBO_TAG_MAIN)
        n->cls |= NG_HTML_CLS_CONTENT;
    return (int32_t)w->nnodes++;
}

typedef struct frame {
    const GumboNode *g;
    unsigned next;        /* next child to visit */
    int32_t idx;          /* node index */
    int32_t owner;        /* block owner to restore on exit */
    uint8_t kind;
    bool block, link;
} frame;

static bool enter(walk *w, frame *f, const frame *up)
{
    GumboTag t = f->g->v.element.tag;
    f->idx = add_node(w, f->g, up ? up->idx : -1);
    if (f->idx < 0)
        return false;
    f->next = 0;
    f->owner = w->cur.owner;
    f->kind = w->cur.kind;
    f->block = !inline_tag(t) || w->nodes[f->idx].cls;
    f->link = t == GUMBO_TAG_A;
    if (f->block)
        open_block(w, f->idx, inline_tag(t) ? w->cur.kind : kind_of(t));
    if (f->link)
        w->link_depth++;
    if (t == GUMBO_TAG_BR)
        put_br(w);
    return true;
}

static void leave(walk *w, frame *f)
{
    w->nodes[f->idx].end = (uint32_t)w->nnodes;
    if (f->link)
        w->link_depth--;
    if (f->block)
        open_block(w, f->owner, f->kind);
}

/* Walk the tree under root (an element) with an explicit stack. */
static void build(walk *w, const GumboNode *root)
{
    size_t cap = 0, n = 0;
    frame *st = NULL;
    if (!NG_GROW(st, cap, 64)) {
        w->oom = true;
        return;
    }
    st[0] = (frame){.g = root};
    w->cur.owner = 0;
    if (!enter(w, &st[0], NULL)) {
        ng_free(st, cap * sizeof *st);
        return;
    }
    n = 1;
    while (n && !w->oom) {
        frame *f = &st[n - 1];
        const GumboVector *kids = &f->g->v.element.children;
        if (f->next >= kids->length) {
            leave(w, f);
            n--;
            continue;
        }
        const GumboNode *c = kids->data[f->next++];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA)
            put_text(w, c->v.text.text);
        else if (c->type == GUMBO_NODE_WHITESPACE)
            w->space = true;
        if (c->type != GUMBO_NODE_ELEMENT || skip_tag(c->v.element.tag) || hidden(c))
            continue;
        if (!NG_GROW(st, cap, n + 1)) {
            w->oom = true;
            break;
        }
        st[n] = (frame){.g = c};
        if (!enter(w, &st[n], &st[n - 1]))
            break;
        n++;
    }
    while (n && !w->oom) /* close what is open (only after an early stop) */
        leave(w, &st[--n]);
    flush(w);
    ng_free(st, cap * sizeof *st);
}

/* ------------------------------------------------------ classification */

static bool block_is(const walk *w, const block *b, const char *s)
{
    return b->len == strlen(s) && ng_strnieq(w->text.data + b->off, s, b->len);
}

/* jusText-style class of one block from its own features. */
static uint8_t classify(const walk *w, const block *b)
{
    double ld = (double)b->links / b->chars;
    if (b->kind == K_H1 || b->kind == K_HEAD)
        return ld > 0.5 ? C_BAD : C_HEADING;
    if (ld > 0.5)
        return C_BAD;
    if (b->chars < 120 && ng_html_is_boiler_line(w->text.data + b->off, b->len))
        return C_BAD;
    double max_ld = b->chars >= 200 && b->stops >= 2 ? 0.5 : 0.3; /* prose with inline links */
    if (ld <= max_ld && b->chars >= 150 && b->stops)
        return C_GOOD;
    if (ld <= max_ld && b->chars >= 70 && b->stops)
        return C_NEAR;
    return C_SHORT;
}

/* ---------------------------------------------------------- pruning */

#define SAFE_WEAK 0.4   /* share of the page's prose above which a weak */
#define SAFE_STRONG 0.75 /* or strong boilerplate mark is not believed */

static void prune(walk *w)
{
    for (size_t i = 0; i < w->nblocks; i++)
        if (w->blocks[i].cls == C_GOOD || w->blocks[i].cls == C_NEAR) {
            w->nodes[w->blocks[i].owner].raw_good += w->blocks[i].chars;
            w->nodes[w->blocks[i].owner].raw_n++;
        }
    for (size_t i = w->nnodes; i-- > 1;) {
        w->nodes[w->nodes[i].parent].raw_good += w->nodes[i].raw_good;
        w->nodes[w->nodes[i].parent].raw_n += w->nodes[i].raw_n;
    }
    double page = w->nodes[0].raw_good > 0 ? w->nodes[0].raw_good : 1;
    for (size_t i = 1; i < w->nnodes; i++) {
        node *n = &w->nodes[i];
        double share = n->raw_n >= 2 ? n->raw_good / page : 0; /* a wrapper holds paragraphs */
        bool strong = (n->cls & NG_HTML_CLS_STRONG) && share < SAFE_STRONG;
        bool weak = ((n->cls & NG_HTML_CLS_WEAK) || (n->flags & N_PRUNE_TAG)) && share < SAFE_WEAK &&
                    !(n->cls & NG_HTML_CLS_CONTENT);
        if (w->nodes[n->parent].flags & N_PRUNED || strong || weak)
            n->flags |= N_PRUNED;
    }
}

/* ---------------------------------------------------------- container */

#define W_NEAR 0.75     /* near-good text counts for a container */
#define W_SENTENCE 0.5  /* a short sentence */
#define W_SHORT 0.1     /* other short text against */
#define W_BAD 0.5       /* link lists and boilerplate lines against */

/* What a block says about the container it is in: prose for, links and
 * boilerplate against, short bits of text next to nothing. */
static double weight(const block *b)
{
    switch (b->cls) {
    case C_GOOD: return b->chars;
    case C_NEAR: return W_NEAR * b->chars;
    case C_BAD: return -W_BAD * b->chars;
    case C_SHORT: return b->stops && b->links * 5 < b->chars ? W_SENTENCE * b->chars : -W_SHORT * b->chars;
    default: return 0;
    }
}

/* How much a block's weight counts for the element dist levels above the
 * block's own element (readability's decay: parent and grandparent most). */
static double decay(uint32_t dist)
{
    return dist <= 1 ? 1.0 : dist == 2 ? 0.5 : 1.0 / (3.0 * (dist - 1));
}

#define DECAY_LEVELS 6

/* A block's place in the page template: its element and two ancestors,
 * each as tag and class. */
static uint32_t block_sig(const walk *w, const block *b)
{
    uint64_t h = 0;
    int32_t a = b->owner;
    for (int d = 0; d < 3 && a >= 0; d++, a = w->nodes[a].parent)
        h = ng_hash_mix(h, w->nodes[a].sig);
    return (uint32_t)h;
}

#define W_BEFORE_TITLE 0.3 /* text before the headline is rarely the article */

/* Index of the block that is the page's headline: a heading equal to the
 * title, else the first <h1>; 0 when there is none. */
static size_t headline_block(const walk *w, const char *title)
{
    size_t h1 = SIZE_MAX;
    for (size_t i = 0; i < w->nblocks; i++) {
        const block *b = &w->blocks[i];
        if (b->kind != K_H1 && b->kind != K_HEAD)
            continue;
        if (title && block_is(w, b, title))
            return i;
        if (b->kind == K_H1 && h1 == SIZE_MAX)
            h1 = i;
    }
    return h1 == SIZE_MAX ? 0 : h1;
}

static void totals(walk *w, const char *title)
{
    size_t head = headline_block(w, title);
    for (size_t i = 0; i < w->nblocks; i++) {
        block *b = &w->blocks[i];
        node *n = &w->nodes[b->owner];
        if (n->flags & N_PRUNED)
            continue;
        double x = weight(b) * (i < head && weight(b) > 0 ? W_BEFORE_TITLE : 1.0);
        n->all += b->chars;
        n->good += x;
        int32_t a = b->owner;
        for (uint32_t d = 0; a >= 0 && d < DECAY_LEVELS; d++, a = w->nodes[a].parent)
            w->nodes[a].score += x * decay(d);
    }
    for (size_t i = w->nnodes; i-- > 1;) {
        node *n = &w->nodes[i], *p = &w->nodes[n->parent];
        p->all += n->all;
        p->good += n->good;
    }
}

#define CONTENT_BONUS 1.2
#define SIBLING_SHARE 0.2 /* siblings scoring this share of the best join it */

static double cand_score(const node *n)
{
    return n->cls & NG_HTML_CLS_CONTENT ? n->score * CONTENT_BONUS : n->score;
}

/* The element that best holds the article (highest decayed score); its
 * siblings that score well are marked N_BODY with it. */
static int32_t container(walk *w)
{
    int32_t best = 0;
    double top = -1e300;
    for (size_t i = 0; i < w->nnodes; i++) {
        const node *n = &w->nodes[i];
        if (n->flags & N_PRUNED || n->good <= 0)
            continue;
        double s = cand_score(n);
        if (s > top) {
            top = s;
            best = (int32_t)i;
        }
    }
    w->nodes[best].flags |= N_BODY;
    int32_t p = w->nodes[best].parent;
    if (p < 0)
        return best;
    for (uint32_t i = (uint32_t)p + 1; i < w->nodes[p].end; i = w->nodes[i].end) {
        node *n = &w->nodes[i];
        if (!(n->flags & N_PRUNED) && n->good > 0 && cand_score(n) >= SIBLING_SHARE * top)
            n->flags |= N_BODY;
    }
    return best;
}

/* ------------------------------------------------------------ selection */

static bool same_text(const walk *w, const block *b, const char *title)
{
    return title && block_is(w, b, title);
}

/* A short paragraph that is a sentence: ends with a full stop (perhaps
 * inside quotes), five words or more, few links. */
static bool is_sentence(const walk *w, const block *b)
{
    if (b->cls != C_SHORT || b->words < 5 || b->links * 5 > b->chars || b->kind == K_TD)
        return false;
    const unsigned char *s = (const unsigned char *)w->text.data + b->off, *e = s + b->len;
    while (e > s && (e[-1] == '"' || e[-1] == '\'' || e[-1] == ')' || (e - s >= 3 && e[-3] == 0xe2 && e[-2] == 0x80 &&
                                                                       (e[-1] == 0x9d || e[-1] == 0x99))))
        e -= e[-1] >= 0x80 ? 3 : 1;
    return e > s && (e[-1] == '.' || e[-1] == '!' || e[-1] == '?');
}

/* Is b in the chosen body (an N_BODY element that is not pruned)? */
static bool inside(const walk *w, const block *b)
{
    return (w->nodes[b->owner].flags & (N_BODY | N_PRUNED)) == N_BODY;
}

/* Paragraphs outside the chosen container that share the template of its
 * main paragraphs (a body split into columns or pages) join it: their
 * parents are marked N_BODY. */
static void same_template(walk *w)
{
    uint32_t best = 0;
    double top = 0;
    for (size_t i = 0; i < w->nblocks; i++) {
        const block *b = &w->blocks[i];
        if (b->cls != C_GOOD || !inside(w, b))
            continue;
        uint32_t sig = block_sig(w, b);
        double sum = 0;
        for (size_t j = i; j < w->nblocks && j < i + 64; j++)
            if (w->blocks[j].cls == C_GOOD && inside(w, &w->blocks[j]) && block_sig(w, &w->blocks[j]) == sig)
                sum += w->blocks[j].chars;
        if (sum > top)
            top = sum, best = sig;
    }
    if (top <= 0)
        return;
    for (size_t i = 0; i < w->nblocks; i++) {
        const block *b = &w->blocks[i];
        node *n = &w->nodes[b->owner];
        if ((n->flags & (N_BODY | N_PRUNED)) || (b->cls != C_GOOD && b->cls != C_NEAR) || block_sig(w, b) != best)
            continue;
        n->flags |= N_BODY;
        if (n->parent >= 0 && !(w->nodes[n->parent].flags & N_PRUNED) && w->nodes[n->parent].good > 0 &&
            !(w->nodes[w->nodes[n->parent].parent >= 0 ? w->nodes[n->parent].parent : 0].flags & N_BODY))
            w->nodes[n->parent].flags |= N_BODY;
    }
}

/* Extend N_BODY from the chosen elements to their subtrees. */
static void mark_body(walk *w)
{
    for (size_t i = 1; i < w->nnodes; i++)
        if (w->nodes[w->nodes[i].parent].flags & N_BODY)
            w->nodes[i].flags |= N_BODY;
}

/* Which blocks of container c make the body: good and near-good ones, short
 * ones between them, headings before them (jusText's context revision). */
static void select_blocks(walk *w, const char *title)
{
    size_t first = SIZE_MAX, last = 0;
    for (size_t i = 0; i < w->nblocks; i++) {
        block *b = &w->blocks[i];
        b->keep = inside(w, b) && (b->cls == C_GOOD || b->cls == C_NEAR) && !same_text(w, b, title);
        if (b->keep) {
            first = NG_MIN(first, i);
            last = i;
        }
    }
    if (first == SIZE_MAX)
        return;
    for (size_t i = 0; i < last; i++) {
        block *b = &w->blocks[i];
        if (b->keep || !inside(w, b) || b->cls == C_BAD || b->kind == K_H1 || same_text(w, b, title))
            continue;
        b->keep = b->cls == C_HEADING ? true : i > first;
    }
    /* short sentences that open or close the article */
    for (size_t i = last + 1; i < w->nblocks; i++)
        if (inside(w, &w->blocks[i]) && !(w->blocks[i].keep = is_sentence(w, &w->blocks[i])))
            break;
    for (size_t i = first; i-- > 0;)
        if (inside(w, &w->blocks[i]) && !(w->blocks[i].keep = is_sentence(w, &w->blocks[i])))
            break;
}

/* The fallbacks when the container holds too little (jusText without
 * context): pass 0 keeps every sentence-like block of the page, pass 1 also
 * pruned ones, pass 2 any text of five words that is not mostly links. */
static void select_lenient(walk *w, const char *title, int pass)
{
    for (size_t i = 0; i < w->nblocks; i++) {
        block *b = &w->blocks[i];
        bool pruned = w->nodes[b->owner].flags & N_PRUNED;
        bool text = b->cls != C_BAD && b->words >= 5 && b->links * 3 < b->chars;
        bool prose = b->cls == C_GOOD || b->cls == C_NEAR || (text && b->stops);
        b->keep = (pass == 2 ? text : prose) && (pass > 0 || !pruned) && b->kind != K_H1 && !same_text(w, b, title);
    }
}

static size_t kept_chars(const walk *w)
{
    size_t n = 0;
    for (size_t i = 0; i < w->nblocks; i++)
        if (w->blocks[i].keep)
            n += w->blocks[i].chars;
    return n;
}

static void emit(const walk *w, ng_buf *out)
{
    for (size_t i = 0; i < w->nblocks; i++) {
        const block *b = &w->blocks[i];
        if (!b->keep)
            continue;
        if (out->len)
            ng_buf_puts(out, "\n\n");
        ng_buf_append(out, w->text.data + b->off, b->len);
    }
}

static void walk_free(walk *w)
{
    ng_free(w->nodes, w->cap_nodes * sizeof *w->nodes);
    ng_free(w->blocks, w->cap_blocks * sizeof *w->blocks);
    ng_buf_free(&w->text);
}

#ifdef NG_HTML_DEBUG
/* Debug builds (-DNG_HTML_DEBUG) log every block and the decisions about it
 * at NG_LOG_DEBUG: a tool for tuning the rules on real pages. */
static void debug_dump(const walk *w, int32_t c)
{
    const node *cn = &w->nodes[c];
    ng_log(NG_LOG_DEBUG, "container %d <%s> good=%.0f all=%.0f", c, gumbo_normalized_tagname(cn->tag),
            cn->good, cn->all);
    for (size_t i = 1; i < w->nnodes; i++) {
        const node *n = &w->nodes[i];
        if ((n->flags & N_PRUNED) && !(w->nodes[n->parent].flags & N_PRUNED) && n->raw_good > 0)
            ng_log(NG_LOG_DEBUG, "pruned %zu <%s> cls=%u flags=%u raw=%.0f of %.0f", i, gumbo_normalized_tagname(n->tag),
                    n->cls, n->flags, n->raw_good, w->nodes[0].raw_good);
    }
    for (size_t i = 0; i < w->nblocks; i++) {
        const block *b = &w->blocks[i];
        const node *n = &w->nodes[b->owner];
        ng_log(NG_LOG_DEBUG, "%c %c k%d c%4u l%4u s%2u o%5d<%s>%s%s |%.*s", b->keep ? '+' : ' ', "BSNGH"[b->cls], b->kind,
                b->chars, b->links, b->stops, b->owner, gumbo_normalized_tagname(n->tag),
                n->flags & N_PRUNED ? "P" : "", inside(w, b) ? "" : "x", (int)NG_MIN(b->len, 90),
                w->text.data + b->off);
    }
}
#endif

#define FALLBACK_CHARS 100 /* less than this from the container: fall back */

void ng_html_body(const GumboNode *root, const char *title, ng_buf *out)
{
    walk w;
    memset(&w, 0, sizeof w);
    ng_buf_init(&w.text);
    if (root->type == GUMBO_NODE_ELEMENT)
        build(&w, root);
    if (w.oom || w.text.oom || !w.nnodes) {
        out->oom |= w.oom || w.text.oom;
        walk_free(&w);
        return;
    }
    for (size_t i = 0; i < w.nblocks; i++)
        w.blocks[i].cls = classify(&w, &w.blocks[i]);
    prune(&w);
    totals(&w, title);
    int32_t c = container(&w);
    mark_body(&w);
    same_template(&w);
    mark_body(&w);
    select_blocks(&w, title);
    for (int pass = 0; pass < 3 && kept_chars(&w) < FALLBACK_CHARS; pass++)
        select_lenient(&w, title, pass);
#ifdef NG_HTML_DEBUG
    debug_dump(&w, c);
#else
    (void)c;
#endif
    emit(&w, out);
    walk_free(&w);
}
