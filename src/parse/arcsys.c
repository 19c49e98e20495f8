/*
 * arcsys.c - arc-hybrid transitions, their dynamic oracle, projectivisation
 * and tree checks.  Invariant: as_apply is only called with a class for
 * which as_valid holds, so stack and buffer indices stay in range.
 */
#include "parse/arcsys.h"

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

size_t as_state_bytes(uint32_t n)
{
    size_t m = (size_t)n + 2;
    return align8(m * 4) /* stack */ + 5 * align8(m * 4) /* head, children */ + 3 * align8(m * 2) +
           2 * align8(m * 8);
}

void as_state_init(as_state *s, uint32_t n, void *mem)
{
    size_t m = (size_t)n + 2;
    char *p = mem;
    s->n = n;
    s->nstack = 0;
    s->b0 = 0;
    s->stack = (int32_t *)p, p += align8(m * 4);
    int32_t **i32[] = {&s->head, &s->lc1, &s->lc2, &s->rc1, &s->rc2};
    for (size_t k = 0; k < NG_ARRAY_LEN(i32); k++) {
        *i32[k] = (int32_t *)p;
        memset(p, 0xff, m * 4); /* AS_NONE */
        p += align8(m * 4);
    }
    s->label = (uint16_t *)p, p += align8(m * 2);
    s->nl = (uint16_t *)p, p += align8(m * 2);
    s->nr = (uint16_t *)p, p += align8(m * 2);
    memset(s->label, 0, 3 * align8(m * 2));
    s->lset = (uint64_t *)p, p += align8(m * 8);
    s->rset = (uint64_t *)p;
    memset(s->lset, 0, 2 * align8(m * 8));
}

bool as_valid(const as_state *s, uint32_t c)
{
    switch (as_move(c)) {
    case AS_SHIFT:
        return as_can_shift(s);
    case AS_LEFT:
        if (s->nstack == 0)
            return false;
        if (s->b0 < s->n)
            return as_label(c) != AS_ROOT_LABEL;
        return s->nstack == 1 && as_label(c) == AS_ROOT_LABEL;
    default:
        return as_can_right(s) && as_label(c) != AS_ROOT_LABEL;
    }
}

/* Record arc h -> d with label l. */
static void add_arc(as_state *s, int32_t h, int32_t d, uint32_t l)
{
    s->head[d] = h;
    s->label[d] = (uint16_t)l;
    if (d < h) {
        if (s->lc1[h] == AS_NONE || d < s->lc1[h]) {
            s->lc2[h] = s->lc1[h];
            s->lc1[h] = d;
        } else if (s->lc2[h] == AS_NONE || d < s->lc2[h]) {
            s->lc2[h] = d;
        }
        if (s->nl[h] < UINT16_MAX)
            s->nl[h]++;
        s->lset[h] |= UINT64_C(1) << (l & 63);
    } else {
        if (s->rc1[h] == AS_NONE || d > s->rc1[h]) {
            s->rc2[h] = s->rc1[h];
            s->rc1[h] = d;
        } else if (s->rc2[h] == AS_NONE || d > s->rc2[h]) {
            s->rc2[h] = d;
        }
        if (s->nr[h] < UINT16_MAX)
            s->nr[h]++;
        s->rset[h] |= UINT64_C(1) << (l & 63);
    }
}

void as_apply(as_state *s, uint32_t c)
{
    switch (as_move(c)) {
    case AS_SHIFT:
        s->stack[s->nstack++] = (int32_t)s->b0++;
        break;
    case AS_LEFT:
        add_arc(s, (int32_t)s->b0, s->stack[s->nstack - 1], as_label(c));
        s->nstack--;
        break;
    default:
        add_arc(s, s->stack[s->nstack - 2], s->stack[s->nstack - 1], as_label(c));
        s->nstack--;
        break;
    }
}

/* Gold dependents of word x still in the buffer. */
static uint32_t deps_in_buffer(const as_state *s, const int32_t *gh, int32_t x)
{
    uint32_t k = 0;
    for (uint32_t i = s->b0; i < s->n; i++)
        k += gh[i] == x;
    return k;
}

