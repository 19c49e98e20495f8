/*
 * eval.h - `newsgraph eval KIND`: scoring a stage against gold data.  Each
 * kind lives in its own file (eval_tokenize.c, ...) and is listed in eval.c;
 * eval_conllu.c reads CoNLL-U gold files and rebuilds their raw text.
 */
#ifndef NG_CLI_EVAL_H
#define NG_CLI_EVAL_H

#include "cli.h"

#include <stdint.h>

/* One syntactic word of a gold file (multiword tokens already split). */
typedef struct conllu_word {
    uint32_t start, end; /* bytes of the word in its document's text */
    uint32_t sent;       /* index of its sentence in the document */
    bool mwt;            /* part of a multiword token */
    char *col[10];       /* the ten CoNLL-U columns (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC) */
} conllu_word;

typedef struct conllu_sent {
    uint32_t first, nwords; /* words [first, first + nwords) */
    uint32_t start, end;    /* bytes of the sentence in the text */
    bool para;              /* opens a paragraph */
} conllu_sent;

/* A gold document (# newdoc): its raw text rebuilt from the tokens'
 * SpaceAfter, sentences joined by a space, paragraphs by a blank line. */
typedef struct conllu_doc {
    char *id;
    char *text;
    size_t len, cap;
    conllu_word *words;
    size_t nwords, cap_words;
    conllu_sent *sents;
    size_t nsents, cap_sents;
} conllu_doc;

typedef struct conllu_corpus {
    conllu_doc *docs;
    size_t ndocs, cap_docs;
} conllu_corpus;

/* Read a CoNLL-U file into c (zeroed by the caller).  0, or -1 with a message
 * naming the file and line on stderr.  Free with conllu_free. */
int conllu_read(const char *path, conllu_corpus *c);
void conllu_free(conllu_corpus *c);

/* Precision, recall and F1 from counts (0 when undefined). */
typedef struct eval_prf {
    size_t gold, pred, match;
} eval_prf;
double eval_p(const eval_prf *x);
double eval_r(const eval_prf *x);
double eval_f1(const eval_prf *x);

/* The kinds of evaluation; argv[0] is the kind's name. */
int eval_tokenize(int argc, char **argv);

/* Kinds implemented in their own files. */
int cmd_eval_pos(int argc, char **argv);
int cmd_eval_ner(int argc, char **argv);

#endif /* NG_CLI_EVAL_H */
