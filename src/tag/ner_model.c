/*
 * ner_model.c - loading a NER model file and tagging documents with it.
 * A model file (kind "ner") holds a "meta" section (key=value lines: the
 * feature-set version and how it was trained), a "types" section (one entity
 * type name a line, class layout as in ner.h) and the weights under "ner"
 * (stage 1) and, for a two-stage model ("stages=2" in meta), "ner2".
 * Invariant: every section is checked before the model is handed out.
 */
#include "tag/ner_feat.h"

#include <stdlib.h>

static int load_types(ng_ner *m, const char *name, ng_error *err)
{
    size_t n = ng_mfile_nlines(m->file, "types");
    if (n == 0 || n > NG_NER_MAX_TYPES)
        return ng_err(err, NG_EMODEL, "%s: NER model has %zu entity types (1..%d)", name, n, NG_NER_MAX_TYPES);
    strcpy(m->types[0], "O");
    for (size_t t = 0; t < n; t++) {
        const char *s;
        size_t len;
        if (!ng_mfile_line(m->file, "types", t, &s, &len) || len == 0 || len >= NG_NER_TYPE_NAME)
            return ng_err(err, NG_EMODEL, "%s: bad entity type name %zu", name, t + 1);
        memcpy(m->types[t + 1], s, len);
        m->types[t + 1][len] = '\0';
    }
    m->ntypes = (unsigned)n;
    m->nclasses = 1 + 4 * m->ntypes;
    return NG_OK;
}

static int check(ng_ner *m, const char *name, ng_error *err)
{
    if (strcmp(ng_mfile_kind(m->file), "ner") != 0)
        return ng_err(err, NG_EMODEL, "%s: a '%s' model, not a NER model", name, ng_mfile_kind(m->file));
    char v[32];
    if (!ng_mfile_meta(m->file, "meta", "features", v, sizeof v) || atoi(v) != NER_FEATURES)
        return ng_err(err, NG_EMODEL, "%s: NER feature set %s, this build reads %d", name,
                      ng_mfile_meta(m->file, "meta", "features", v, sizeof v) ? v : "(none)", NER_FEATURES);
    int rc = load_types(m, name, err);
    if (rc != NG_OK)
        return rc;
    rc = ng_pmodel_load(m->file, "ner", &m->pm, err);
    if (rc == NG_OK && ng_pmodel_densify(&m->pm) != NG_OK)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    if (rc != NG_OK)
        return rc;
    if (m->pm.nclasses != m->nclasses)
        return ng_err(err, NG_EMODEL, "%s: %u classes for %u entity types", name, m->pm.nclasses, m->ntypes);
    m->two = ng_mfile_meta(m->file, "meta", "stages", v, sizeof v) && atoi(v) == 2;
    if (!m->two)
        return NG_OK;
    rc = ng_pmodel_load(m->file, "ner2", &m->pm2, err);
    if (rc == NG_OK && ng_pmodel_densify(&m->pm2) != NG_OK)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    if (rc == NG_OK && m->pm2.nclasses != m->nclasses)
        return ng_err(err, NG_EMODEL, "%s: stage 2 has %u classes for %u entity types", name, m->pm2.nclasses,
                      m->ntypes);
    return rc;
}

