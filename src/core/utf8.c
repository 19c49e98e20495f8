/*
 * utf8.c - validation, decoding and repair of UTF-8 text.
 */
#include "core.h"

size_t ng_utf8_seqlen(const unsigned char *s, const unsigned char *end)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned min;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
        min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)(end - s) < n)
        return 0;
    uint32_t cp = c & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

int32_t ng_utf8_next(const char **ps, const char *end)
{
    const unsigned char *s = (const unsigned char *)*ps;
    size_t n = ng_utf8_seqlen(s, (const unsigned char *)end);
    if (n == 0) {
        *ps += 1;
        return 0xfffd;
    }
    *ps += n;
    if (n == 1)
        return s[0];
    int32_t cp = s[0] & (0x7f >> n);
    for (size_t i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3f);
    return cp;
}

size_t ng_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        cp = 0xfffd;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xc0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xe0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (unsigned char)(0xf0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}

size_t ng_utf8_repair(ng_buf *b, const char *src, size_t len)
{
    static const char replacement[] = "\xef\xbf\xbd";
    const unsigned char *s = (const unsigned char *)src, *end = s + len;
    size_t repairs = 0;
    if (!ng_buf_reserve(b, len))
        return 0;
    while (s < end) {
        const unsigned char *run = s;
        /* Copy the longest run of clean ASCII/UTF-8 in one go. */
        while (s < end) {
            if (*s >= 0x80) {
                size_t n = ng_utf8_seqlen(s, end);
                if (n == 0)
                    break;
                s += n;
            } else if (*s == 0 || *s == '\r') {
                break;
            } else {
                s++;
            }
        }
        ng_buf_append(b, run, (size_t)(s - run));
        if (s == end)
            break;
        if (*s == '\r') {
            ng_buf_putc(b, '\n');
            s += (s + 1 < end && s[1] == '\n') ? 2 : 1;
        } else if (*s == 0) {
            repairs++;
            s++;
        } else {
            ng_buf_append(b, replacement, 3);
            repairs++;
            s++;
        }
    }
    return repairs;
}
