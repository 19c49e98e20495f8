/*
 * html.h - the HTML reader's parts, internal: charset conversion, the class/id
 * lexicon, metadata and article-body extraction.  Every walk over a gumbo tree
 * uses an explicit stack, so no input can exhaust the C stack.
 */
#ifndef NG_HTML_H
#define NG_HTML_H

#include "read.h"

#include <gumbo.h>

/* Hard limits. */
#define NG_HTML_MAX_JSONLD ((size_t)4 << 20) /* one JSON-LD script */
#define NG_HTML_MAX_FIELD 1024               /* one metadata value, bytes */
#define NG_HTML_SNIFF 4096                   /* bytes searched for a charset */
#define NG_HTML_MAX_DEPTH 400                /* element nesting handed to gumbo */

/* ------------------------------------------------------------ charset */

/* Make data UTF-8: a BOM, else valid UTF-8 as it is, else the charset the page
 * declares (<meta charset>, http-equiv Content-Type), else Windows-1252.
 * Sets *conv to the converted bytes in out (caller frees out) or leaves out
 * empty when data may be used as it is.  Returns NG_OK, NG_ENOMEM. */
int ng_html_to_utf8(const char *data, size_t len, ng_buf *out, bool *conv);

/* Copy data to out without the start tags nested deeper than
 * NG_HTML_MAX_DEPTH (and their end tags); false, leaving out untouched, when
 * the page is not that deep.  out->oom tells of a failed copy. */
bool ng_html_limit_depth(const char *data, size_t len, ng_buf *out);

/* ------------------------------------------------------------ lexicon */

/* What lexicons/html_boilerplate.txt says about a class or id value. */
enum {
    NG_HTML_CLS_STRONG = 1,  /* boilerplate whatever else the value says */
    NG_HTML_CLS_WEAK = 2,    /* boilerplate unless it also says "protect" */
    NG_HTML_CLS_PROTECT = 4, /* names article content ("article", "main") */
    NG_HTML_CLS_CONTENT = 8, /* names the article body container */
};

/* Classify a class or id attribute value: an OR of NG_HTML_CLS_* bits. */
unsigned ng_html_class_flags(const char *value);
/* True when a short block of text is a known boilerplate line ("Advertisement",
 * "Read more: ..."). */
bool ng_html_is_boiler_line(const char *text, size_t len);

/* ----------------------------------------------------------- metadata */

/* What the page says about itself; strings are malloc'ed by ng_html_meta
 * (ng_html_meta_free releases them), NULL when absent. */
typedef struct ng_html_meta {
    char *title, *date, *author, *publisher, *url, *language;
    char *article_body; /* JSON-LD articleBody, a fallback for the body */
} ng_html_meta;

/* Gather metadata from the parsed page (JSON-LD, meta tags, the page body). */
void ng_html_meta_read(const GumboNode *root, ng_html_meta *m);
void ng_html_meta_free(ng_html_meta *m);

/* ---------------------------------------------------------------- body */

/* Extract the article body from the parsed page into out: paragraphs
 * separated by a blank line, whitespace folded; title (may be NULL) is not
 * repeated.  Leaves out empty when nothing looks like an article. */
void ng_html_body(const GumboNode *root, const char *title, ng_buf *out);

/* -------------------------------------------------------------- helpers */

/* The value of attribute name on element n, or NULL. */
const char *ng_html_attr(const GumboNode *n, const char *name);
/* Append the text under n to b with whitespace folded (explicit stack;
 * script and style skipped). */
void ng_html_text(const GumboNode *n, ng_buf *b);
/* Fold whitespace runs of s in place to single spaces and trim the ends. */
size_t ng_html_fold(char *s, size_t len);

#endif /* NG_HTML_H */
