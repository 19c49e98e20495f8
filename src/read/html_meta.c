/*
 * html_meta.c - what an HTML page says about itself: title, date, author,
 * publisher, canonical URL and language, from JSON-LD, meta tags and the page
 * body.  One walk gathers candidates with a priority (lower is better); each
 * field then takes the best candidate that survives its checks.
 */
#include "html.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>

#define MAX_CANDS 24        /* candidates kept per field */
#define JSONLD_MAX_NODES 2000 /* objects visited in one JSON-LD script */
#define JSONLD_MAX_DEPTH 12

enum { F_TITLE, F_DATE, F_AUTHOR, F_PUBLISHER, F_URL, F_LANG, F_H1, F_DOCTITLE, F_BODY, NF };

typedef struct cand {
    int prio;
    char *v;     /* ng_malloc'ed, whitespace folded (but for F_BODY) */
    size_t size; /* bytes allocated for v */
} cand;

typedef struct gather {
    cand c[NF][MAX_CANDS];
    size_t n[NF];
} gather;

/* Decode the character references a page escaped twice ("&amp;#8211;"
 * reaches us as "&#8211;") in place; the result is never longer. */
static size_t decode_entities(char *v, size_t len)
{
    static const struct { const char *name; char c; } named[] = {
        {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}, {"lt;", '<'}, {"gt;", '>'}, {"nbsp;", ' '}};
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (v[i] == '&' && i + 3 < len && v[i + 1] == '#') {
            bool hex = v[i + 2] == 'x' || v[i + 2] == 'X';
            char *end;
            long cp = strtol(v + i + 2 + hex, &end, hex ? 16 : 10);
            if (end > v + i + 2 + hex && end < v + len && *end == ';' && cp > 0 && cp < 0x110000 &&
                !(cp >= 0xd800 && cp < 0xe000)) {
                o += ng_utf8_encode((int32_t)cp, v + o);
                i = (size_t)(end - v) + 1;
                continue;
            }
        }
        size_t k = 0;
        while (v[i] == '&' && k < NG_ARRAY_LEN(named) && !(i + 1 + strlen(named[k].name) <= len &&
                                                           memcmp(v + i + 1, named[k].name, strlen(named[k].name)) == 0))
            k++;
        if (v[i] == '&' && k < NG_ARRAY_LEN(named)) {
            v[o++] = named[k].c;
            i += 1 + strlen(named[k].name);
            continue;
        }
        v[o++] = v[i++];
    }
    return o;
}

/* Keep a copy of [s, s + len) (whitespace folded) as a candidate for f. */
static void add(gather *g, int f, int prio, const char *s, size_t len)
{
    if (!s || g->n[f] >= MAX_CANDS)
        return;
    size_t cap = f == F_BODY ? NG_MAX_DOC_BYTES : NG_HTML_MAX_FIELD;
    if (len > cap)
        len = cap;
    char *v = ng_malloc(len + 1);
    if (!v)
        return;
    memcpy(v, s, len);
    v[len] = '\0';
    size_t n = f == F_BODY ? len : ng_html_fold(v, decode_entities(v, len));
    if (n == 0) {
        ng_free(v, len + 1);
        return;
    }
    v[n] = '\0';
    g->c[f][g->n[f]++] = (cand){prio, v, len + 1};
}

static void adds(gather *g, int f, int prio, const char *s)
{
    if (s)
        add(g, f, prio, s, strlen(s));
}

/* Add the folded text under n. */
static void add_text(gather *g, int f, int prio, const GumboNode *n)
{
    ng_buf b;
    ng_buf_init(&b);
    ng_html_text(n, &b);
    if (!b.oom && b.len)
        add(g, f, prio, b.data, NG_MIN(b.len, (size_t)NG_HTML_MAX_FIELD));
    ng_buf_free(&b);
}

/* ------------------------------------------------------------ JSON-LD */

static bool type_is_article(json_t *t)
{
    if (json_is_array(t)) {
        size_t i;
        json_t *x;
        json_array_foreach(t, i, x) if (type_is_article(x)) return true;
        return false;
    }
    const char *s = json_string_value(t);
    if (!s)
        return false;
    size_t n = strlen(s);
    static const char *const ends[] = {"Article", "Posting", "Report"};
    for (size_t i = 0; i < NG_ARRAY_LEN(ends); i++) {
        size_t k = strlen(ends[i]);
        if (n >= k && strcmp(s + n - k, ends[i]) == 0)
            return true;
    }
    return false;
}

