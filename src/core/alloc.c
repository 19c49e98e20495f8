/*
 * alloc.c - the one allocator every library allocation goes through, so a
 * test can swap it for one that fails on the N-th call.
 */
#include "core.h"

#include <stdlib.h>

static void *default_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

static ng_alloc_fn g_alloc = default_alloc;
static void *g_alloc_ud;

void ng_set_allocator(ng_alloc_fn fn, void *ud)
{
    g_alloc = fn ? fn : default_alloc;
    g_alloc_ud = fn ? ud : NULL;
}

void *ng_malloc(size_t n)
{
    return g_alloc(g_alloc_ud, NULL, 0, n ? n : 1);
}

void *ng_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = ng_malloc(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void *ng_realloc(void *p, size_t osize, size_t nsize)
{
    return g_alloc(g_alloc_ud, p, osize, nsize ? nsize : 1);
}

void ng_free(void *p, size_t size)
{
    if (p)
        g_alloc(g_alloc_ud, p, size, 0);
}

char *ng_strndup(const char *s, size_t n)
{
    char *p = ng_malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

bool ng_grow(void **pa, size_t *pcap, size_t need, size_t elt)
{
    if (need <= *pcap)
        return true;
    size_t cap = *pcap ? *pcap : 8;
    while (cap < need) {
        if (cap > SIZE_MAX / 2 / elt)
            return false;
        cap *= 2;
    }
    void *p = ng_realloc(*pa, *pcap * elt, cap * elt);
    if (!p)
        return false;
    *pa = p;
    *pcap = cap;
    return true;
}
