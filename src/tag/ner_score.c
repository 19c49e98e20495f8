/*
 * ner_score.c - conlleval-style scoring: chunks are maximal runs that start
 * at B and continue with I of the same type; a predicted chunk is correct
 * when a gold chunk has the same type, first and last word.
 */
#include "tag/ner.h"

/* End (exclusive) of the chunk starting at i. */
static size_t chunk_end(const uint8_t *iob, const uint8_t *type, size_t i, size_t n)
{
    size_t j = i + 1;
    while (j < n && iob[j] == NG_IOB_I && type[j] == type[i])
        j++;
    return j;
}

static bool starts(const uint8_t *iob, size_t i)
{
    return iob[i] == NG_IOB_B;
}

void ng_ner_count(ng_ner_counts *c, const uint8_t *giob, const uint8_t *gtype, const uint8_t *piob,
                  const uint8_t *ptype, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        c->tokens++;
        bool gin = giob[i] == NG_IOB_B || giob[i] == NG_IOB_I;
        bool pin = piob[i] == NG_IOB_B || piob[i] == NG_IOB_I;
        c->tokens_ok += gin == pin && (!gin || (giob[i] == piob[i] && gtype[i] == ptype[i]));
        bool g = starts(giob, i) && gtype[i] <= NG_NER_MAX_TYPES;
        bool p = starts(piob, i) && ptype[i] <= NG_NER_MAX_TYPES;
        if (g) {
            c->gold[gtype[i]]++;
            c->gold[0]++;
        }
        if (p) {
            c->found[ptype[i]]++;
            c->found[0]++;
        }
        if (g && p && gtype[i] == ptype[i] && chunk_end(giob, gtype, i, n) == chunk_end(piob, ptype, i, n)) {
            c->correct[gtype[i]]++;
            c->correct[0]++;
        }
    }
}

void ng_ner_prf(const ng_ner_counts *c, unsigned t, double *p, double *r, double *f)
{
    *p = c->found[t] ? (double)c->correct[t] / (double)c->found[t] : 0.0;
    *r = c->gold[t] ? (double)c->correct[t] / (double)c->gold[t] : 0.0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}
