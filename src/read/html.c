/*
 * html.c - HTML articles through gumbo.  (First version: the text of <p>
 * elements is the body.)
 */
#include "read.h"

#include <gumbo.h>

static void collect_text(const GumboNode *n, ng_buf *b)
{
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
        ng_buf_puts(b, n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    const GumboVector *kids = &n->v.element.children;
    for (unsigned i = 0; i < kids->length; i++)
        collect_text(kids->data[i], b);
}

static void collect_paragraphs(const GumboNode *n, ng_buf *b)
{
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    if (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE)
        return;
    if (n->v.element.tag == GUMBO_TAG_P) {
        collect_text(n, b);
        ng_buf_puts(b, "\n\n");
        return;
    }
    const GumboVector *kids = &n->v.element.children;
    for (unsigned i = 0; i < kids->length; i++)
        collect_paragraphs(kids->data[i], b);
}

int ng_read_html(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err)
{
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, data, len);
    if (!g)
        return ng_err(err, NG_EFORMAT, "%s: HTML could not be parsed", name);
    ng_buf b;
    ng_buf_init(&b);
    collect_paragraphs(g->root, &b);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    if (b.oom) {
        ng_buf_free(&b);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    int rc = ng_read_text(name, b.data ? b.data : "", b.len, out, err);
    ng_buf_free(&b);
    return rc;
}
