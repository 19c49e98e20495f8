/*
 * parse.h - the dependency parser (greedy arc-hybrid, averaged perceptron,
 * labels predicted jointly with the transition) and the lemmatizer.
 * Invariants: every parse is a tree (one word headed by the root, no
 * cycles, every word headed); a loaded parser is read-only, shared by any
 * number of threads, each with its own ng_parse_work.
 */
#ifndef NG_PARSE_H
#define NG_PARSE_H

#include "core/doc.h"
#include "learn/learn.h"

/* Sentences longer than this are parsed in consecutive pieces whose roots
 * are attached to the first piece's root (as "parataxis"). */
#define NG_PARSE_MAX_WORDS 2048
#define NG_PARSE_MAX_LABELS 250 /* arc labels a model may have */

typedef struct ng_parser ng_parser;

/* Per-thread scratch memory for parsing; zero-initialise, free with
 * ng_parse_work_free.  Grows to the longest piece seen. */
typedef struct ng_parse_work {
    void *mem;
    size_t bytes;
    uint32_t cap;  /* words it has room for */
} ng_parse_work;

void ng_parse_work_free(ng_parse_work *w);

/* Load a parser model.  NG_OK: *out is the caller's (ng_parser_free).
 * Errors: NG_ENOTFOUND (no file), NG_EIO, NG_ENOMEM, NG_EMODEL (corrupt,
 * foreign, another feature version: the message names the file). */
int ng_parser_load(const char *path, ng_parser **out, ng_error *err);
/* The same from a model image in memory (copied). */
int ng_parser_load_mem(const char *name, const void *data, size_t len, ng_parser **out, ng_error *err);
void ng_parser_free(ng_parser *p);

/* The model's arc labels: count, and label l's ng_deprel id. */
uint32_t ng_parser_nlabels(const ng_parser *p);
int ng_parser_label_deprel(const ng_parser *p, uint32_t l);
const ng_mfile *ng_parser_file(const ng_parser *p);

/* Parse one sentence of n words (forms, UPOS and XPOS ids; tags may be 0).
 * OUT: head[i] = index of word i's head, -1 for the root word; deprel[i] =
 * its ng_deprel id.  Always a tree.  NG_OK or NG_ENOMEM (growing w). */
int ng_parse_words(const ng_parser *p, const ng_strv *forms, const uint8_t *upos, const uint16_t *xpos,
                   size_t n, ng_parse_work *w, int32_t *head, uint8_t *deprel);

/* Parse every sentence of doc: sets head (document index, -1 for the root)
 * and deprel of each token.  NG_OK or NG_ENOMEM. */
int ng_parse_doc(const ng_parser *p, ng_doc *doc, ng_error *err);

/* ------------------------------------------------------------ training */

/* Per-word tags for a corpus: arrays over c->nwords, or NULL members to use
 * the corpus's own (gold) tags. */
typedef struct ng_dep_data {
    const ng_corpus *c;
    const uint8_t *upos;
    const uint16_t *xpos;
} ng_dep_data;

/* Train on train (gold heads and labels), report on dev (NULL: none), keep
 * the model of the best dev epoch (the last without dev), save it to path.
 * Deterministic for the same data, options and seed.  NG_OK, NG_ENOMEM,
 * NG_EARG (no usable sentence, too many labels), NG_EIO. */
int ng_dep_train(const ng_dep_data *train, const ng_dep_data *dev, const ng_dep_train_opts *o, const char *path,
                 ng_error *err);

/* ------------------------------------------------------------- scoring */

/* Check the oracle on every sentence of c with a labelled tree: follow
 * random zero-cost transitions (seeded) on its projectivised gold tree and
 * count the sentences (*total) and those rebuilt exactly (*ok).  NG_OK,
 * NG_ENOMEM, NG_EARG (no usable sentence). */
int ng_dep_oracle_check(const ng_corpus *c, uint64_t seed, size_t *ok, size_t *total, ng_error *err);

/* ng_dep_counts (newsgraph.h) holds the attachment counts. */

/* Compare one sentence: heads as 0..n (0 = root, CoNLL-U numbering). */
void ng_dep_count(ng_dep_counts *c, const int32_t *gold_head, const int *gold_rel, const int32_t *head,
                  const int *rel, size_t n);

/* Parse every sentence of d with its tags and add the counts to out.
 * NG_OK or NG_ENOMEM. */
int ng_dep_eval(const ng_parser *p, const ng_dep_data *d, ng_dep_counts *out, ng_error *err);

/* The deprel id of a CoNLL-U label: exact, else its universal part, else 0. */
int ng_dep_label_id(ng_strv rel);

/* ----------------------------------------------------------- lemmatizer */

typedef struct ng_lemmatizer ng_lemmatizer;

/* Load the exception lists lemma_*.txt from lexicon_dir.  NG_ENOTFOUND when
 * they are absent, NG_EFORMAT naming the file and line, NG_ENOMEM. */
int ng_lemmatizer_load(const char *lexicon_dir, ng_lemmatizer **out, ng_error *err);
void ng_lemmatizer_free(ng_lemmatizer *lz);

/* The lemma of form s[0..n) with tags upos / xpos into out (size cap,
 * NUL-terminated, truncated); returns its length. */
size_t ng_lemmatize(const ng_lemmatizer *lz, const char *s, size_t n, int upos, int xpos, char *out, size_t cap);

/* Set the lemma of every token of doc (arena strings).  NG_OK or NG_ENOMEM. */
int ng_lemmatize_doc(const ng_lemmatizer *lz, ng_doc *doc, ng_error *err);

#endif /* NG_PARSE_H */
