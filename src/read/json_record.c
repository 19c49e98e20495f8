/*
 * json_record.c - one JSON Lines article: {"id", "url", "title", "date",
 * "author", "publisher", and the article as "text" (plain) or "html"}.
 * Common alternative names ("body", "content", "headline", "published") are
 * accepted, since crawlers and exporters name fields differently.
 */
#include "read.h"

#include <jansson.h>

/* The first string among fields that is present and non-empty. */
static const char *first_string(json_t *obj, const char *const *keys, size_t *len)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(obj, *keys);
        if (json_is_string(v) && json_string_length(v) > 0) {
            if (len)
                *len = json_string_length(v);
            return json_string_value(v);
        }
    }
    return NULL;
}

/* Authors may be a string, an array of strings or of {"name": ...}. */
static void set_author(ng_doc *doc, json_t *v)
{
    if (json_is_string(v)) {
        ng_doc_set(doc, NG_F_AUTHOR, json_string_value(v));
        return;
    }
    if (!json_is_array(v))
        return;
    ng_buf b;
    ng_buf_init(&b);
    size_t i;
    json_t *a;
    json_array_foreach(v, i, a) {
        json_t *name = json_is_object(a) ? json_object_get(a, "name") : a;
        if (!json_is_string(name))
            continue;
        if (b.len)
            ng_buf_puts(&b, ", ");
        ng_buf_puts(&b, json_string_value(name));
    }
    if (b.len && !b.oom)
        ng_doc_set(doc, NG_F_AUTHOR, b.data);
    ng_buf_free(&b);
}

int ng_read_json_record(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err)
{
    static const char *const html_keys[] = {"html", "raw_html", NULL};
    static const char *const text_keys[] = {"text", "body", "content", "articleBody", "maintext", NULL};
    static const char *const id_keys[] = {"id", "doc", "doc_id", "uuid", NULL};
    static const char *const title_keys[] = {"title", "headline", NULL};
    static const char *const date_keys[] = {"date", "published", "datePublished", "date_publish", "pubdate", NULL};
    json_error_t jerr;
    json_t *obj = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    if (!obj)
        return ng_err(err, NG_EFORMAT, "%s: not JSON: %s (column %d)", name, jerr.text, jerr.column);
    if (!json_is_object(obj)) {
        json_decref(obj);
        return ng_err(err, NG_EFORMAT, "%s: a JSON Lines record must be an object", name);
    }
    size_t n = 0;
    const char *html = first_string(obj, html_keys, &n);
    int rc;
    if (html) {
        rc = ng_read_html(name, html, n, out, err);
    } else {
        const char *text = first_string(obj, text_keys, &n);
        if (!text) {
            json_decref(obj);
            return ng_err(err, NG_EEMPTY, "%s: record has no \"text\" or \"html\" field", name);
        }
        rc = ng_read_text(name, text, n, out, err);
    }
    if (rc != NG_OK) {
        json_decref(obj);
        return rc;
    }
    /* Fields given in the record win over what was found in the content. */
    ng_doc *doc = *out;
    json_t *id = NULL;
    for (const char *const *k = id_keys; *k && !id; k++)
        if ((id = json_object_get(obj, *k)) && !json_is_string(id) && !json_is_integer(id))
            id = NULL;
    if (json_is_string(id))
        ng_doc_set(doc, NG_F_ID, json_string_value(id));
    else if (json_is_integer(id)) {
        char num[32];
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(id));
        ng_doc_set(doc, NG_F_ID, num);
    }
    const char *v;
    if ((v = first_string(obj, title_keys, NULL)))
        ng_doc_set(doc, NG_F_TITLE, v);
    if ((v = first_string(obj, date_keys, NULL))) {
        char iso[64];
        if (ng_parse_date(v, strlen(v), iso, sizeof iso))
            ng_doc_set(doc, NG_F_DATE, iso);
    }
    if ((v = json_string_value(json_object_get(obj, "url"))))
        ng_doc_set(doc, NG_F_URL, v);
    if ((v = json_string_value(json_object_get(obj, "publisher"))) ||
        (v = json_string_value(json_object_get(obj, "source"))))
        ng_doc_set(doc, NG_F_PUBLISHER, v);
    json_t *author = json_object_get(obj, "author");
    set_author(doc, author ? author : json_object_get(obj, "authors"));
    if ((v = json_string_value(json_object_get(obj, "language"))))
        ng_doc_set(doc, NG_F_LANGUAGE, v);
    json_decref(obj);
    return NG_OK;
}
