/*
 * constructions.c - facts carried by constructions rather than by a trigger
 * word: "X at EVENT", "EVENT in PLACE".  (First version: none.)
 */
#include "extract.h"

void ng_match_constructions(ng_xctx *c)
{
    (void)c;
}