static int finish_load(ng_mfile *f, const char *name, const ng_ner_res *res, ng_ner **out, ng_error *err)
{
    ng_ner *m = ng_calloc(1, sizeof *m);
    if (!m) {
        ng_mfile_close(f);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    m->file = f;
    m->res = res;
    int rc = check(m, name, err);
    if (rc != NG_OK) {
        ng_ner_free(m);
        return rc;
    }
    *out = m;
    return NG_OK;
}

int ng_ner_load(const char *path, const ng_ner_res *res, ng_ner **out, ng_error *err)
{
    ng_mfile *f;
    *out = NULL;
    int rc = ng_mfile_open(path, &f, err);
    return rc != NG_OK ? rc : finish_load(f, path, res, out, err);
}

int ng_ner_load_mem(const char *name, const void *data, size_t len, const ng_ner_res *res, ng_ner **out,
                    ng_error *err)
{
    ng_mfile *f;
    *out = NULL;
    int rc = ng_mfile_open_mem(name, data, len, &f, err);
    return rc != NG_OK ? rc : finish_load(f, name, res, out, err);
}

void ng_ner_free(ng_ner *m)
{
    if (!m)
        return;
    ng_pmodel_free(&m->pm);
    ng_pmodel_free(&m->pm2);
    ng_mfile_close(m->file);
    ng_free(m, sizeof *m);
}

unsigned ng_ner_ntypes(const ng_ner *m) { return m->ntypes; }
const ng_mfile *ng_ner_file(const ng_ner *m) { return m->file; }
size_t ng_ner_nfeatures(const ng_ner *m) { return m->pm.nfeatures; }

const char *ng_ner_type_name(const ng_ner *m, unsigned t)
{
    return t <= m->ntypes ? m->types[t] : "?";
}

void ng_ner_work_free(ng_ner_work *w)
{
    ng_free(w->mem, w->bytes);
    memset(w, 0, sizeof *w);
}

/* Scratch layout: the prepared document, then features, scores and the
 * stage-1 classes. */
static size_t work_bytes(size_t nwords)
{
    return ner_doc_bytes(nwords) + NG_NER_MAX_FEATS * sizeof(uint64_t) + NG_NER_MAX_CLASSES * sizeof(int32_t) +
           nwords * sizeof(uint32_t);
}

static bool work_grow(ng_ner_work *w, size_t nwords)
{
    if (w->mem && w->cap >= nwords)
        return true;
    size_t cap = NG_MAX(nwords, w->cap * 2);
    cap = NG_MAX(cap, (size_t)256);
    void *mem = ng_malloc(work_bytes(cap));
    if (!mem)
        return false;
    ng_free(w->mem, w->bytes);
    w->mem = mem;
    w->cap = cap;
    w->bytes = work_bytes(cap);
    return true;
}

void ner_tag_sentence(const ng_ner *m, const ng_pmodel *pm, ner_doc *d, size_t s, uint32_t *cls, uint64_t *f,
                      int32_t *scores)
{
    size_t a = d->doc->sents[s].first, b = a + d->doc->sents[s].ntokens;
    uint32_t p1 = 0, p2 = 0;
    for (size_t i = a; i < b; i++) {
        size_t n = ner_features(d, i, p1, p2, f);
        ng_pmodel_score(pm, f, n, scores);
        uint32_t c = ner_best_i32(scores, m->nclasses, p1, i + 1 == b);
        cls[i] = c;
        ner_doc_record(d, i, c);
        p2 = p1;
        p1 = c;
    }
}

int ng_ner_tag(const ng_ner *m, const ng_doc *doc, ng_ner_work *w, uint32_t *cls)
{
    if (!work_grow(w, doc->ntokens))
        return NG_ENOMEM;
    ner_doc d;
    ner_doc_prepare(&d, doc, m->res, w->mem);
    uint64_t *f = (uint64_t *)((char *)w->mem + ner_doc_bytes(w->cap));
    int32_t *scores = (int32_t *)(f + NG_NER_MAX_FEATS);
    uint32_t *s1 = m->two ? (uint32_t *)(scores + NG_NER_MAX_CLASSES) : cls;
    for (size_t s = 0; s < doc->nsents; s++)
        ner_tag_sentence(m, &m->pm, &d, s, s1, f, scores);
    if (!m->two)
        return NG_OK;
    ner_doc_stage2(&d, s1);
    for (size_t s = 0; s < doc->nsents; s++)
        ner_tag_sentence(m, &m->pm2, &d, s, cls, f, scores);
    return NG_OK;
}
