/*
 * fuzz_xlex.c - libFuzzer harness for the relation-frame parser.
 */
#include "extract/xlex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_xlex *x = ng_xlex_new();
    if (!x)
        return 0;
    ng_xlex_parse_frames(x, "fuzz", (const char *)data, size);
    for (size_t i = 0; i < x->nframes; i++)
        ng_xlex_frames(x, x->frames[i].words[0], strlen(x->frames[i].words[0]));
    ng_xlex_free(x);
    return 0;
}
