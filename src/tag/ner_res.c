/*
 * ner_res.c - the lexical resources NER features look up: gazetteer lists
 * (longest match) and Brown word clusters.  Until the shared gazetteer
 * matcher lands, no resources are loaded and every lookup is empty.
 */
#include "tag/ner.h"

struct ng_ner_res {
    int unused;
};

int ng_ner_res_load(const char *lexicon_dir, ng_ner_res **out, ng_error *err)
{
    (void)lexicon_dir;
    *out = ng_calloc(1, sizeof **out);
    return *out ? NG_OK : ng_err(err, NG_ENOMEM, "ner resources: out of memory");
}

void ng_ner_res_free(ng_ner_res *r)
{
    if (r)
        ng_free(r, sizeof *r);
}

bool ng_ner_res_has_gaz(const ng_ner_res *r)
{
    (void)r;
    return false;
}

bool ng_ner_res_has_clusters(const ng_ner_res *r)
{
    (void)r;
    return false;
}

void ng_ner_lookup(const ng_ner_res *r, const ng_strv *words, size_t n, ng_ner_tokinfo *info)
{
    (void)r;
    (void)words;
    memset(info, 0, n * sizeof *info);
}
