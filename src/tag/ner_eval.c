/*
 * ner_eval.c - tagging a gold corpus document by document and scoring it
 * against the gold labels with conlleval's semantics.  Model types are
 * matched to the corpus's types by name in one shared index space.
 */
#include "tag/ner_feat.h"

#include <stdio.h>
#include <time.h>

static double ng_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Index of name in names[1..*n], added when absent (0 when full). */
static unsigned name_index(char names[][NG_NER_TYPE_NAME], unsigned *n, const char *name)
{
    for (unsigned t = 1; t <= *n; t++)
        if (strcmp(names[t], name) == 0)
            return t;
    if (*n >= NG_NER_MAX_TYPES)
        return 0;
    snprintf(names[++*n], NG_NER_TYPE_NAME, "%s", name);
    return *n;
}

/* Scratch for one document's labels. */
typedef struct eval_buf {
    uint32_t *cls;
    uint8_t *piob, *ptype;
    size_t cap;
} eval_buf;

static void eval_buf_free(eval_buf *b)
{
    ng_free(b->cls, b->cap * sizeof *b->cls);
    ng_free(b->piob, b->cap);
    ng_free(b->ptype, b->cap);
    memset(b, 0, sizeof *b);
}

static bool eval_buf_grow(eval_buf *b, size_t nwords)
{
    if (nwords <= b->cap && b->cls)
        return true;
    size_t cap = NG_MAX(nwords, 2 * b->cap);
    eval_buf_free(b);
    b->cls = ng_malloc(cap * sizeof *b->cls);
    b->piob = ng_malloc(cap);
    b->ptype = ng_malloc(cap);
    b->cap = cap;
    if (b->cls && b->piob && b->ptype)
        return true;
    eval_buf_free(b);
    return false;
}

/* Count sentence [a, e) of doc (corpus words w0 + a ...). */
static void count_sentence(const ng_ner_corpus *c, size_t w0, size_t a, size_t e, const uint8_t *map,
                           const uint8_t *gmap, eval_buf *b, ng_ner_counts *out)
{
    ng_bilou_decode(b->cls + a, e - a, b->piob + a, b->ptype + a);
    for (size_t i = a; i < e; i++) {
        b->ptype[i] = map[b->ptype[i]];
        if (b->piob[i] != NG_IOB_O && b->ptype[i] == 0)
            b->piob[i] = NG_IOB_O; /* a type that is not scored */
    }
    ng_iob_normalise(b->piob + a, b->ptype + a, e - a);
    uint8_t gtype[NG_NER_MAX_SENT_WORDS];
    size_t n = NG_MIN(e - a, (size_t)NG_NER_MAX_SENT_WORDS);
    for (size_t i = 0; i < n; i++)
        gtype[i] = gmap[c->type[w0 + a + i]];
    ng_ner_count(out, c->iob + w0 + a, gtype, b->piob + a, b->ptype + a, n);
}

/* Tag document d of c and count it; map[] takes model types to shared ids,
 * gmap[] the corpus's. */
static int eval_doc(const ng_ner *m, const ng_ner_corpus *c, size_t d, const uint8_t *map, const uint8_t *gmap,
                    eval_buf *b, ng_ner_work *w, ng_ner_counts *out, double *secs)
{
    ng_doc *doc;
    if (ng_ner_corpus_doc(c, d, &doc) != NG_OK)
        return NG_ENOMEM;
    size_t w0 = c->sent_first[c->doc_first[d]];
    int rc = eval_buf_grow(b, doc->ntokens) ? NG_OK : NG_ENOMEM;
    double t0 = ng_clock();
    if (rc == NG_OK)
        rc = ng_ner_tag(m, doc, w, b->cls);
    *secs += ng_clock() - t0;
    for (size_t s = 0; rc == NG_OK && s < doc->nsents; s++) {
        size_t a = doc->sents[s].first;
        count_sentence(c, w0, a, a + doc->sents[s].ntokens, map, gmap, b, out);
    }
    ng_doc_free(doc);
    return rc;
}

int ng_ner_eval(const ng_ner *m, const ng_ner_corpus *c, bool skip_absent, ng_ner_counts *out, ng_error *err)
{
    uint8_t map[NG_NER_MAX_TYPES + 1] = {0}, gmap[NG_NER_MAX_TYPES + 1] = {0};
    strcpy(out->names[0], "O");
    for (unsigned t = 1; t <= c->ntypes; t++)
        gmap[t] = (uint8_t)name_index(out->names, &out->ntypes, c->types[t]);
    for (unsigned t = 1; t <= m->ntypes; t++) {
        bool absent = ng_ner_corpus_type(c, m->types[t], strlen(m->types[t])) == 0;
        map[t] = skip_absent && absent ? 0 : (uint8_t)name_index(out->names, &out->ntypes, m->types[t]);
    }
    eval_buf b = {0};
    ng_ner_work w = {0};
    int rc = NG_OK;
    for (size_t d = 0; d < c->ndocs && rc == NG_OK; d++)
        rc = eval_doc(m, c, d, map, gmap, &b, &w, out, &out->seconds);
    eval_buf_free(&b);
    ng_ner_work_free(&w);
    return rc == NG_OK ? NG_OK : ng_err(err, rc, "NER evaluation: out of memory");
}

int ng_ner_eval_file(const char *model_path, const char *lexicon_dir, const char *test_path, int all_types,
                     ng_ner_counts *out, ng_error *err)
{
    char path[4096];
    if (!model_path) {
        snprintf(path, sizeof path, "%s/ner.model", ng_data_dir("models"));
        model_path = path;
    }
    memset(out, 0, sizeof *out);
    ng_ner_corpus corpus;
    ng_ner_res *res = NULL;
    ng_ner *m = NULL;
    int rc = ng_ner_corpus_read(test_path, NG_NER_FMT_AUTO, &corpus, err);
    if (rc == NG_OK)
        rc = ng_ner_res_load(lexicon_dir ? lexicon_dir : ng_data_dir("lexicons"), &res, err);
    if (rc == NG_OK)
        rc = ng_ner_load(model_path, res, &m, err);
    if (rc == NG_OK)
        rc = ng_ner_eval(m, &corpus, !all_types, out, err);
    ng_ner_free(m);
    ng_ner_res_free(res);
    ng_ner_corpus_free(&corpus);
    return rc;
}
