/*
 * arena.c - bump allocation for everything a document owns.
 * Invariant: head is the block being filled; used <= head->size.
 */
#include "core.h"

#define NG_ARENA_BLOCK 8192

struct ng_arena_block {
    ng_arena_block *next;
    size_t size; /* usable bytes in data */
    _Alignas(16) unsigned char data[];
};

void ng_arena_init(ng_arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void ng_arena_free(ng_arena *a)
{
    ng_arena_block *b = a->head;
    while (b) {
        ng_arena_block *next = b->next;
        ng_free(b, sizeof(*b) + b->size);
        b = next;
    }
    ng_arena_init(a);
}

void *ng_arena_alloc(ng_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n == 0)
        n = 8;
    if (!a->head || a->head->size - a->used < n) {
        size_t size = n > NG_ARENA_BLOCK / 2 ? n : NG_ARENA_BLOCK;
        if (a->head && size == NG_ARENA_BLOCK && a->total > 4 * NG_ARENA_BLOCK)
            size = NG_MIN(a->total / 2, (size_t)1 << 20); /* grow blocks with the arena */
        ng_arena_block *b = ng_malloc(sizeof(*b) + size);
        if (!b)
            return NULL;
        b->size = size;
        a->total += size;
        if (n > NG_ARENA_BLOCK / 2 && a->head) {
            /* A big one-off block goes behind head so head keeps filling. */
            b->next = a->head->next;
            a->head->next = b;
            return b->data;
        }
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    return p;
}

void *ng_arena_calloc(ng_arena *a, size_t n)
{
    void *p = ng_arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *ng_arena_strndup(ng_arena *a, const char *s, size_t n)
{
    char *p = ng_arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *ng_arena_strdup(ng_arena *a, const char *s)
{
    return ng_arena_strndup(a, s, strlen(s));
}
