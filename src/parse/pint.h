/*
 * pint.h - what the parser's runtime and trainer share (internal to
 * src/parse): the loaded parser, the label table and the model file layout.
 * Invariant: label 0 of every model is "root" (AS_ROOT_LABEL).
 */
#ifndef NG_PINT_H
#define NG_PINT_H

#include "parse/parse.h"
#include "parse/pfeat.h"
#include "parse/mtable.h"
#include "parse/pfeat1.h"
#include "parse/pscore.h"

#define PARSER_KIND "parser"
#define MOVE_PREFIX "move"
#define LABEL_PREFIX "label"
#define PARSER1_PREFIX "dep" /* the joint model of feature set version 1 */

/*
 * Classes of the move model: 0 = SHIFT, 2g - 1 = LEFT with a label of group
 * g, 2g = RIGHT with a label of group g, for groups g >= 1.  Group 0 holds
 * only "root", whose arc is always forced (no class).  The label model then
 * picks the label within the group (when it has more than one).  One group
 * per label is the fully joint model; one group for all labels but root, an
 * unlabelled move model.
 */
struct ng_parser {
    ng_mfile *file;
    mtable moves, labels;     /* the move and label models */
    pclust clusters;
    uint32_t nlabels, ngroups;
    uint8_t deprel[NG_PARSE_MAX_LABELS]; /* [nlabels] label -> ng_deprel id */
    uint8_t group[NG_PARSE_MAX_LABELS];  /* [nlabels] label -> its group */
    uint8_t gsize[NG_PARSE_MAX_LABELS];  /* [ngroups] labels in the group */
    uint8_t gfirst[NG_PARSE_MAX_LABELS]; /* [ngroups] its first label */
    int version;              /* the model's feature set: 1 (parser1.c) or PF_VERSION */
    ng_pmodel model1;         /* version 1: the joint model (borrows the file) */
    pscorer score1;           /* version 1: its scoring table */
};

static inline uint32_t parse_mclass(int move, uint32_t g)
{
    return move == AS_SHIFT ? 0 : 2 * g - 1 + (move == AS_RIGHT);
}
static inline int parse_mclass_move(uint32_t c) { return c == 0 ? AS_SHIFT : (c & 1) ? AS_LEFT : AS_RIGHT; }
static inline uint32_t parse_mclass_group(uint32_t c) { return (c + 1) / 2; }
static inline uint32_t parse_nmclasses(uint32_t ngroups) { return 2 * ngroups - 1; }

/* Best move class allowed in s given scores sc (ties: the lowest class);
 * there must be a choice (parse_forced(s) < 0). */
static inline uint32_t parse_best_mclass(const as_state *s, const int32_t *sc, uint32_t ngroups)
{
    uint32_t best = as_can_shift(s) ? 0 : 2, end = parse_nmclasses(ngroups);
    bool left = s->nstack > 0 && s->b0 < s->n, right = as_can_right(s);
    for (uint32_t c = 1; c < end; c++)
        if ((c & 1 ? left : right) && sc[c] > sc[best])
            best = c;
    return best;
}

/* The only allowed move when there is no choice to make, else -1. */
static inline int parse_forced(const as_state *s)
{
    if (s->nstack == 0)
        return AS_SHIFT;
    if (s->b0 == s->n)
        return s->nstack == 1 ? AS_LEFT : -1;
    return -1;
}

/* Whether move's arc in s goes to the root (its label is then "root"). */
static inline bool parse_to_root(const as_state *s, int move) { return move == AS_LEFT && s->b0 == s->n; }

/* Best label of group g given label scores sc[nlabels]. */
static inline uint32_t parse_best_label(const ng_parser *p, const int32_t *sc, uint32_t g)
{
    uint32_t best = UINT32_MAX;
    for (uint32_t l = p->gfirst[g]; l < p->nlabels; l++)
        if (p->group[l] == g && (best == UINT32_MAX || sc[l] > sc[best]))
            best = l;
    return best;
}

/* Set ngroups, gsize and gfirst from nlabels and group[]; false when the
 * groups are inconsistent (group 0 must be root's alone, none empty). */
bool parse_groups_init(ng_parser *p);

/* Atoms of n words into a[n + 2] (root and "none" after them). */
void parse_words_atoms(pf_word *a, const ng_strv *forms, const uint8_t *upos, const uint16_t *xpos, size_t n,
                       const pclust *cl);

/* Version 1 models (parser1.c).  Load the joint model of p (file and
 * labels set) and set p->version = 1; NG_OK or an error naming the file. */
int parse1_load(ng_parser *p, ng_error *err);
/* Free what parse1_load built (nothing for other versions). */
void parse1_free(ng_parser *p);
/* Parse n words with a version-1 model, using the caller's scratch: state
 * (as_state_bytes(n)), atoms ((n + 2) pf1_words), scores (score1.npad),
 * feats (PF1_MAX_FEATS); heads 0-based, -1 = root. */
void parse1_piece(const ng_parser *p, void *state, void *atoms, int32_t *scores, uint64_t *feats,
                  const ng_strv *forms, const uint8_t *upos, const uint16_t *xpos, uint32_t n, int32_t *head,
                  uint8_t *deprel);

/* UPOS / XPOS ids of corpus tag strings (0 when unknown). */
int dep_strv_upos(ng_strv v);
int dep_strv_xpos(ng_strv v);

#endif /* NG_PINT_H */
