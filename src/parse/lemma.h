/*
 * lemma.h - the lemmatizer's internals shared with its list builder and
 * evaluation (internal to src/parse).
 * Invariant: list files are plain text, one entry a line, '#' comments.
 */
#ifndef NG_LEMMA_H
#define NG_LEMMA_H

#include "parse/parse.h"

#define LEMMA_MAX_BYTES 64 /* longer words are their own lemma */
#define LEMMA_WORDS_FILE "lemma_words.txt"           /* "V|N|A lemma": known lemmas */
#define LEMMA_EXCEPTIONS_FILE "lemma_exceptions.txt" /* "form XPOS|* lemma", derived */
#define LEMMA_IRREGULAR_FILE "lemma_irregular.txt"   /* "form XPOS|* lemma", hand-written */

/* The lemma by the suffix rules alone (no exception lists; lz may be NULL,
 * then no known lemmas either).  As ng_lemmatize. */
size_t ng_lemmatize_rules(const ng_lemmatizer *lz, const char *s, size_t n, int upos, int xpos, char *out,
                          size_t cap);

/* Derive lemma_words.txt and lemma_exceptions.txt from a treebank with gold
 * lemmas and tags into dir: the known lemmas of verbs, nouns, adjectives and
 * adverbs, and every (form, XPOS) whose usual lemma the rules miss.  NG_OK,
 * NG_ENOMEM, NG_EIO naming the file. */
int ng_lemma_derive(const ng_corpus *c, const char *dir, ng_error *err);

/* Lemma accuracy over words[first, first + n) of c given tags: adds the
 * number of words whose lemma equals the gold one to *ok. */
void ng_lemma_count(const ng_lemmatizer *lz, const ng_corpus *c, size_t first, size_t n, const uint8_t *upos,
                    const uint16_t *xpos, size_t *ok);

#endif /* NG_LEMMA_H */
