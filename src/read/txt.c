/*
 * txt.c - plain-text articles: repair the bytes, clean the page into the
 * article's own paragraphs (text_clean.c, text_header.c) and fill the
 * document's metadata from the headline and byline found.
 * Invariant: at most NG_MAX_DOC_BYTES are read; all work is linear in them.
 */
#include "text.h"

/* True when t[0..n) holds nothing but whitespace (ASCII or Unicode). */
static bool blank(const char *t, size_t n)
{
    const char *s = t, *e = t + n;
    ng_trim(&s, &e);
    return s == e;
}

static int set_meta(ng_doc *doc, const ng_text_meta *m)
{
    static const struct { ng_field f; size_t off; } fields[] = {
        {NG_F_TITLE, offsetof(ng_text_meta, title)},         {NG_F_DATE, offsetof(ng_text_meta, date)},
        {NG_F_AUTHOR, offsetof(ng_text_meta, author)},       {NG_F_PUBLISHER, offsetof(ng_text_meta, publisher)},
        {NG_F_URL, offsetof(ng_text_meta, url)},
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(fields); i++) {
        const char *v = (const char *)m + fields[i].off;
        if (*v && ng_doc_set(doc, fields[i].f, v) != NG_OK)
            return NG_ENOMEM;
    }
    return NG_OK;
}

/* True when t[0..n) needs no repair: valid UTF-8, no NUL, no CR. */
static bool clean_utf8(const char *t, size_t n)
{
    const unsigned char *s = (const unsigned char *)t, *e = s + n;
    while (s < e) {
        if (*s >= 0x80) {
            size_t k = ng_utf8_seqlen(s, e);
            if (!k)
                return false;
            s += k;
        } else if (*s == 0 || *s == '\r') {
            return false;
        } else {
            s++;
        }
    }
    return true;
}

/* A document whose text is a copy of body (already clean UTF-8). */
static ng_doc *doc_from_body(const ng_buf *body)
{
    ng_doc *doc = ng_doc_new("", 0);
    if (!doc)
        return NULL;
    char *text = ng_arena_strndup(&doc->arena, body->data ? body->data : "", body->len);
    if (!text) {
        ng_doc_free(doc);
        return NULL;
    }
    doc->text = text;
    doc->len = body->len;
    return doc;
}

/* Clean repaired text into a new document. */
static int build(const char *name, const char *text, size_t len, size_t repairs, ng_doc **out, ng_error *err)
{
    ng_buf body;
    ng_text_meta meta;
    ng_buf_init(&body);
    if (ng_text_extract(text, len, NG_TEXT_ALL, &body, &meta) != NG_OK) {
        ng_buf_free(&body);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    ng_doc *doc = doc_from_body(&body);
    ng_buf_free(&body);
    if (!doc || set_meta(doc, &meta) != NG_OK) {
        ng_doc_free(doc);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    doc->repairs = repairs;
    if (meta.dropped)
        ng_log(NG_LOG_DEBUG, "%s: %zu boilerplate paragraphs dropped", name, meta.dropped);
    ng_doc_finish_meta(doc);
    *out = doc;
    return NG_OK;
}

/* Convert one plain-text article.  name is used in messages.  NG_EEMPTY for
 * empty or blank text, NG_ETOOBIG past NG_MAX_DOC_BYTES, NG_EFORMAT when most
 * of it is not UTF-8.  Invalid UTF-8 is repaired and counted in a warning. */
int ng_read_text(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err)
{
    *out = NULL;
    if (len > NG_MAX_DOC_BYTES)
        return ng_err(err, NG_ETOOBIG, "%s: %zu bytes, over the %zu MB limit for one document", name, len,
                      NG_MAX_DOC_BYTES >> 20);
    if (len == 0)
        return ng_err(err, NG_EEMPTY, "%s: empty file, no article text", name);
    ng_buf clean;
    ng_buf_init(&clean);
    size_t repairs = 0, n = len;
    const char *t = data;
    if (!clean_utf8(data, len)) { /* copy only when something needs repair */
        repairs = ng_utf8_repair(&clean, data, len);
        if (clean.oom) {
            ng_buf_free(&clean);
            return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
        }
        t = clean.data ? clean.data : "";
        n = clean.len;
    }
    if (n >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
        t += 3, n -= 3; /* byte-order mark */
    int rc;
    if (blank(t, n))
        rc = ng_err(err, NG_EEMPTY, "%s: only whitespace, no article text", name);
    else if (repairs > 16 && repairs > len / 4)
        rc = ng_err(err, NG_EFORMAT, "%s: not UTF-8 text (%zu invalid sequences in %zu bytes)", name, repairs, len);
    else
        rc = build(name, t, n, repairs, out, err);
    if (rc == NG_OK && repairs)
        ng_log(NG_LOG_WARN, "%s: repaired %zu invalid UTF-8 sequences or NUL bytes", name, repairs);
    ng_buf_free(&clean);
    return rc;
}
