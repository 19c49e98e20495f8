/*
 * fuzz_model.c - libFuzzer harness for model files: any bytes are opened as
 * a model file, loaded as a POS model, and (if they pass every check) used
 * to tag a sentence; a generic perceptron model under "clf" is tried too.
 * Each input is tried twice: as it is, and "resealed" (declared size and
 * checksum fixed up) so mutations reach the checks behind the checksum.
 */
#include "tag/tag.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void tag_once(const ng_pos *m)
{
    static const char *const w[] = {"The", "market", "rose", "3.5", "%", "on", "Monday", "."};
    ng_strv words[8];
    uint32_t cls[8];
    for (int i = 0; i < 8; i++)
        words[i] = (ng_strv){w[i], (uint32_t)strlen(w[i])};
    ng_pos_work work = {0};
    if (ng_pos_tag_words(m, words, 8, &work, cls) == NG_OK)
        for (int i = 0; i < 8; i++)
            if (cls[i] >= ng_pos_nclasses(m))
                __builtin_trap();
    ng_pos_work_free(&work);
}

static void try_bytes(const uint8_t *data, size_t size)
{
    ng_error err;
    ng_pos *m;
    if (ng_pos_load_mem("fuzz.model", data, size, &m, &err) == NG_OK) {
        tag_once(m);
        ng_pos_free(m);
    }
    ng_mfile *f;
    if (ng_mfile_open_mem("fuzz.model", data, size, &f, &err) == NG_OK) {
        ng_pmodel pm;
        if (ng_pmodel_load(f, "clf", &pm, &err) == NG_OK) {
            uint64_t feats[3] = {ng_feat1(1, 1), ng_feat1(2, 2), ng_feat1(3, 3)};
            int32_t scores[NG_PT_MAX_CLASSES];
            ng_pmodel_score(&pm, feats, 3, scores);
        }
        ng_mfile_close(f);
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
