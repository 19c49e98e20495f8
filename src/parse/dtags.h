/*
 * dtags.h - predicted POS tags over a treebank for the parser's training
 * and evaluation (internal to src/parse).
 * Invariant: tag arrays are indexed like the corpus words.
 */
#ifndef NG_DTAGS_H
#define NG_DTAGS_H

#include "parse/pint.h"
#include "tag/tag.h"

/* Tag sentences [s0, s1) of c with m into upos[] / xpos[] (indexed by
 * corpus word).  NG_OK or NG_ENOMEM. */
int dep_tag_corpus(const ng_pos *m, const ng_corpus *c, size_t s0, size_t s1, uint8_t *upos, uint16_t *xpos,
                   ng_error *err);

/* Tag all of c by k-fold jackknifing: fold f (a contiguous run of
 * sentences) is tagged by a tagger trained, with default options, on the
 * other folds.  Temporary models go to /tmp and are removed.  NG_OK or the
 * error of training, loading or tagging. */
int dep_jackknife(const ng_corpus *c, int k, uint8_t *upos, uint16_t *xpos, ng_error *err);

/* Tag all of c by folds: paths is a comma-separated list of K model files;
 * fold f (sentences [n*f/K, n*(f+1)/K)) is tagged by the f-th model, which
 * should have been trained without that fold (scripts/jackknife-pos.sh).
 * NG_OK, NG_EARG (an empty list) or the error of loading or tagging. */
int dep_tag_folds(const char *paths, const ng_corpus *c, uint8_t *upos, uint16_t *xpos, ng_error *err);

#endif /* NG_DTAGS_H */
