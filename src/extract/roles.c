/*
 * roles.c - who holds which position where (role facts), from titles.
 * (First version: none; filled in with the titles lexicon.)
 */
#include "extract.h"

void ng_match_roles(ng_xctx *c)
{
    (void)c;
}
