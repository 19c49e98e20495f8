/*
 * html.c - HTML articles: bytes -> UTF-8 -> gumbo tree -> metadata and body.
 * gumbo's memory is tracked in a list and released in one sweep, so freeing
 * a tree of any depth needs no recursion (gumbo_destroy_output recurses).
 */
#include "html.h"

#include <ctype.h>
#include <setjmp.h>
#include <stddef.h>

/* ------------------------------------------------- gumbo's allocations */

/* Each gumbo allocation is preceded by a link in a doubly-linked list, so
 * the tree is freed by walking the list.  gumbo cannot survive a failed
 * allocation, so a failure jumps back to extract(), which frees what the
 * list holds: every byte gumbo had, since all its memory comes from here. */
typedef struct gblock {
    struct gblock *prev, *next;
    size_t size;
    max_align_t align[]; /* the caller's bytes */
} gblock;

typedef struct gheap {
    gblock *first;
    jmp_buf oom;
} gheap;

static void *g_alloc(void *ud, size_t size)
{
    gheap *h = ud;
    gblock *b = ng_malloc(sizeof *b + size);
    if (!b)
        longjmp(h->oom, 1);
    b->size = sizeof *b + size;
    b->prev = NULL;
    b->next = h->first;
    if (h->first)
        h->first->prev = b;
    h->first = b;
    return b->align;
}

static void g_dealloc(void *ud, void *p)
{
    gheap *h = ud;
    if (!p)
        return;
    gblock *b = (gblock *)((char *)p - offsetof(gblock, align));
    if (b->prev)
        b->prev->next = b->next;
    else
        h->first = b->next;
    if (b->next)
        b->next->prev = b->prev;
    ng_free(b, b->size);
}

static void g_release(gheap *h)
{
    for (gblock *b = h->first, *n; b; b = n) {
        n = b->next;
        ng_free(b, b->size);
    }
    h->first = NULL;
}

/* ------------------------------------------------------------- helpers */

const char *ng_html_attr(const GumboNode *n, const char *name)
{
    if (n->type != GUMBO_NODE_ELEMENT)
        return NULL;
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

size_t ng_html_fold(char *s, size_t len)
{
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0xa0) {
            i++;
            space = true;
            continue;
        }
        if (ng_is_space_ascii(c)) {
            space = true;
            continue;
        }
        if (space && o)
            s[o++] = ' ';
        space = false;
        s[o++] = (char)c;
    }
    return o;
}

void ng_html_text(const GumboNode *n, ng_buf *b)
{
    size_t cap = 0, top = 0;
    const GumboNode **st = NULL;
    if (!NG_GROW(st, cap, 16)) {
        b->oom = true;
        return;
    }
    size_t start = b->len;
    st[top++] = n;
    while (top && b->len - start < NG_HTML_MAX_FIELD * 4) {
        const GumboNode *x = st[--top];
        if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_WHITESPACE || x->type == GUMBO_NODE_CDATA) {
            ng_buf_puts(b, x->v.text.text);
            continue;
        }
        if (x->type != GUMBO_NODE_ELEMENT || x->v.element.tag == GUMBO_TAG_SCRIPT ||
            x->v.element.tag == GUMBO_TAG_STYLE)
            continue;
        const GumboVector *kids = &x->v.element.children;
        if (!NG_GROW(st, cap, top + kids->length + 1)) {
            b->oom = true;
            break;
        }
        if (x->v.element.tag == GUMBO_TAG_BR || x != n)
            ng_buf_putc(b, ' '); /* elements separate words */
        for (unsigned i = kids->length; i-- > 0;)
            st[top++] = kids->data[i];
    }
    ng_free(st, cap * sizeof *st);
    if (!b->oom && b->data)
        b->len = start + ng_html_fold(b->data + start, b->len - start), b->data[b->len] = '\0';
}

/* ------------------------------------------------------------- reader */

/* Plain text of a JSON-LD articleBody, which some sites fill with markup:
 * tags dropped (paragraph and line breaks become newlines), the common
 * entities decoded.  Returns the length written to s (in place). */
