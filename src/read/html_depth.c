/*
 * html_depth.c - a bound on element nesting before gumbo sees the page.
 * gumbo's tree builder scans its stack of open elements for most start tags,
 * so its time grows with the square of the nesting depth; a page nested
 * deeper than NG_HTML_MAX_DEPTH is copied with the start tags beyond that
 * depth (and their end tags) left out.  Text is never dropped.
 */
#include "html.h"

#include <ctype.h>

/* Elements that never nest (void) or that the next sibling closes (so a run
 * of them is not deep); they do not count towards the depth. */
static bool flat_tag(const char *s, size_t n)
{
    static const char *const flat[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                       "meta", "param", "source", "track", "wbr", "keygen", "p", "li", "dt",
                                       "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
                                       "tfoot", "rt", "rp", "!doctype"};
    for (size_t i = 0; i < NG_ARRAY_LEN(flat); i++)
        if (strlen(flat[i]) == n && ng_strnieq(s, flat[i], n))
            return true;
    return false;
}

/* Elements whose content is raw text up to their end tag. */
static bool raw_tag(const char *s, size_t n)
{
    static const char *const raw[] = {"script", "style", "textarea", "title", "xmp", "iframe",
                                      "noembed", "noframes", "noscript"};
    for (size_t i = 0; i < NG_ARRAY_LEN(raw); i++)
        if (strlen(raw[i]) == n && ng_strnieq(s, raw[i], n))
            return true;
    return false;
}

/* Past the '>' that ends the tag starting at p (quotes respected), or e. */
static const char *tag_end(const char *p, const char *e)
{
    char q = 0;
    for (; p < e; p++) {
        if (q) {
            if (*p == q)
                q = 0;
        } else if (*p == '"' || *p == '\'') {
            q = *p;
        } else if (*p == '>') {
            return p + 1;
        }
    }
    return e;
}

/* Past the end tag </name> at or after p (case-insensitive), or e. */
static const char *raw_end(const char *p, const char *e, const char *name, size_t n)
{
    for (; p + n + 2 <= e; p++)
        if (p[0] == '<' && p[1] == '/' && ng_strnieq(p + 2, name, n) && !isalnum((unsigned char)p[2 + n]))
            return tag_end(p, e);
    return e;
}

/* One pass over the markup.  With out == NULL only measures: returns true
 * as soon as the depth exceeds the limit.  Otherwise copies data to out
 * without the start tags beyond the limit and their end tags. */
static bool scan(const char *data, size_t len, ng_buf *out)
{
    const char *p = data, *e = data + len;
    size_t depth = 0, dropped = 0;
    while (p < e) {
        const char *lt = memchr(p, '<', (size_t)(e - p));
        if (!lt)
            lt = e;
        if (out)
            ng_buf_append(out, p, (size_t)(lt - p));
        if (lt >= e)
            break;
        p = lt;
        const char *next;
        bool end = p + 1 < e && p[1] == '/';
        const char *name = p + 1 + end;
        size_t n = 0;
        while (name + n < e && (isalnum((unsigned char)name[n]) || name[n] == '!' || name[n] == '-'))
            n++;
        if (e - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *c = p + 4;
            while (c + 3 <= e && memcmp(c, "-->", 3) != 0)
                c++;
            next = c + 3 <= e ? c + 3 : e;
        } else if (n == 0 || !(isalpha((unsigned char)name[0]) || name[0] == '!')) {
            next = p + 1; /* a lone '<' */
        } else {
            next = tag_end(name + n, e);
            bool selfclose = next - p >= 2 && next[-1] == '>' && next[-2] == '/';
            if (!end && raw_tag(name, n)) {
                next = raw_end(next, e, name, n);
            } else if (!flat_tag(name, n) && !selfclose) {
                if (end && dropped) {
                    dropped--;
                    p = next;
                    continue;
                }
                if (end) {
                    depth -= depth > 0;
                } else if (depth >= NG_HTML_MAX_DEPTH) {
                    if (!out)
                        return true;
                    dropped++;
                    p = next;
                    continue;
                } else {
                    depth++;
                }
            }
        }
        if (out)
            ng_buf_append(out, p, (size_t)(next - p));
        p = next;
    }
    return false;
}

bool ng_html_limit_depth(const char *data, size_t len, ng_buf *out)
{
    if (!scan(data, len, NULL))
        return false;
    ng_buf_reserve(out, len);
    scan(data, len, out);
    return true;
}
