/*
 * fuzz_depmodel.c - libFuzzer harness for parser model files: any bytes are
 * loaded as a parser model (labels, label groups, the move and label
 * tables, the clusters) and, when they pass every check, used to parse a
 * sentence, which must come out a tree.  Each input is tried as it is and
 * "resealed" (declared size and checksum fixed up) so mutations reach the
 * checks behind the checksum.  Seeds: a small model trained on sentences
 * written for the unit tests.
 */
#include "parse/arcsys.h"
#include "parse/parse.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_once(const ng_parser *p)
{
    static const char *const w[] = {"The", "mayor", "said", "the", "vote", "would", "wait", "."};
    ng_strv words[8];
    uint8_t upos[8] = {NG_UPOS_DET, NG_UPOS_NOUN, NG_UPOS_VERB, NG_UPOS_DET,
                       NG_UPOS_NOUN, NG_UPOS_AUX, NG_UPOS_VERB, NG_UPOS_PUNCT};
    int32_t head[8], h[8];
    uint8_t rel[8], scratch[8];
    for (int i = 0; i < 8; i++)
        words[i] = (ng_strv){w[i], (uint32_t)strlen(w[i])};
    ng_parse_work work = {0};
    if (ng_parse_words(p, words, upos, NULL, 8, &work, head, rel) == NG_OK) {
        for (int i = 0; i < 8; i++)
            h[i] = head[i] < 0 ? 8 : head[i];
        if (!as_is_tree(h, 8, scratch))
            __builtin_trap();
    }
    ng_parse_work_free(&work);
}

static void try_bytes(const uint8_t *data, size_t size)
{
    ng_error err;
    ng_parser *p;
    if (ng_parser_load_mem("fuzz.model", data, size, &p, &err) == NG_OK) {
        parse_once(p);
        ng_parser_free(p);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try_bytes(data, size);
    if (size < NG_MF_HEADER + 4)
        return 0;
    uint8_t *c = malloc(size);
    if (!c)
        return 0;
    memcpy(c, data, size);
    for (int i = 0; i < 8; i++)
        c[56 + i] = (uint8_t)((uint64_t)size >> (8 * i));
    uint32_t crc = ng_crc32c(0, c, size - 4);
    for (int i = 0; i < 4; i++)
        c[size - 4 + i] = (uint8_t)(crc >> (8 * i));
    try_bytes(c, size);
    free(c);
    return 0;
}