static size_t strip_markup(char *s)
{
    static const struct { const char *ent, *txt; } ents[] = {
        {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", " "}};
    size_t o = 0;
    for (size_t i = 0; s[i];) {
        if (s[i] == '<' && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
            size_t j = i + 1;
            while (s[j] && s[j] != '>')
                j++;
            bool brk = ng_strnieq(s + i, "<br", 3) || ng_strnieq(s + i, "</p", 3) || ng_strnieq(s + i, "<p", 2);
            s[o++] = brk ? '\n' : ' ';
            i = s[j] ? j + 1 : j;
            continue;
        }
        size_t k = 0;
        while (s[i] == '&' && k < NG_ARRAY_LEN(ents) && !ng_starts_with(s + i, ents[k].ent))
            k++;
        if (s[i] == '&' && k < NG_ARRAY_LEN(ents)) {
            s[o++] = ents[k].txt[0];
            i += strlen(ents[k].ent);
            continue;
        }
        s[o++] = s[i++];
    }
    s[o] = '\0';
    return o;
}

/* The body as the page's JSON-LD gives it: lines become paragraphs. */
static void body_from_jsonld(const char *text, ng_buf *out)
{
    size_t size = strlen(text) + 1;
    char *copy = ng_strndup(text, size - 1), *s = copy;
    if (!copy) {
        out->oom = true;
        return;
    }
    ng_buf_clear(out);
    strip_markup(s);
    while (*s) {
        size_t n = strcspn(s, "\n");
        ng_buf_append(out, s, n);
        if (out->data && !out->oom) {
            size_t start = out->len - n;
            out->len = start + ng_html_fold(out->data + start, n);
            if (out->len > start)
                ng_buf_puts(out, "\n\n");
        }
        s += n + (s[n] == '\n');
    }
    ng_free(copy, size);
    while (out->len && out->data[out->len - 1] == '\n')
        out->len--;
    if (out->data)
        out->data[out->len] = '\0';
}

static void set_meta(ng_doc *doc, const ng_html_meta *m)
{
    ng_doc_set(doc, NG_F_TITLE, m->title);
    ng_doc_set(doc, NG_F_DATE, m->date);
    ng_doc_set(doc, NG_F_AUTHOR, m->author);
    ng_doc_set(doc, NG_F_PUBLISHER, m->publisher);
    ng_doc_set(doc, NG_F_URL, m->url);
    ng_doc_set(doc, NG_F_LANGUAGE, m->language);
}

/* Parse with gumbo into *pg; false when memory ran out (nothing is left
 * allocated then).  The tree lives until g_release(h). */
static bool parse(gheap *h, const char *data, size_t len, GumboOutput **pg)
{
    GumboOptions opt = kGumboDefaultOptions;
    opt.allocator = g_alloc;
    opt.deallocator = g_dealloc;
    opt.userdata = h;
    opt.max_errors = 0;
    if (setjmp(h->oom)) {
        g_release(h);
        return false;
    }
    *pg = gumbo_parse_with_options(&opt, data, len);
    return true;
}

/* Parse and extract: the body goes to body, metadata to m. */
static void extract(const char *data, size_t len, ng_html_meta *m, ng_buf *body)
{
    gheap h;
    h.first = NULL;
    GumboOutput *g = NULL;
    memset(m, 0, sizeof *m);
    if (!parse(&h, data, len, &g)) {
        body->oom = true;
        return;
    }
    ng_html_meta_read(g->root, m);
    ng_html_body(g->root, m->title, body);
    size_t nb = body->len, nj = m->article_body ? strlen(m->article_body) : 0;
    if (nj > 2 * nb + 200)
        body_from_jsonld(m->article_body, body);
    g_release(&h); /* frees the whole tree */
}

int ng_read_html(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err)
{
    *out = NULL;
    if (len > NG_MAX_DOC_BYTES)
        return ng_err(err, NG_ETOOBIG, "%s: HTML larger than the %zu MB limit", name, NG_MAX_DOC_BYTES >> 20);
    ng_buf conv, body;
    ng_buf_init(&conv);
    ng_buf_init(&body);
    bool converted;
    if (ng_html_to_utf8(data, len, &conv, &converted) != NG_OK) {
        ng_buf_free(&conv);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    const char *html = converted ? conv.data : data;
    size_t n = converted ? conv.len : len;
    ng_buf flat;
    ng_buf_init(&flat);
    if (ng_html_limit_depth(html, n, &flat)) {
        ng_log(NG_LOG_WARN, "%s: elements nested deeper than %d levels were flattened", name, NG_HTML_MAX_DEPTH);
        html = flat.data ? flat.data : "";
        n = flat.len;
    }
    ng_html_meta m;
    memset(&m, 0, sizeof m);
    if (!flat.oom)
        extract(html, n, &m, &body);
    body.oom |= flat.oom;
    ng_buf_free(&flat);
    ng_buf_free(&conv);
    int rc = NG_OK;
    if (body.oom)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    else if (body.len == 0)
        rc = ng_err(err, NG_EEMPTY, "%s: no article text found in the HTML", name);
    ng_doc *doc = rc == NG_OK ? ng_doc_new(body.data, body.len) : NULL;
    if (rc == NG_OK && !doc)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    if (doc) {
        set_meta(doc, &m);
        ng_doc_finish_meta(doc);
        *out = doc;
    }
    ng_html_meta_free(&m);
    ng_buf_free(&body);
    return rc;
}
