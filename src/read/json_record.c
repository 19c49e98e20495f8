/*
 * json_record.c - one JSON Lines article: {"id", "url", "title", "date",
 * "author", "publisher", and the article as "text" (plain) or "html"}.
 * Common alternative names ("body", "content", "headline", "published",
 * "authors", "source") are accepted, since crawlers and exporters name fields
 * differently.  The article goes through the same reader (and cleaning) as a
 * file; fields given in the record win over what the reader found.
 */
#include "read.h"

#include <jansson.h>
#include <time.h>

/* A string value, or the "name" of an object value ({"name": "X"}). */
static const char *string_of(json_t *v, size_t *len)
{
    if (json_is_object(v))
        v = json_object_get(v, "name");
    if (!json_is_string(v) || json_string_length(v) == 0)
        return NULL;
    if (len)
        *len = json_string_length(v);
    return json_string_value(v);
}

/* The first string among fields that is present and non-empty. */
static const char *first_string(json_t *obj, const char *const *keys, size_t *len)
{
    for (; *keys; keys++) {
        const char *s = string_of(json_object_get(obj, *keys), len);
        if (s)
            return s;
    }
    return NULL;
}

/* Authors may be a string, an array of strings or of {"name": ...}. */
static void set_author(ng_doc *doc, json_t *v)
{
    if (json_is_string(v) || json_is_object(v)) {
        const char *s = string_of(v, NULL);
        if (s)
            ng_doc_set(doc, NG_F_AUTHOR, s);
        return;
    }
    if (!json_is_array(v))
        return;
    ng_buf b;
    ng_buf_init(&b);
    size_t i;
    json_t *a;
    json_array_foreach(v, i, a) {
        const char *s = string_of(a, NULL);
        if (!s)
            continue;
        if (b.len)
            ng_buf_puts(&b, ", ");
        ng_buf_puts(&b, s);
    }
    if (b.len && !b.oom)
        ng_doc_set(doc, NG_F_AUTHOR, b.data);
    ng_buf_free(&b);
}

/* A date as text ("2019-10-20", "Sun, 20 Oct 2019 ...") or as Unix time
 * (seconds, or milliseconds when it is that large). */
static void set_date(ng_doc *doc, json_t *obj)
{
    static const char *const keys[] = {"date", "published", "datePublished", "date_publish", "published_at",
                                       "publish_date", "pubdate", "pub_date", "created_at", NULL};
    char iso[64];
    for (const char *const *k = keys; *k; k++) {
        json_t *v = json_object_get(obj, *k);
        if (json_is_string(v) && ng_parse_date(json_string_value(v), json_string_length(v), iso, sizeof iso)) {
            ng_doc_set(doc, NG_F_DATE, iso);
            return;
        }
        if (json_is_integer(v) || json_is_real(v)) {
            double secs = json_number_value(v);
            if (secs > 1e11)
                secs /= 1000;
            time_t tt = (time_t)secs;
            struct tm tm;
            if (secs > 0 && secs < 7e9 && gmtime_r(&tt, &tm) && strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
                ng_doc_set(doc, NG_F_DATE, iso);
                return;
            }
        }
    }
}

static void set_id(ng_doc *doc, json_t *obj)
{
    static const char *const keys[] = {"id", "doc", "doc_id", "uuid", NULL};
    for (const char *const *k = keys; *k; k++) {
        json_t *id = json_object_get(obj, *k);
        if (json_is_string(id)) {
            ng_doc_set(doc, NG_F_ID, json_string_value(id));
            return;
        }
        if (json_is_integer(id)) {
            char num[32];
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(id));
            ng_doc_set(doc, NG_F_ID, num);
            return;
        }
    }
}

/* Fields given in the record win over what was found in the content. */
static void set_fields(ng_doc *doc, json_t *obj)
{
    static const char *const title_keys[] = {"title", "headline", NULL};
    static const char *const url_keys[] = {"url", "link", "canonical_url", "source_url", NULL};
    static const char *const pub_keys[] = {"publisher", "source", "site_name", "sitename", "source_name", "outlet", NULL};
    static const char *const author_keys[] = {"author", "authors", "byline", "creator", NULL};
    set_id(doc, obj);
    const char *v;
    if ((v = first_string(obj, title_keys, NULL)))
        ng_doc_set(doc, NG_F_TITLE, v);
    set_date(doc, obj);
    if ((v = first_string(obj, url_keys, NULL)))
        ng_doc_set(doc, NG_F_URL, v);
    if ((v = first_string(obj, pub_keys, NULL)))
        ng_doc_set(doc, NG_F_PUBLISHER, v);
    for (const char *const *k = author_keys; *k; k++) {
        json_t *a = json_object_get(obj, *k);
        if (a && !json_is_null(a)) {
            set_author(doc, a);
            break;
        }
    }
    if ((v = json_string_value(json_object_get(obj, "language"))))
        ng_doc_set(doc, NG_F_LANGUAGE, v);
}

/* Convert one JSON Lines record (an object) to a document.  name is used in
 * messages ("file.jsonl:12").  NG_EFORMAT for bad JSON, NG_EEMPTY when the
 * record carries no article text. */
int ng_read_json_record(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err)
{
    static const char *const html_keys[] = {"html", "raw_html", NULL};
    static const char *const text_keys[] = {"text", "body", "content", "articleBody", "maintext", NULL};
    *out = NULL;
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
    const char *text = html ? NULL : first_string(obj, text_keys, &n);
    int rc = html   ? ng_read_html(name, html, n, out, err)
             : text ? ng_read_text(name, text, n, out, err)
                    : ng_err(err, NG_EEMPTY, "%s: record has no \"text\" or \"html\" field", name);
    if (rc == NG_OK)
        set_fields(*out, obj);
    json_decref(obj);
    return rc;
}