/* A person or organisation: a string, {"name": ...}, or an array of them
 * (joined with ", "). */
static void add_names(gather *g, int f, int prio, json_t *v)
{
    ng_buf b;
    ng_buf_init(&b);
    json_t *one = v;
    size_t i = 0, n = json_is_array(v) ? json_array_size(v) : 1;
    for (; i < n && i < 8; i++) {
        if (json_is_array(v))
            one = json_array_get(v, i);
        json_t *name = json_is_object(one) ? json_object_get(one, "name") : one;
        if (json_is_array(name))
            name = json_array_get(name, 0);
        const char *s = json_string_value(name);
        if (!s || !*s || ng_starts_with(s, "http"))
            continue;
        if (b.len)
            ng_buf_puts(&b, ", ");
        ng_buf_puts(&b, s);
    }
    if (!b.oom && b.len)
        add(g, f, prio, b.data, b.len);
    ng_buf_free(&b);
}

static const char *str_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_object(v))
        v = json_object_get(v, "@id");
    return json_string_value(v);
}

/* Candidates from one JSON-LD object; article types rank first. */
static void jsonld_object(gather *g, json_t *o)
{
    int p = type_is_article(json_object_get(o, "@type")) ? 0 : 20;
    adds(g, F_TITLE, p + 1, str_of(o, "headline"));
    adds(g, F_DATE, p + 1, str_of(o, "datePublished"));
    adds(g, F_DATE, p + 6, str_of(o, "dateCreated"));
    adds(g, F_DATE, p + 9, str_of(o, "dateModified"));
    adds(g, F_LANG, p + 2, str_of(o, "inLanguage"));
    if (p == 0) {
        adds(g, F_URL, 3, str_of(o, "url"));
        adds(g, F_URL, 4, str_of(o, "mainEntityOfPage"));
        adds(g, F_BODY, 1, str_of(o, "articleBody"));
    }
    json_t *a = json_object_get(o, "author");
    if (a)
        add_names(g, F_AUTHOR, p + 1, a);
    a = json_object_get(o, "publisher");
    if (a)
        add_names(g, F_PUBLISHER, p + 1, a);
}

/* Visit every object of a JSON-LD value (arrays, @graph, nested values)
 * breadth-first with an explicit, bounded queue. */
static void jsonld_walk(gather *g, json_t *root)
{
    json_t *queue[JSONLD_MAX_NODES];
    int depth[JSONLD_MAX_NODES];
    size_t head = 0, tail = 0;
    queue[tail] = root, depth[tail++] = 0;
    while (head < tail) {
        json_t *v = queue[head];
        int d = depth[head++];
        if (json_is_object(v) && json_object_get(v, "@type"))
            jsonld_object(g, v);
        if (d >= JSONLD_MAX_DEPTH)
            continue;
        const char *key;
        json_t *x;
        size_t i;
        if (json_is_array(v)) {
            json_array_foreach(v, i, x) if ((json_is_object(x) || json_is_array(x)) && tail < JSONLD_MAX_NODES)
                queue[tail] = x, depth[tail++] = d + 1;
        } else if (json_is_object(v)) {
            json_object_foreach(v, key, x) {
                bool deep = strcmp(key, "@graph") == 0 || strcmp(key, "mainEntity") == 0 ||
                            strcmp(key, "itemListElement") == 0 || strcmp(key, "item") == 0;
                if (deep && (json_is_object(x) || json_is_array(x)) && tail < JSONLD_MAX_NODES)
                    queue[tail] = x, depth[tail++] = d + 1;
            }
        }
    }
}

/* Parse a JSON-LD script; sites often wrap it in comment or CDATA markers
 * or leave raw control characters in strings, so both are tolerated. */
