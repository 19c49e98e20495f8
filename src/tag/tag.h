/*
 * tag.h - the part-of-speech tagger: a greedy averaged perceptron that
 * predicts a joint (XPOS, UPOS) class per word, left to right, in one or two
 * passes (the second sees the first pass's tags to its right).
 * Invariant: a loaded ng_pos is read-only; any number of threads may tag
 * with it at once, each with its own ng_pos_work.
 */
#ifndef NG_TAG_H
#define NG_TAG_H

#include "core/doc.h"
#include "learn/learn.h"

#define NG_POS_MAX_CLASSES 250  /* joint (XPOS, UPOS) classes a model may have */
#define NG_POS_MAX_FEATS 96     /* features per word */
#define NG_POS_MAX_SENT 100000  /* longer runs of tokens are tagged in pieces */

typedef struct ng_pos ng_pos;

/* Per-thread scratch memory for tagging; zero-initialise, free with
 * ng_pos_work_free.  Grows to the longest sentence seen. */
typedef struct ng_pos_work {
    void *mem;
    size_t cap;   /* words it has room for */
    size_t bytes;
} ng_pos_work;

void ng_pos_work_free(ng_pos_work *w);

/* ng_pos_load, ng_pos_free and ng_pos_tag_doc are declared in newsgraph.h. */
/* The same from a model image in memory (for tests and fuzzing). */
int ng_pos_load_mem(const char *name, const void *data, size_t len, ng_pos **out, ng_error *err);

uint32_t ng_pos_nclasses(const ng_pos *m);
/* The ng_upos / ng_xpos ids of class c (0 when the model's label is not in
 * the fixed tables), and its "XPOS UPOS" label as stored. */
int ng_pos_class_upos(const ng_pos *m, uint32_t c);
int ng_pos_class_xpos(const ng_pos *m, uint32_t c);
const char *ng_pos_class_label(const ng_pos *m, uint32_t c);
/* The loaded file (for `newsgraph model info`). */
const ng_mfile *ng_pos_file(const ng_pos *m);

/* Tag words[n] (one sentence), writing class ids to out[n].  NG_OK or
 * NG_ENOMEM (growing w). */
int ng_pos_tag_words(const ng_pos *m, const ng_strv *words, size_t n, ng_pos_work *w, uint32_t *out);

/* ---------------------------------------------------------------- training */

/* Train on train (gold UPOS and XPOS), report on dev (may be NULL), save the
 * model to path.  Deterministic: the same data, options and seed give a
 * byte-identical file.  NG_OK, NG_ENOMEM, NG_EARG (no usable sentences, too
 * many classes), NG_EIO. */
int ng_pos_train(const ng_corpus *train, const ng_corpus *dev, const ng_pos_train_opts *o, const char *path,
                 ng_error *err);

/* ---------------------------------------------------------------- scoring */

/* Add the comparison of gold and predicted tags of n words to c (tags as
 * ng_upos / ng_xpos ids). */
void ng_pos_count(ng_pos_counts *c, const uint8_t *gold_upos, const uint16_t *gold_xpos,
                  const uint8_t *upos, const uint16_t *xpos, size_t n);

/* Tag every sentence of corpus c (gold tokenization) and add the counts to
 * out.  NG_OK or NG_ENOMEM. */
int ng_pos_eval(const ng_pos *m, const ng_corpus *c, ng_pos_counts *out, ng_error *err);

#endif /* NG_TAG_H */
