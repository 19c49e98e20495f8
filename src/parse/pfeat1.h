/*
 * pfeat1.h - feature set version 1 of the parser, for models trained
 * before version 2 (pfeat.h); its templates (after Zhang & Nivre 2011, for
 * the arc-hybrid system): words, tags, labels, valencies, distances, left
 * and rightmost children and their second ones, label sets.
 * Invariant: template ids and their meaning never change within a feature
 * set version (PF1_VERSION); a model records the version it was trained with.
 */
#ifndef NG_PFEAT1_H
#define NG_PFEAT1_H

#include "learn/learn.h"
#include "parse/arcsys.h"

#define PF1_VERSION 1
#define PF1_MAX_FEATS 128 /* features per configuration, at most */

/* One word's atoms: hashes of its normalised form, tag and cluster, and a
 * few combinations, computed once per sentence. */
typedef struct pf1_word {
    uint64_t w;   /* normalised form (lowercase, digits as 0) */
    uint64_t p;   /* fine tag (XPOS, or UPOS when XPOS is unknown) */
    uint64_t u;   /* UPOS */
    uint64_t wp;  /* w and p together */
    uint64_t suf; /* last three bytes of the normalised form, with p */
} pf1_word;

/* Atoms of a word with text s[0..n) and tags upos / xpos (ng ids). */
void pf1_word_set(pf1_word *a, const char *s, size_t n, int upos, int xpos);
/* Atoms of the root (root = true) or of "no word". */
void pf1_word_pad(pf1_word *a, bool root);

/* Features of configuration s into f (at least PF1_MAX_FEATS).  words has
 * s->n + 2 entries: the words, the root at n, "no word" at n + 1.
 * Returns the number of features. */
size_t pf1_features(const as_state *s, const pf1_word *words, uint64_t *f);

#endif /* NG_PFEAT1_H */
