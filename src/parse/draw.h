/*
 * draw.h - evaluating the parser from raw text (internal to src/parse).
 * Invariant: the models are borrowed; pos and lemmatizer may be NULL.
 */
#ifndef NG_DRAW_H
#define NG_DRAW_H

#include "parse/dtags.h"

/* Documents longer than this many sentences are cut into pieces. */
#define RAW_MAX_DOC_SENTS 2000

typedef struct raw_models {
    const ng_parser *parser;
    const ng_pos *pos;
    const ng_lemmatizer *lemmatizer;
} raw_models;

/* Join each document's "# text" lines of c (documents start at "# newdoc"),
 * run tokenizer, tagger, parser and lemmatizer, align to c's words by
 * character spans and add the counts to out (words, sys_words, aligned,
 * uas, las, las_full, upos_ok, lemma_ok).  NG_OK or an error of a stage. */
int dep_eval_raw(const raw_models *m, const ng_corpus *c, ng_dep_counts *out, ng_error *err);

#endif /* NG_DRAW_H */
