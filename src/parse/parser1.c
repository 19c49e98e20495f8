/*
 * parser1.c - parsing with models of feature set version 1 (one joint
 * classifier: a move with its label; pfeat1.c features; pscore.c table).
 * Invariant: behaves exactly as the version-1 parser did, so such models
 * keep their scores; models of later versions never come here.
 */
#include "parse/pint.h"

/* parse1_piece runs in the scratch parser.c sizes for version 2. */
_Static_assert(sizeof(pf1_word) <= sizeof(pf_word), "version-1 atoms fit the scratch");
_Static_assert(PF1_MAX_FEATS <= PF_MAX_FEATS, "version-1 features fit the scratch");

/* Best class allowed in s given scores sc (ties: lowest class). */
static uint32_t best_valid(const as_state *s, const int32_t *sc, uint32_t nlabels)
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
static uint32_t forced(const as_state *s)
{
    if (s->nstack == 0)
        return 0;
    if (s->b0 == s->n && s->nstack == 1)
        return as_class(AS_LEFT, AS_ROOT_LABEL);
    return UINT32_MAX;
}

int parse1_load(ng_parser *p, ng_error *err)
{
    const char *name = ng_mfile_name(p->file);
    int rc = ng_pmodel_load(p->file, PARSER1_PREFIX, &p->model1, err);
    if (rc == NG_OK && p->model1.nclasses != as_nclasses(p->nlabels))
        rc = ng_err(err, NG_EMODEL, "%s: %u classes for %u labels", name, p->model1.nclasses, p->nlabels);
    if (rc == NG_OK && pscorer_build(&p->score1, &p->model1) != NG_OK)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    if (rc == NG_OK)
        p->version = 1;
    return rc;
}

void parse1_free(ng_parser *p)
{
    if (p->version != 1)
        return;
    pscorer_free(&p->score1);
    ng_pmodel_free(&p->model1);
}

void parse1_piece(const ng_parser *p, void *state, void *atoms, int32_t *scores, uint64_t *feats,
                  const ng_strv *forms, const uint8_t *upos, const uint16_t *xpos, uint32_t n, int32_t *head,
                  uint8_t *deprel)
{
    pf1_word *a = atoms;
    for (uint32_t i = 0; i < n; i++)
        pf1_word_set(&a[i], forms[i].s, forms[i].n, upos ? upos[i] : 0, xpos ? xpos[i] : 0);
    pf1_word_pad(&a[n], true);
    pf1_word_pad(&a[n + 1], false);
    as_state s;
    as_state_init(&s, n, state);
    while (!as_terminal(&s)) {
        uint32_t c = forced(&s);
        if (c == UINT32_MAX) {
            size_t nf = pf1_features(&s, a, feats);
            pscorer_score(&p->score1, feats, nf, scores);
            c = best_valid(&s, scores, p->nlabels);
        }
        as_apply(&s, c);
    }
    for (uint32_t i = 0; i < n; i++) {
        head[i] = s.head[i] == (int32_t)n ? -1 : s.head[i];
        deprel[i] = p->deprel[s.label[i]];
    }
}
