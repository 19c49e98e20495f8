/*
 * html_charset.c - pages in legacy encodings become UTF-8 before gumbo (which
 * reads only UTF-8).  Valid UTF-8 is never converted; an undecodable byte
 * becomes U+FFFD, so the output is always valid UTF-8.
 */
#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>

static bool valid_utf8(const char *data, size_t len)
{
    const unsigned char *s = (const unsigned char *)data, *e = s + len;
    while (s < e) {
        if (*s < 0x80) {
            s++;
            continue;
        }
        size_t n = ng_utf8_seqlen(s, e);
        if (!n)
            return false;
        s += n;
    }
    return true;
}

/* Case-insensitive search for needle (lower case) in [s, e). */
static const char *find_ci(const char *s, const char *e, const char *needle)
{
    size_t n = strlen(needle);
    for (; s + n <= e; s++)
        if (ng_strnieq(s, needle, n))
            return s;
    return NULL;
}

/* The value after the first key in [data, e) that has one, copied to out in
 * lower case. */
static bool value_after(const char *data, const char *e, const char *key, char *out, size_t size)
{
    const char *p = data;
    while ((p = find_ci(p, e, key))) {
        p += strlen(key);
        while (p < e && (*p == ' ' || *p == '=' || *p == '"' || *p == '\''))
            p++;
        size_t n = 0;
        while (p < e && n + 1 < size && (isalnum((unsigned char)*p) || strchr("-_:.", *p)))
            out[n++] = (char)tolower((unsigned char)*p++);
        out[n] = '\0';
        if (n)
            return true;
    }
    return false;
}

/* The charset the page declares in its first NG_HTML_SNIFF bytes (<meta
 * charset>, http-equiv, an XML declaration), in lower case. */
static bool declared_charset(const char *data, size_t len, char *out, size_t size)
{
    const char *e = data + NG_MIN(len, NG_HTML_SNIFF);
    return value_after(data, e, "charset", out, size) || value_after(data, e, "encoding=", out, size);
}

/* iconv's name for a declared charset.  HTML5 reads Latin-1 and ASCII labels
 * as Windows-1252, a superset that also maps 0x80-0x9f. */
static const char *iconv_name(const char *cs)
{
    static const char *const cp1252[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
                                         "us-ascii", "ascii", "cp1252", "windows-1252", "x-cp1252"};
    for (size_t i = 0; i < NG_ARRAY_LEN(cp1252); i++)
        if (strcmp(cs, cp1252[i]) == 0)
            return "WINDOWS-1252";
    if (strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0 || strcmp(cs, "unicode-1-1-utf-8") == 0)
        return NULL;
    return cs;
}

/* Convert all of [in, in + len) with cd into out; bytes cd cannot decode
 * become U+FFFD. */
static void convert(iconv_t cd, const char *in, size_t len, ng_buf *out)
{
    char *src = (char *)in;
    size_t left = len;
    while (left && !out->oom) {
        if (!ng_buf_reserve(out, left * 2 + 16))
            return;
        char *dst = out->data + out->len;
        size_t room = out->cap - out->len - 1;
        size_t r = iconv(cd, &src, &left, &dst, &room);
        out->len = (size_t)(dst - out->data);
        out->data[out->len] = '\0';
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        ng_buf_puts(out, "\xEF\xBF\xBD"); /* EILSEQ or a truncated sequence */
        src++;
        left--;
    }
}

int ng_html_to_utf8(const char *data, size_t len, ng_buf *out, bool *conv)
{
    const unsigned char *u = (const unsigned char *)data;
    const char *from = NULL;
    size_t skip = 0;
    char cs[64];
    *conv = false;
    if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
        from = "UTF-16LE", skip = 2;
    else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
        from = "UTF-16BE", skip = 2;
    else if (valid_utf8(data, len))
        return NG_OK;
    else if (declared_charset(data, len, cs, sizeof cs))
        from = iconv_name(cs);
    else
        from = "WINDOWS-1252";
    if (!from)
        return NG_OK; /* declared UTF-8 but invalid: repaired downstream */
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == (iconv_t)-1)
        return NG_OK;
    convert(cd, data + skip, len - skip, out);
    iconv_close(cd);
    if (out->oom)
        return NG_ENOMEM;
    *conv = true;
    return NG_OK;
}
