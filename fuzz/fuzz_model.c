/*
 * fuzz_model.c - libFuzzer harness for model files: any bytes are opened as
 * a model file, loaded as a POS model, and (if they pass every check) used
 * to tag a sentence; a generic perceptron model under "clf" is tried too.
 * Each input is tried twice: as it is, and "resealed" (declared size and
 * checksum fixed up) so mutations reach the checks behind the checksum.
 * A loaded "clf" model is also densified (ng_pmodel_densify), which must
 * leave the score of every feature it holds unchanged.
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

/* Densify pm and trap unless the first keys it holds score as before. */
static void check_densify(ng_pmodel *pm)
{
    enum { KEYS = 16 };
    static int32_t before[KEYS][NG_PT_MAX_CLASSES], after[NG_PT_MAX_CLASSES];
    uint64_t keys[KEYS];
    size_t n = 0;
    for (uint32_t i = 0; i < pm->nslots && n < KEYS; i++)
        if (pm->slots[2 * (size_t)i])
            keys[n++] = pm->slots[2 * (size_t)i];
    for (size_t k = 0; k < n; k++)
        ng_pmodel_score(pm, &keys[k], 1, before[k]);
    if (ng_pmodel_densify(pm) != NG_OK)
        return;
    for (size_t k = 0; k < n; k++) {
        ng_pmodel_score(pm, &keys[k], 1, after);
        if (memcmp(before[k], after, pm->nclasses * sizeof *after) != 0)
            __builtin_trap();
    }
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
            check_densify(&pm);
            ng_pmodel_free(&pm);
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
