/*
 * buf.c - growable byte buffers.  Invariant: data[len] == '\0' whenever
 * data != NULL; after a failed growth oom is set and the content is frozen.
 */
#include "core.h"

#include <stdio.h>

void ng_buf_init(ng_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}

void ng_buf_free(ng_buf *b)
{
    ng_free(b->data, b->cap);
    ng_buf_init(b);
}

void ng_buf_clear(ng_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

bool ng_buf_reserve(ng_buf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (extra > SIZE_MAX - b->len - 1 || !ng_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1)) {
        b->oom = true;
        return false;
    }
    return true;
}

void ng_buf_append(ng_buf *b, const void *p, size_t n)
{
    if (!ng_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ng_buf_puts(ng_buf *b, const char *s)
{
    ng_buf_append(b, s, strlen(s));
}

void ng_buf_putc(ng_buf *b, char c)
{
    if (b->len + 1 < b->cap && !b->oom) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    ng_buf_append(b, &c, 1);
}

void ng_buf_printf(ng_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        ng_buf_append(b, small, (size_t)n);
        return;
    }
    if (!ng_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *ng_buf_take(ng_buf *b, size_t *len)
{
    if (b->oom) {
        ng_buf_free(b);
        return NULL;
    }
    if (!b->data)
        ng_buf_append(b, "", 0);
    char *p = b->data;
    if (len)
        *len = b->len;
    ng_buf_init(b);
    return p;
}
