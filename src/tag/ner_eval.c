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

/* Scratch for one document: rebased sentence starts and label arrays. */
typedef struct eval_buf {
    uint32_t *first, *cls;
    uint8_t *piob, *ptype;
    size_t cap_first, cap_words;
} eval_buf;

static void eval_buf_free(eval_buf *b)
{
    ng_free(b->first, b->cap_first * sizeof *b->first);
    ng_free(b->cls, b->cap_words * sizeof *b->cls);
    ng_free(b->piob, b->cap_words);
    ng_free(b->ptype, b->cap_words);
}

static bool eval_buf_grow(eval_buf *b, size_t nsents, size_t nwords)
{
    if (!NG_GROW(b->first, b->cap_first, nsents + 1))
        return false;
    if (nwords <= b->cap_words)
        return true;
    size_t cap = NG_MAX(nwords, 2 * b->cap_words);
    uint32_t *cls = ng_malloc(cap * sizeof *cls);
    uint8_t *piob = ng_malloc(cap), *ptype = ng_malloc(cap);
    if (!cls || !piob || !ptype) {
        ng_free(cls, cap * sizeof *cls);
        ng_free(piob, cap);
        ng_free(ptype, cap);
        return false;
    }
    eval_buf_free(&(eval_buf){.cls = b->cls, .piob = b->piob, .ptype = b->ptype, .cap_words = b->cap_words});
    b->cls = cls;
    b->piob = piob;
    b->ptype = ptype;
    b->cap_words = cap;
    return true;
}

/* Tag document d of c and count it; map[] takes model types to shared ids. */
static int eval_doc(const ng_ner *m, const ng_ner_corpus *c, size_t d, const uint8_t *map, const uint8_t *gmap,
                    eval_buf *b, ng_ner_work *w, ng_ner_counts *out)
{
    size_t s0 = c->doc_first[d], s1 = c->doc_first[d + 1];
    size_t w0 = c->sent_first[s0], nw = c->sent_first[s1] - w0;
    if (!eval_buf_grow(b, s1 - s0, nw))
        return NG_ENOMEM;
    for (size_t s = s0; s <= s1; s++)
        b->first[s - s0] = c->sent_first[s] - (uint32_t)w0;
    ng_ner_input in = {c->words + w0, nw, b->first, s1 - s0};
    int rc = ng_ner_tag(m, &in, w, b->cls);
    if (rc != NG_OK)
        return rc;
    for (size_t s = 0; s < s1 - s0; s++) {
        size_t a = b->first[s], e = b->first[s + 1];
        ng_bilou_decode(b->cls + a, e - a, b->piob + a, b->ptype + a);
        for (size_t i = a; i < e; i++) {
            b->ptype[i] = map[b->ptype[i]];
            if (b->piob[i] != NG_IOB_O && b->ptype[i] == 0)
                b->piob[i] = NG_IOB_O; /* a type that is not scored */
        }
        ng_iob_normalise(b->piob + a, b->ptype + a, e - a);
        uint8_t gtype[NG_NER_MAX_SENT_WORDS];
        for (size_t i = a; i < e && i - a < NG_NER_MAX_SENT_WORDS; i++)
            gtype[i - a] = gmap[c->type[w0 + i]];
        ng_ner_count(out, c->iob + w0 + a, gtype, b->piob + a, b->ptype + a, NG_MIN(e - a, (size_t)NG_NER_MAX_SENT_WORDS));
    }
    return NG_OK;
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
    double t0 = ng_clock();
    for (size_t d = 0; d < c->ndocs && rc == NG_OK; d++)
        rc = eval_doc(m, c, d, map, gmap, &b, &w, out);
    out->seconds += ng_clock() - t0;
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
