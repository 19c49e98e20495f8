/*
 * pint.h - what the parser's runtime and trainer share (internal to
 * src/parse): the loaded parser, the label table and the model file layout.
 * Invariant: label 0 of every model is "root" (AS_ROOT_LABEL).
 */
#ifndef NG_PINT_H
#define NG_PINT_H

#include "parse/parse.h"
#include "parse/pfeat.h"
#include "parse/pscore.h"

#define PARSER_KIND "parser"
#define PARSER_PREFIX "dep"

struct ng_parser {
    ng_mfile *file;
    ng_pmodel model;      /* as stored (borrows the file) */
    pscorer score;        /* the table parsing uses, built from model */
    uint32_t nlabels;
    uint8_t deprel[NG_PARSE_MAX_LABELS]; /* [nlabels] label -> ng_deprel id */
};

/* Best class allowed in s given scores sc (ties: lowest class). */
static inline uint32_t parse_best_valid(const as_state *s, const int32_t *sc, uint32_t nlabels)
{
    uint32_t best = UINT32_MAX;
    int32_t bs = INT32_MIN;
    if (as_can_shift(s))
        best = 0, bs = sc[0];
    if (s->nstack > 0 && s->b0 < s->n) {
        for (uint32_t l = 1; l < nlabels; l++)
            if (sc[1 + 2 * l] > bs || best == UINT32_MAX)
                best = 1 + 2 * l, bs = sc[best];
    } else if (s->nstack == 1) {
        return as_class(AS_LEFT, AS_ROOT_LABEL);
    }
    if (s->nstack > 1)
        for (uint32_t l = 1; l < nlabels; l++)
            if (sc[2 + 2 * l] > bs || best == UINT32_MAX)
                best = 2 + 2 * l, bs = sc[best];
    return best;
}

/* The only allowed class when there is no choice to make, else UINT32_MAX. */
static inline uint32_t parse_forced(const as_state *s)
{
    if (s->nstack == 0)
        return 0;
    if (s->b0 == s->n && s->nstack == 1)
        return as_class(AS_LEFT, AS_ROOT_LABEL);
    return UINT32_MAX;
}

/* Atoms of n words into a[n + 2] (root and "none" after them). */
void parse_words_atoms(pf_word *a, const ng_strv *forms, const uint8_t *upos, const uint16_t *xpos, size_t n);

/* UPOS / XPOS ids of corpus tag strings (0 when unknown). */
int dep_strv_upos(ng_strv v);
int dep_strv_xpos(ng_strv v);

#endif /* NG_PINT_H */
