/*
 * doc.h - the document struct, internal to the library.
 * Invariants: text[len] == '\0' and text is valid UTF-8 without NUL bytes;
 * tokens are in text order, non-overlapping, and each lies inside its
 * sentence; sentences cover tokens [first, first + ntokens) contiguously.
 */
#ifndef NG_DOC_H
#define NG_DOC_H

#include "core.h"

struct ng_doc_times;    /* src/time: temporal expressions */
struct ng_doc_mentions; /* src/kb: mentions behind the entities */

struct ng_doc {
    ng_arena arena;              /* owns text, fields, lemmas and stage results */
    char *text;                  /* the body, NUL-terminated */
    size_t len;
    size_t repairs;              /* invalid UTF-8 sequences and NULs fixed */
    const char *fields[NG_NFIELDS];

    ng_token *tokens;            /* [ntokens], heap (grows while tokenizing) */
    size_t ntokens, cap_tokens;
    ng_sentence *sents;          /* [nsents], heap */
    size_t nsents, cap_sents;

    ng_entity *entities;         /* [nentities], arena; set by the entity stage */
    size_t nentities;
    ng_fact *facts;              /* [nfacts], arena; set by the fact stage */
    size_t nfacts;
    struct ng_doc_times *times;  /* set by the time stage */
    struct ng_doc_mentions *mentions; /* set by the entity stage */
};

/* Append a token or a sentence; false when out of memory. */
bool ng_doc_push_token(ng_doc *doc, const ng_token *t);
bool ng_doc_push_sentence(ng_doc *doc, const ng_sentence *s);
/* Drop all tokens and sentences (and what depends on them). */
void ng_doc_clear_tokens(ng_doc *doc);

/* The bytes of token t. */
static inline const char *ng_tok_text(const ng_doc *doc, const ng_token *t, size_t *n)
{
    *n = t->end - t->start;
    return doc->text + t->start;
}

#endif /* NG_DOC_H */
