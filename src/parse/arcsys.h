/*
 * arcsys.h - the arc-hybrid transition system (Kuhlmann et al. 2011) with
 * the root at the end of the buffer (Ballesteros & Nivre 2013), its dynamic
 * oracle (Goldberg & Nivre 2013), projectivisation and tree checks.
 * Invariants: words are 0..n-1, the root is n; a word leaves the stack only
 * by receiving its head, so a finished parse is always a tree with exactly
 * one word attached to the root (LEFT to the root needs a one-item stack).
 */
#ifndef NG_ARCSYS_H
#define NG_ARCSYS_H

#include "core/core.h"

/* Classes: 0 = SHIFT, 1 + 2l = LEFT with label l, 2 + 2l = RIGHT with label
 * l.  Label 0 is always "root", the only label of an arc from the root. */
enum { AS_SHIFT = 0, AS_LEFT = 1, AS_RIGHT = 2 };
#define AS_ROOT_LABEL 0
#define AS_NONE (-1)

static inline uint32_t as_class(int move, uint32_t label)
{
    return move == AS_SHIFT ? 0 : 1 + 2 * label + (move == AS_RIGHT);
}
static inline int as_move(uint32_t c) { return c == 0 ? AS_SHIFT : ((c - 1) & 1) ? AS_RIGHT : AS_LEFT; }
static inline uint32_t as_label(uint32_t c) { return c == 0 ? 0 : (c - 1) >> 1; }
static inline uint32_t as_nclasses(uint32_t nlabels) { return 1 + 2 * nlabels; }

/* A parser configuration over n words.  Arrays have n + 2 entries: the
 * words, the root (n) and a spare so AS_NONE lookups can be mapped to n + 1
 * by feature code.  Children are kept as the two outermost on each side. */
typedef struct as_state {
    uint32_t n;
    int32_t *stack;   /* [n + 1], stack[nstack - 1] is the top */
    uint32_t nstack;
    uint32_t b0;      /* buffer front; the buffer is b0..n */
    int32_t *head;    /* [n + 2] AS_NONE until attached; root's head is AS_NONE */
    uint16_t *label;  /* [n + 2] label of the arc to the head */
    int32_t *lc1, *lc2, *rc1, *rc2; /* [n + 2] leftmost, 2nd leftmost, rightmost, 2nd rightmost child */
    uint16_t *nl, *nr;               /* [n + 2] number of left / right children */
    uint64_t *lset, *rset;           /* [n + 2] bitmaps of child labels (label % 64) */
} as_state;

/* Bytes of memory as_state_init needs for n words. */
size_t as_state_bytes(uint32_t n);
/* Lay the state out in mem (at least as_state_bytes(n), 8-byte aligned)
 * and set the initial configuration: empty stack, buffer 0..n. */
void as_state_init(as_state *s, uint32_t n, void *mem);

static inline bool as_terminal(const as_state *s) { return s->nstack == 0 && s->b0 == s->n; }
static inline int32_t as_s(const as_state *s, uint32_t i)
{
    return i < s->nstack ? s->stack[s->nstack - 1 - i] : AS_NONE;
}

/* Whether a move (any label but root / the root label) is allowed. */
static inline bool as_can_shift(const as_state *s) { return s->b0 < s->n; }
static inline bool as_can_left(const as_state *s)
{
    return s->nstack > 0 && (s->b0 < s->n || s->nstack == 1);
}
static inline bool as_can_right(const as_state *s) { return s->nstack > 1; }
/* Whether class c is allowed (labels checked against the root rule). */
bool as_valid(const as_state *s, uint32_t c);

/* Apply class c, which must be valid. */
void as_apply(as_state *s, uint32_t c);

/* Dynamic-oracle costs: for every class c < nclasses, the number of gold
 * arcs (head and label) it makes unreachable, or UINT32_MAX when it is not
 * allowed.  gold_head[i] in 0..n (n = root), gold_label[i] its label; the
 * gold tree should be projective (costs are exact then).  onstack[n + 1] is
 * scratch the caller provides. */
void as_costs(const as_state *s, const int32_t *gold_head, const uint16_t *gold_label, uint32_t nclasses,
              uint8_t *onstack, uint32_t *cost);

/* Unlabelled dynamic-oracle costs of the three moves into cost[3] (SHIFT,
 * LEFT, RIGHT): the gold heads each makes unreachable, UINT32_MAX when the
 * move is not allowed.  gold_head as for as_costs. */
void as_move_costs(const as_state *s, const int32_t *gold_head, uint8_t *onstack, uint32_t *cost);

/* Make the tree head[n] (0..n, n = root) projective by lifting
 * (Nivre & Nilsson 2005): the shortest non-projective arc's dependent is
 * reattached to its grandparent until none is left.  Returns the number of
 * lifts.  head must be a tree. */
uint32_t as_projectivize(int32_t *head, uint32_t n);

/* Whether arc d -> head[d] is projective in head[n] (a tree). */
bool as_arc_projective(const int32_t *head, uint32_t n, uint32_t d);

/* Whether head[n] (values 0..n, n = root) is a tree: every word headed,
 * exactly one attached to the root, no cycles.  scratch[n] is caller memory. */
bool as_is_tree(const int32_t *head, uint32_t n, uint8_t *scratch);

#endif /* NG_ARCSYS_H */
