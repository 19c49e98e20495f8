/*
 * date.c - dates as news sites write them, normalised to ISO 8601.
 * (First version: ISO 8601 only; the text reader extends it.)
 */
#include "read.h"

#include <ctype.h>
#include <stdio.h>

static int digits(const char *s, const char *e, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s + i >= e || !isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

size_t ng_parse_date(const char *s, size_t len, char *out, size_t outsize)
{
    const char *e = s + len;
    int y = digits(s, e, 4), m, d;
    if (y < 1900 || s + 10 > e || (s[4] != '-' && s[4] != '/'))
        return 0;
    m = digits(s + 5, e, 2);
    d = digits(s + 8, e, 2);
    if (m < 1 || m > 12 || d < 1 || d > 31 || s[7] != s[4])
        return 0;
    snprintf(out, outsize, "%04d-%02d-%02d", y, m, d);
    return 10;
}
