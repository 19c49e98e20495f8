/*
 * quotes.c - direct quotes attributed to their speaker (said facts).
 * (First version: none.)
 */
#include "extract.h"

void ng_match_quotes(ng_xctx *c)
{
    (void)c;
}