void as_costs(const as_state *s, const int32_t *gh, const uint16_t *gl, uint32_t nclasses, uint8_t *onstack,
              uint32_t *cost)
{
    for (uint32_t c = 0; c < nclasses; c++)
        cost[c] = UINT32_MAX;
    memset(onstack, 0, (size_t)s->n + 1);
    for (uint32_t i = 0; i < s->nstack; i++)
        onstack[s->stack[i]] = 1;
    int32_t s0 = as_s(s, 0), s1 = as_s(s, 1), b0 = (int32_t)s->b0;
    if (as_can_shift(s)) {
        /* b0 loses its dependents on the stack, and a head deeper than s0. */
        uint32_t k = 0;
        for (uint32_t i = 0; i < s->nstack; i++)
            k += gh[s->stack[i]] == b0;
        int32_t h = gh[b0];
        k += h >= 0 && (uint32_t)h < s->n && onstack[h] && h != s0;
        cost[0] = k;
    }
    if (s0 == AS_NONE)
        return;
    uint32_t lost = deps_in_buffer(s, gh, s0);
    int32_t h = gh[s0];
    if (as_can_left(s)) {
        /* s0 takes b0 as head: a head in s1 or further in the buffer is lost. */
        uint32_t k = lost + (h != b0 && (h == s1 || h >= b0));
        for (uint32_t l = 0; 2 + 2 * l <= nclasses; l++) {
            uint32_t c = as_class(AS_LEFT, l);
            if (c < nclasses && as_valid(s, c))
                cost[c] = k + (h == b0 && gl[s0] != l);
        }
    }
    if (as_can_right(s)) {
        /* s0 takes s1 as head: a head in the buffer is lost. */
        uint32_t k = lost + (h >= b0);
        for (uint32_t l = 1; 2 + 2 * l < nclasses; l++) {
            uint32_t c = as_class(AS_RIGHT, l);
            cost[c] = k + (h == s1 && gl[s0] != l);
        }
    }
}

void as_move_costs(const as_state *s, const int32_t *gh, uint8_t *onstack, uint32_t *cost)
{
    cost[AS_SHIFT] = cost[AS_LEFT] = cost[AS_RIGHT] = UINT32_MAX;
    memset(onstack, 0, (size_t)s->n + 1);
    for (uint32_t i = 0; i < s->nstack; i++)
        onstack[s->stack[i]] = 1;
    int32_t s0 = as_s(s, 0), s1 = as_s(s, 1), b0 = (int32_t)s->b0;
    if (as_can_shift(s)) {
        uint32_t k = 0;
        for (uint32_t i = 0; i < s->nstack; i++)
            k += gh[s->stack[i]] == b0;
        int32_t h = gh[b0];
        cost[AS_SHIFT] = k + (h >= 0 && (uint32_t)h < s->n && onstack[h] && h != s0);
    }
    if (s0 == AS_NONE)
        return;
    uint32_t lost = deps_in_buffer(s, gh, s0);
    int32_t h = gh[s0];
    if (as_can_left(s))
        cost[AS_LEFT] = lost + (h != b0 && (h == s1 || h >= b0));
    if (as_can_right(s))
        cost[AS_RIGHT] = lost + (h >= b0);
}

/* Whether a dominates d in head[] (following heads from d reaches a). */
static bool dominates(const int32_t *head, uint32_t n, int32_t a, int32_t d)
{
    for (uint32_t steps = 0; steps <= n; steps++) {
        if (d == a)
            return true;
        if (d < 0 || (uint32_t)d >= n)
            return false;
        d = head[d];
    }
    return false;
}

bool as_arc_projective(const int32_t *head, uint32_t n, uint32_t d)
{
    int32_t h = head[d];
    int32_t lo = NG_MIN((int32_t)d, h), hi = NG_MAX((int32_t)d, h);
    for (int32_t k = lo + 1; k < hi; k++)
        if (!dominates(head, n, h, k))
            return false;
    return true;
}

uint32_t as_projectivize(int32_t *head, uint32_t n)
{
    uint32_t lifts = 0;
    for (;;) {
        int32_t best = -1;
        int32_t best_len = INT32_MAX;
        for (uint32_t d = 0; d < n; d++) {
            int32_t len = head[d] > (int32_t)d ? head[d] - (int32_t)d : (int32_t)d - head[d];
            if (len < best_len && head[d] != (int32_t)n && !as_arc_projective(head, n, d)) {
                best = (int32_t)d;
                best_len = len;
            }
        }
        if (best < 0 || lifts > 4 * n)
            return lifts;
        head[best] = head[head[best]];
        lifts++;
    }
}

bool as_is_tree(const int32_t *head, uint32_t n, uint8_t *state)
{
    uint32_t roots = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (head[i] < 0 || (uint32_t)head[i] > n || head[i] == (int32_t)i)
            return false;
        roots += head[i] == (int32_t)n;
    }
    if (roots != 1)
        return false;
    /* 0 = unvisited, 1 = on the current path, 2 = reaches the root. */
    memset(state, 0, n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = i;
        while (x < n && state[x] == 0) {
            state[x] = 1;
            x = (uint32_t)head[x];
        }
        if (x < n && state[x] == 1)
            return false; /* came back to the current path: a cycle */
        for (x = i; x < n && state[x] == 1; x = (uint32_t)head[x])
            state[x] = 2;
    }
    return true;
}
