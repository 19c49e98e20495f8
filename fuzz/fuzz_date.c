/*
 * fuzz_date.c - libFuzzer harness for ng_parse_date: never reads past len,
 * never claims more bytes than it was given, and what it returns is ISO 8601
 * that parses back to itself.
 */
#include "newsgraph.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* YYYY-MM-DD, then optionally THH:MM, :SS, and Z or +HH:MM. */
static int well_formed(const char *s)
{
    size_t n = strlen(s);
    if (n < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return 0;
    s += 10, n -= 10;
    if (n == 0)
        return 1;
    if (n < 6 || s[0] != 'T' || !digits(s + 1, 2) || s[3] != ':' || !digits(s + 4, 2))
        return 0;
    s += 6, n -= 6;
    if (n >= 3 && s[0] == ':' && digits(s + 1, 2))
        s += 3, n -= 3;
    if (n == 0 || (n == 1 && s[0] == 'Z'))
        return 1;
    return n == 6 && (s[0] == '+' || s[0] == '-') && digits(s + 1, 2) && s[3] == ':' && digits(s + 4, 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A private copy, so reading one byte too far is caught by ASan. */
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    char out[64], again[64];
    size_t n = ng_parse_date(copy, size, out, sizeof out);
    if (n > size)
        abort();
    if (n) {
        if (!well_formed(out))
            abort();
        if (ng_parse_date(out, strlen(out), again, sizeof again) != strlen(out) || strcmp(out, again) != 0)
            abort();
    } else if (out[0]) {
        abort();
    }
    free(copy);
    return 0;
}
