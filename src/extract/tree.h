/*
 * tree.h - a dependency tree over one sentence, for walking the parse:
 * children of each token in order, relations by name, case markers,
 * voice, coordination.  Token indices are document indices.
 * Invariant: kids[start[i - first] .. start[i - first + 1]) are i's children
 * in text order.
 */
#ifndef NG_TREE_H
#define NG_TREE_H

#include "core/doc.h"

typedef struct ng_tree {
    const ng_doc *doc;
    uint32_t first, n;   /* the sentence's tokens: [first, first + n) */
    uint32_t *start;     /* [n + 1] offsets into kids */
    uint32_t *kids;      /* [n] children, document indices */
    char (*lower)[32];   /* [n] lowercased token text ("" if too long) */
    const char **lemma;  /* [n] lemma, or the lowercased text when absent */
} ng_tree;

/* Build the tree of sentence s (arrays from the document's arena). */
int ng_tree_build(ng_tree *t, ng_doc *doc, size_t s);

static inline const ng_token *ng_tree_tok(const ng_tree *t, uint32_t i) { return &t->doc->tokens[i]; }
static inline bool ng_tree_has(const ng_tree *t, int64_t i) { return i >= t->first && i < t->first + t->n; }
static inline const char *ng_tree_lemma(const ng_tree *t, uint32_t i) { return t->lemma[i - t->first]; }
static inline const char *ng_tree_lower(const ng_tree *t, uint32_t i) { return t->lower[i - t->first]; }

/* The relation name of token i ("nsubj:pass"), and whether it is rel or a
 * subtype of it ("nsubj" matches "nsubj:pass"). */
const char *ng_tree_rel(const ng_tree *t, uint32_t i);
bool ng_tree_rel_is(const ng_tree *t, uint32_t i, const char *rel);

/* Head of i, or -1 at the root. */
int64_t ng_tree_head(const ng_tree *t, uint32_t i);

/* Number of children and the k-th child of i. */
uint32_t ng_tree_nkids(const ng_tree *t, uint32_t i);
uint32_t ng_tree_kid(const ng_tree *t, uint32_t i, uint32_t k);

/* The first child of i whose relation is rel (or a subtype), or -1. */
int64_t ng_tree_child(const ng_tree *t, uint32_t i, const char *rel);

/* The preposition (case/mark child, lowercased, multiword joined with "_":
 * "out_of", "according_to") of nominal i, or "" when it has none. */
const char *ng_tree_case(const ng_tree *t, uint32_t i, char *buf, size_t size);

/* True when verb i is passive (has aux:pass or an nsubj:pass/csubj:pass). */
bool ng_tree_passive(const ng_tree *t, uint32_t i);

/* Coordinated members of i: i itself, then its conj children recursively.
 * Returns the count written to out (at most max). */
size_t ng_tree_conjuncts(const ng_tree *t, uint32_t i, uint32_t *out, size_t max);

/* The first conjunct of a coordination that i belongs to (i itself when it
 * is not a conj). */
uint32_t ng_tree_conj_root(const ng_tree *t, uint32_t i);

/* True when a lies in the subtree of b. */
bool ng_tree_dominates(const ng_tree *t, uint32_t b, uint32_t a);

#endif /* NG_TREE_H */
