/*
 * hash.c - string hashing (xxHash) and the interning table.
 * Invariant: nslots is a power of two and n < nslots * 3/4.
 */
#include "core.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

uint64_t ng_hash(const void *p, size_t n, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, n, seed);
}

void ng_strtab_init(ng_strtab *t)
{
    memset(t, 0, sizeof *t);
    ng_arena_init(&t->arena);
}

void ng_strtab_free(ng_strtab *t)
{
    ng_arena_free(&t->arena);
    ng_free(t->strs, t->cap * sizeof *t->strs);
    ng_free(t->lens, t->cap * sizeof *t->lens);
    ng_free(t->slots, t->nslots * sizeof *t->slots);
    ng_strtab_init(t);
}

static uint32_t *find_slot(const ng_strtab *t, const char *s, size_t n)
{
    uint32_t mask = t->nslots - 1;
    uint32_t i = (uint32_t)ng_hash(s, n, 0) & mask;
    for (;;) {
        uint32_t id = t->slots[i];
        if (id == 0)
            return &t->slots[i];
        id--;
        if (t->lens[id] == n && memcmp(t->strs[id], s, n) == 0)
            return &t->slots[i];
        i = (i + 1) & mask;
    }
}

static bool rehash(ng_strtab *t)
{
    uint32_t nslots = t->nslots ? t->nslots * 2 : 64;
    uint32_t *slots = ng_calloc(nslots, sizeof *slots);
    if (!slots)
        return false;
    ng_free(t->slots, t->nslots * sizeof *t->slots);
    t->slots = slots;
    t->nslots = nslots;
    for (uint32_t id = 0; id < t->n; id++)
        *find_slot(t, t->strs[id], t->lens[id]) = id + 1;
    return true;
}

int64_t ng_strtab_find(const ng_strtab *t, const char *s, size_t n)
{
    if (!t->nslots)
        return -1;
    uint32_t id = *find_slot(t, s, n);
    return id ? (int64_t)id - 1 : -1;
}

int64_t ng_strtab_intern(ng_strtab *t, const char *s, size_t n)
{
    if ((t->n + 1) * 4 >= t->nslots * 3 && !rehash(t))
        return -1;
    uint32_t *slot = find_slot(t, s, n);
    if (*slot)
        return *slot - 1;
    if (t->n == t->cap) {
        size_t cap = t->cap, cap2 = t->cap;
        if (!NG_GROW(t->strs, cap, t->n + 1))
            return -1;
        if (!NG_GROW(t->lens, cap2, t->n + 1))
            return -1;
        t->cap = (uint32_t)NG_MIN(cap, cap2);
    }
    char *copy = ng_arena_strndup(&t->arena, s, n);
    if (!copy)
        return -1;
    t->strs[t->n] = copy;
    t->lens[t->n] = (uint32_t)n;
    *slot = ++t->n;
    return t->n - 1;
}
