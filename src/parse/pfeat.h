/*
 * pfeat.h - the parser's feature templates: for the move (after Zhang &
 * Nivre 2011, for the arc-hybrid system: words, tags, Brown clusters,
 * valencies, distances, outermost children and label sets of s0..s2,
 * b0..b2) and for the label of an arc just decided (the dependent, whose
 * subtree is complete, and its head).
 * Invariant: template ids and their meaning never change within a feature
 * set version (PF_VERSION); a model records the version it was trained with.
 */
#ifndef NG_PFEAT_H
#define NG_PFEAT_H

#include "learn/learn.h"
#include "parse/arcsys.h"
#include "parse/pclust.h"

#define PF_VERSION 2
#define PF_MAX_FEATS 160 /* features per configuration or arc, at most */

/* One word's atoms: well-mixed 64-bit hashes of its normalised form, tags,
 * cluster and a few combinations, computed once per sentence, so a
 * feature key costs one multiply-mix of its atoms. */
typedef struct pf_word {
    uint64_t w;   /* normalised form (lowercase, digits as 0) */
    uint64_t p;   /* fine tag (XPOS, or UPOS when XPOS is unknown) */
    uint64_t u;   /* UPOS */
    uint64_t wp;  /* w and p together */
    uint64_t suf; /* last three bytes of the normalised form, with p */
    uint64_t c4, c6, cf; /* Brown cluster: 4- and 6-bit prefixes, whole bit string */
} pf_word;

/* Atoms of a word with text s[0..n) and tags upos / xpos (ng ids). */
void pf_word_set(pf_word *a, const char *s, size_t n, int upos, int xpos, const pclust *cl);
/* Atoms of the root (root = true) or of "no word". */
void pf_word_pad(pf_word *a, bool root);

/* Move features of configuration s into f (at least PF_MAX_FEATS).  words
 * has s->n + 2 entries: the words, the root at n, "no word" at n + 1.
 * The cluster templates only when clusters is true (a model without
 * clusters would have them constant).  Returns the number of features. */
size_t pf_features(const as_state *s, const pf_word *words, bool clusters, uint64_t *f);

/* Label features of the arc that move (AS_LEFT or AS_RIGHT) is about to
 * add in s: the dependent s0 and its head (b0 or s1). */
size_t pf_label_features(const as_state *s, const pf_word *words, int move, uint64_t *f);

#endif /* NG_PFEAT_H */
