/*
 * ner_bilou.c - entity label encodings: IOB2 <-> BILOU and the transition
 * constraints greedy decoding obeys.  Invariant: decode(encode(x)) == x for
 * any normalised IOB2 sequence x.
 */
#include "tag/ner.h"

void ng_iob_normalise(uint8_t *iob, const uint8_t *type, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (iob[i] != NG_IOB_I)
            continue;
        if (i == 0 || iob[i - 1] == NG_IOB_O || iob[i - 1] == NG_IOB_NONE || type[i - 1] != type[i])
            iob[i] = NG_IOB_B;
    }
}

/* Whether word i continues the chunk of word i - 1. */
static bool continues(const uint8_t *iob, const uint8_t *type, size_t i)
{
    return i > 0 && iob[i] == NG_IOB_I && (iob[i - 1] == NG_IOB_B || iob[i - 1] == NG_IOB_I) &&
           type[i - 1] == type[i];
}

void ng_bilou_encode(const uint8_t *iob, const uint8_t *type, size_t n, uint32_t *cls)
{
    for (size_t i = 0; i < n; i++) {
        if (iob[i] != NG_IOB_B && iob[i] != NG_IOB_I) {
            cls[i] = 0;
            continue;
        }
        bool more = i + 1 < n && continues(iob, type, i + 1);
        bool inside = continues(iob, type, i);
        unsigned part = inside ? (more ? NG_BILOU_I : NG_BILOU_L) : (more ? NG_BILOU_B : NG_BILOU_U);
        cls[i] = ng_bilou_class(type[i], part);
    }
}

void ng_bilou_decode(const uint32_t *cls, size_t n, uint8_t *iob, uint8_t *type)
{
    bool open = false; /* the previous word's chunk may be continued */
    for (size_t i = 0; i < n; i++) {
        if (cls[i] == 0) {
            iob[i] = NG_IOB_O;
            type[i] = 0;
            open = false;
            continue;
        }
        unsigned t = ng_bilou_type(cls[i]), part = ng_bilou_part(cls[i]);
        bool cont = open && (part == NG_BILOU_I || part == NG_BILOU_L) && type[i - 1] == t;
        iob[i] = cont ? NG_IOB_I : NG_IOB_B;
        type[i] = (uint8_t)t;
        open = part == NG_BILOU_B || part == NG_BILOU_I;
    }
}
