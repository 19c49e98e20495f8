/*
 * fuzz_fts_pg.c - libFuzzer harness for the FTS5-to-tsquery translation of
 * the PostgreSQL backend (postgres_fts.c), which gets search text from the
 * CLI and the web API.  Fails when the output is not a well-formed tsquery:
 * quoted lexemes of word bytes joined by & | <-> with ! and balanced groups.
 */
#include "store/postgres.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *lexeme(const char *p)
{
    if (*p != '\'')
        return NULL;
    const char *q = p + 1;
    while (*q && *q != '\'')
        q++;
    if (*q != '\'' || q == p + 1 || q - p - 1 > 256)
        return NULL;
    q++;
    if (q[0] == ':' && q[1] == '*')
        q += 2;
    return q;
}

static const char *expr(const char *p, int depth);

static const char *primary(const char *p, int depth)
{
    while (*p == '!')
        p++;
    if (*p == '(') {
        p = expr(p + 1, depth + 1);
        return p && *p == ')' ? p + 1 : NULL;
    }
    return lexeme(p);
}

static const char *expr(const char *p, int depth)
{
    if (depth > 64)
        return NULL;
    p = primary(p, depth);
    while (p) {
        if (strncmp(p, " & ", 3) == 0 || strncmp(p, " | ", 3) == 0)
            p += 3;
        else if (strncmp(p, " <-> ", 5) == 0)
            p += 5;
        else
            return p;
        p = primary(p, depth);
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    ng_buf out;
    ng_buf_init(&out);
    if (pg_fts_to_tsquery(s, &out)) {
        const char *end = expr(out.data, 0);
        if (!end || *end) {
            fprintf(stderr, "bad tsquery for [%s]: [%s]\n", s, out.data);
            abort();
        }
    }
    ng_buf_free(&out);
    free(s);
    return 0;
}