static void jsonld_script(gather *g, const GumboNode *script)
{
    const GumboVector *kids = &script->v.element.children;
    if (kids->length != 1 || ((const GumboNode *)kids->data[0])->type != GUMBO_NODE_TEXT)
        return;
    const char *s = ((const GumboNode *)kids->data[0])->v.text.text, *e = s + strlen(s);
    if ((size_t)(e - s) > NG_HTML_MAX_JSONLD)
        return;
    static const char *const wraps[] = {"<!--", "//<![CDATA[", "<![CDATA[", "/*<![CDATA[*/"};
    ng_trim(&s, &e);
    for (size_t i = 0; i < NG_ARRAY_LEN(wraps); i++)
        if ((size_t)(e - s) >= strlen(wraps[i]) && ng_starts_with(s, wraps[i]))
            s += strlen(wraps[i]);
    while (s < e && *s != '{' && *s != '[')
        s++;
    while (e > s && e[-1] != '}' && e[-1] != ']')
        e--;
    json_t *root = json_loadb(s, (size_t)(e - s), JSON_DISABLE_EOF_CHECK, NULL);
    if (!root) {
        char *copy = ng_strndup(s, (size_t)(e - s));
        if (!copy)
            return;
        for (char *p = copy; *p; p++)
            if ((unsigned char)*p < 0x20)
                *p = ' ';
        root = json_loadb(copy, (size_t)(e - s), JSON_DISABLE_EOF_CHECK, NULL);
        ng_free(copy, (size_t)(e - s) + 1);
    }
    if (root) {
        jsonld_walk(g, root);
        json_decref(root);
    }
}

/* ---------------------------------------------------------- meta tags */

typedef struct meta_rule {
    const char *key; /* name, property or itemprop value, lower case */
    int field, prio;
} meta_rule;

static const meta_rule meta_rules[] = {
    {"og:title", F_TITLE, 2},
    {"twitter:title", F_TITLE, 3},
    {"dc.title", F_TITLE, 4},
    {"headline", F_TITLE, 4},
    {"article:published_time", F_DATE, 2},
    {"datepublished", F_DATE, 3},
    {"date", F_DATE, 3},
    {"pubdate", F_DATE, 3},
    {"publishdate", F_DATE, 3},
    {"publish-date", F_DATE, 3},
    {"publish_date", F_DATE, 3},
    {"article.published", F_DATE, 3},
    {"article_date_original", F_DATE, 3},
    {"dc.date", F_DATE, 4},
    {"dc.date.issued", F_DATE, 4},
    {"dcterms.created", F_DATE, 4},
    {"dcterms.date", F_DATE, 4},
    {"parsely-pub-date", F_DATE, 4},
    {"sailthru.date", F_DATE, 4},
    {"og:published_time", F_DATE, 4},
    {"datecreated", F_DATE, 6},
    {"article:modified_time", F_DATE, 9},
    {"og:updated_time", F_DATE, 10},
    {"datemodified", F_DATE, 10},
    {"author", F_AUTHOR, 2},
    {"article:author", F_AUTHOR, 3},
    {"byl", F_AUTHOR, 3},
    {"parsely-author", F_AUTHOR, 3},
    {"sailthru.author", F_AUTHOR, 3},
    {"dc.creator", F_AUTHOR, 4},
    {"og:site_name", F_PUBLISHER, 2},
    {"application-name", F_PUBLISHER, 3},
    {"publisher", F_PUBLISHER, 4},
    {"og:url", F_URL, 2},
    {"og:locale", F_LANG, 3},
    {"content-language", F_LANG, 2},
    {"language", F_LANG, 3},
};

static void meta_tag(gather *g, const GumboNode *n)
{
    const char *content = ng_html_attr(n, "content");
    if (!content)
        return;
    static const char *const keys[] = {"property", "name", "itemprop", "http-equiv"};
    for (size_t k = 0; k < NG_ARRAY_LEN(keys); k++) {
        const char *key = ng_html_attr(n, keys[k]);
        if (!key)
            continue;
        for (size_t i = 0; i < NG_ARRAY_LEN(meta_rules); i++)
            if (ng_strieq(key, meta_rules[i].key))
                adds(g, meta_rules[i].field, meta_rules[i].prio, content);
    }
}

/* ------------------------------------------------------------ elements */

static bool has_token(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; p && (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
    return false;
}

/* Microdata: itemprop="datePublished" / "author" / "headline" anywhere. */
static void itemprop(gather *g, const GumboNode *n, const char *ip)
{
    const char *v = ng_html_attr(n, "content");
    if (!v)
        v = ng_html_attr(n, "datetime");
    if (has_token(ip, "datePublished")) {
        if (v)
            adds(g, F_DATE, 3, v);
        else
            add_text(g, F_DATE, 3, n);
    } else if (has_token(ip, "author") || has_token(ip, "creator")) {
        if (v)
            adds(g, F_AUTHOR, 4, v);
        else
            add_text(g, F_AUTHOR, 4, n);
    } else if (has_token(ip, "headline") && n->v.element.tag != GUMBO_TAG_META) {
        add_text(g, F_TITLE, 4, n);
    }
}

static void element(gather *g, const GumboNode *n, bool in_head)
{
    GumboTag t = n->v.element.tag;
    const char *a;
    if (t == GUMBO_TAG_HTML)
        adds(g, F_LANG, 1, ng_html_attr(n, "lang"));
    else if (t == GUMBO_TAG_TITLE && in_head)
        add_text(g, F_DOCTITLE, 1, n);
    else if (t == GUMBO_TAG_META)
        meta_tag(g, n);
    else if (t == GUMBO_TAG_LINK && (a = ng_html_attr(n, "rel")) && ng_strieq(a, "canonical"))
        adds(g, F_URL, 1, ng_html_attr(n, "href"));
    else if (t == GUMBO_TAG_SCRIPT && (a = ng_html_attr(n, "type")) && ng_strieq(a, "application/ld+json"))
        jsonld_script(g, n);
    else if (t == GUMBO_TAG_H1)
        add_text(g, F_H1, 1, n);
    else if (t == GUMBO_TAG_TIME && (a = ng_html_attr(n, "datetime")))
        adds(g, F_DATE, ng_html_attr(n, "pubdate") ? 4 : 7, a);
    else if (t == GUMBO_TAG_A && (a = ng_html_attr(n, "rel")) && has_token(a, "author"))
        add_text(g, F_AUTHOR, 5, n);
    if ((a = ng_html_attr(n, "itemprop")))
        itemprop(g, n, a);
    if ((a = ng_html_attr(n, "class")) && (strstr(a, "byline") || strstr(a, "author-name")))
        add_text(g, F_AUTHOR, 6, n);
}

/* One walk over the whole tree with an explicit stack of nodes. */
static void walk(gather *g, const GumboNode *root)
{
    size_t cap = 0, n = 0;
    const GumboNode **stack = NULL;
    if (!NG_GROW(stack, cap, 64))
        return;
    stack[n++] = root;
    while (n) {
        const GumboNode *x = stack[--n];
        if (x->type != GUMBO_NODE_ELEMENT && x->type != GUMBO_NODE_DOCUMENT)
            continue;
        const GumboVector *kids;
        if (x->type == GUMBO_NODE_ELEMENT) {
            const GumboNode *p = x->parent;
            element(g, x, p && p->type == GUMBO_NODE_ELEMENT && p->v.element.tag == GUMBO_TAG_HEAD);
            kids = &x->v.element.children;
        } else {
            kids = &x->v.document.children;
        }
        if (!NG_GROW(stack, cap, n + kids->length))
            break;
        for (unsigned i = kids->length; i-- > 0;) /* reversed: document order */
            stack[n++] = kids->data[i];
    }
    ng_free(stack, cap * sizeof *stack);
}

/* ------------------------------------------------------- choosing values */

static int by_prio(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return x->prio != y->prio ? (x->prio < y->prio ? -1 : 1) : (x < y ? -1 : 1);
}

/* A copy of c's value sized to its length (the candidate may have been
 * shortened in place), or NULL. */
static char *take(cand *c)
{
    return ng_strndup(c->v, strlen(c->v));
}

static const char *const title_seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "};

/* Length of the headline in t once a " | Site" style suffix or prefix is
 * gone; *start is where it begins.  A pipe-like separator always splits; a
 * dash only when the other side names the site. */
static size_t strip_site(const char *t, const char *site, size_t *start)
{
    size_t len = strlen(t);
    *start = 0;
    for (size_t i = 0; i < NG_ARRAY_LEN(title_seps); i++) {
        const char *sep = title_seps[i], *p = NULL, *q;
        for (q = t; (q = strstr(q, sep)); q++)
            p = q; /* the last one */
        if (!p)
            continue;
        size_t head = (size_t)(p - t), tail = len - head - strlen(sep);
        bool dash = sep[1] == '-' || (unsigned char)sep[1] == 0xe2;
        bool tail_site = site && strlen(site) == tail && ng_strnieq(p + strlen(sep), site, tail);
        bool head_site = site && strlen(site) == head && ng_strnieq(t, site, head);
        if (head_site) {
            *start = head + strlen(sep);
            return tail;
        }
        if (tail_site || (!dash && head >= tail))
            return head;
    }
    return len;
}

/* Is the <h1> h the headline that the <title> t (site name removed) gives?
 * One must start with the other, sharing at least 60% of the longer. */
static bool same_headline(const char *h, const char *t)
{
    size_t nh = strlen(h), nt = strlen(t), n = NG_MIN(nh, nt);
    return n >= 8 && ng_strnieq(h, t, n) && n * 10 >= NG_MAX(nh, nt) * 6;
}

/* Strip the site's name from candidate c in place. */
static void strip_cand(cand *c, const char *site)
{
    size_t start, n = strip_site(c->v, site, &start);
    memmove(c->v, c->v + start, n);
    c->v[n] = '\0';
}

static char *choose_title(gather *g, const char *site)
{
    cand *c = NULL, *doc = g->n[F_DOCTITLE] ? &g->c[F_DOCTITLE][0] : NULL;
    if (doc)
        strip_cand(doc, site);
    if (g->n[F_TITLE])
        c = &g->c[F_TITLE][0];
    for (size_t i = 0; !c && i < g->n[F_H1]; i++)
        if (!doc || same_headline(g->c[F_H1][i].v, doc->v))
            c = &g->c[F_H1][i];
    if (!c)
        c = doc;
    if (!c)
        return NULL;
    strip_cand(c, site);
    return c->v[0] ? take(c) : NULL;
}

/* "By Jane Doe and John Roe" -> "Jane Doe and John Roe"; URLs and long
 * texts are not names. */
static bool clean_author(char *v)
{
    if (ng_starts_with(v, "http") || strchr(v, '@') || strlen(v) > 200)
        return false;
    char *s = v;
    if (ng_strnieq(s, "by ", 3))
        s += 3;
    else if (ng_strnieq(s, "by:", 3))
        s += 3;
    while (*s == ' ')
        s++;
    size_t n = strcspn(s, "|\n\xE2"); /* "Name | date", "Name • date" */
    while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    memmove(v, s, n);
    v[n] = '\0';
    return n >= 3 && n <= 120;
}

static bool clean_lang(char *v)
{
    size_t n = 0;
    while (isalpha((unsigned char)v[n]) && n < 3)
        v[n] = (char)tolower((unsigned char)v[n]), n++;
    if (n < 2 || isalpha((unsigned char)v[n]))
        return false;
    v[n] = '\0';
    return true;
}

/* Replace v (size bytes allocated) by its ISO 8601 form. */
static bool clean_date(char *v, size_t size)
{
    char iso[64];
    if (!ng_parse_date(v, strlen(v), iso, sizeof iso) || strlen(iso) >= size)
        return false;
    memcpy(v, iso, strlen(iso) + 1);
    return true;
}

/* The best candidate of field f that survives its check. */
static char *choose(gather *g, int f)
{
    for (size_t i = 0; i < g->n[f]; i++) {
        cand *c = &g->c[f][i];
        bool ok = f == F_AUTHOR ? clean_author(c->v)
                  : f == F_LANG ? clean_lang(c->v)
                  : f == F_DATE ? clean_date(c->v, c->size)
                  : f == F_URL  ? ng_starts_with(c->v, "http://") || ng_starts_with(c->v, "https://")
                                : true;
        if (ok)
            return take(c);
    }
    return NULL;
}

void ng_html_meta_read(const GumboNode *root, ng_html_meta *m)
{
    gather *g = ng_calloc(1, sizeof *g);
    memset(m, 0, sizeof *m);
    if (!g)
        return;
    walk(g, root);
    for (int f = 0; f < NF; f++)
        qsort(g->c[f], g->n[f], sizeof(cand), by_prio);
    m->publisher = choose(g, F_PUBLISHER);
    m->title = choose_title(g, m->publisher);
    m->date = choose(g, F_DATE);
    m->author = choose(g, F_AUTHOR);
    m->url = choose(g, F_URL);
    m->language = choose(g, F_LANG);
    if (g->n[F_BODY])
        m->article_body = take(&g->c[F_BODY][0]);
    for (int f = 0; f < NF; f++)
        for (size_t i = 0; i < g->n[f]; i++)
            ng_free(g->c[f][i].v, g->c[f][i].size);
    ng_free(g, sizeof *g);
}

void ng_html_meta_free(ng_html_meta *m)
{
    char **all[] = {&m->title, &m->date, &m->author, &m->publisher, &m->url, &m->language, &m->article_body};
    for (size_t i = 0; i < NG_ARRAY_LEN(all); i++)
        if (*all[i]) {
            ng_free(*all[i], strlen(*all[i]) + 1);
            *all[i] = NULL;
        }
}
