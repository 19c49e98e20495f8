/*
 * dfile.c - the parser's file-level entry points of the public header:
 * training from CoNLL-U files and evaluating a model on one.
 * Invariant: everything opened here is closed here, on every path.
 */
#include "parse/draw.h"
#include "parse/lemma.h"

#include <stdio.h>
#include <time.h>

/* The base name of path without directories. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Predicted tags for all of c: by the fold models when given, jackknifed
 * when k >= 2, else by model m. */
static int predicted_tags(const ng_pos *m, int k, const char *folds, const ng_corpus *c, uint8_t **upos,
                          uint16_t **xpos, ng_error *err)
{
    *upos = ng_malloc(c->nwords + 1);
    *xpos = ng_malloc((c->nwords + 1) * 2);
    if (!*upos || !*xpos)
        return ng_err(err, NG_ENOMEM, "tagging: out of memory");
    if (folds)
        return dep_tag_folds(folds, c, *upos, *xpos, err);
    return k >= 2 ? dep_jackknife(c, k, *upos, *xpos, err) : dep_tag_corpus(m, c, 0, c->nsents, *upos, *xpos, err);
}

static void free_tags(const ng_corpus *c, ng_dep_data *d)
{
    ng_free((void *)d->upos, c->nwords + 1);
    ng_free((void *)d->xpos, (c->nwords + 1) * 2);
}

/* Train on corpora already read: tag them when asked, then train. */
static int train_corpora(const ng_corpus *train, const ng_corpus *dev, const ng_dep_train_opts *o,
                         const char *model_path, ng_error *err)
{
    ng_dep_data td = {train, NULL, NULL}, dd = {dev, NULL, NULL};
    ng_pos *m = NULL;
    int rc = NG_OK;
    if (o->pos_model) {
        uint8_t *u = NULL;
        uint16_t *x = NULL;
        rc = ng_pos_load(o->pos_model, &m, err);
        if (rc == NG_OK)
            rc = predicted_tags(m, o->jackknife, o->fold_models, train, &u, &x, err);
        td.upos = u, td.xpos = x;
        if (rc == NG_OK && dev) {
            u = NULL, x = NULL;
            rc = predicted_tags(m, 0, NULL, dev, &u, &x, err);
            dd.upos = u, dd.xpos = x;
        }
    }
    if (rc == NG_OK)
        rc = ng_dep_train(&td, dev ? &dd : NULL, o, model_path, err);
    if (o->pos_model) {
        free_tags(train, &td);
        if (dev)
            free_tags(dev, &dd);
    }
    ng_pos_free(m);
    return rc;
}

int ng_dep_train_file(const char *train_path, const char *dev_path, const ng_dep_train_opts *o,
                      const char *model_path, ng_error *err)
{
    ng_corpus train, dev;
    ng_dep_train_opts opts = *o;
    if (!opts.train_name)
        opts.train_name = base_name(train_path);
    int rc = ng_corpus_read(train_path, &train, err);
    if (rc != NG_OK)
        return rc;
    if (dev_path && (rc = ng_corpus_read(dev_path, &dev, err)) != NG_OK) {
        ng_corpus_free(&train);
        return rc;
    }
    rc = train_corpora(&train, dev_path ? &dev : NULL, &opts, model_path, err);
    ng_corpus_free(&train);
    if (dev_path)
        ng_corpus_free(&dev);
    return rc;
}

static double clock_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Default model path inside the shipped models directory. */
static const char *default_model(const char *path, const char *file, char *buf, size_t size)
{
    if (path)
        return path;
    snprintf(buf, size, "%s/%s", ng_data_dir("models"), file);
    return buf;
}

/* The corpus's own tags as ids. */
static int gold_tags(const ng_corpus *c, uint8_t **upos, uint16_t **xpos, ng_error *err)
{
    *upos = ng_malloc(c->nwords + 1);
    *xpos = ng_malloc((c->nwords + 1) * 2);
    if (!*upos || !*xpos)
        return ng_err(err, NG_ENOMEM, "tagging: out of memory");
    for (size_t i = 0; i < c->nwords; i++) {
        (*upos)[i] = (uint8_t)dep_strv_upos(c->words[i].upos);
        (*xpos)[i] = (uint16_t)dep_strv_xpos(c->words[i].xpos);
    }
    return NG_OK;
}

/* Count words whose predicted UPOS matches the corpus's. */
static size_t upos_matches(const ng_corpus *c, const uint8_t *upos)
{
    size_t k = 0;
    for (size_t i = 0; i < c->nwords; i++)
        k += upos[i] == dep_strv_upos(c->words[i].upos);
    return k;
}

/* Lemma accuracy with the tags of d, when the lists in dir load. */
static void count_lemmas(const char *dir, const ng_dep_data *d, ng_dep_counts *out)
{
    ng_lemmatizer *lz;
    if (ng_lemmatizer_load(dir ? dir : ng_data_dir("lexicons"), &lz, NULL) != NG_OK)
        return;
    uint8_t *u = d->upos ? NULL : ng_malloc(d->c->nwords + 1);
    uint16_t *x = d->xpos ? NULL : ng_malloc((d->c->nwords + 1) * 2);
    for (size_t i = 0; i < d->c->nwords; i++) {
        if (u)
            u[i] = (uint8_t)dep_strv_upos(d->c->words[i].upos);
        if (x)
            x[i] = (uint16_t)dep_strv_xpos(d->c->words[i].xpos);
    }
    if ((d->upos || u) && (d->xpos || x))
        ng_lemma_count(lz, d->c, 0, d->c->nwords, d->upos ? d->upos : u, d->xpos ? d->xpos : x, &out->lemma_ok);
    ng_free(u, d->c->nwords + 1);
    ng_free(x, (d->c->nwords + 1) * 2);
    ng_lemmatizer_free(lz);
}

/* Evaluate on gold words, with the file's tags or predicted ones. */
static int eval_words(const ng_parser *p, const char *pos_path, const char *lex_dir, const ng_corpus *c,
                      ng_dep_input input, ng_dep_counts *out, ng_error *err)
{
    ng_dep_data d = {c, NULL, NULL};
    ng_pos *m = NULL;
    int rc = NG_OK;
    uint8_t *u = NULL;
    uint16_t *x = NULL;
    if (input == NG_DEP_PREDICTED_TAGS) {
        rc = ng_pos_load(pos_path, &m, err);
        if (rc == NG_OK)
            rc = predicted_tags(m, 0, NULL, c, &u, &x, err);
        if (rc == NG_OK)
            out->upos_ok = upos_matches(c, u);
    } else {
        rc = gold_tags(c, &u, &x, err); /* converted before the clock starts */
    }
    d.upos = u, d.xpos = x;
    if (rc == NG_OK) {
        double t0 = clock_of(CLOCK_MONOTONIC), c0 = clock_of(CLOCK_THREAD_CPUTIME_ID);
        rc = ng_dep_eval(p, &d, out, err);
        out->seconds = clock_of(CLOCK_MONOTONIC) - t0;
        out->cpu_seconds = clock_of(CLOCK_THREAD_CPUTIME_ID) - c0;
        out->sys_words = out->aligned = out->words;
        count_lemmas(lex_dir, &d, out);
    }
    free_tags(c, &d);
    ng_pos_free(m);
    return rc;
}

/* Evaluate from the raw text of c with the POS model and lemma lists. */
static int eval_raw(const ng_parser *p, const char *pos_path, const char *lex_dir, const ng_corpus *c,
                    ng_dep_counts *out, ng_error *err)
{
    ng_pos *m = NULL;
    ng_lemmatizer *lz = NULL;
    int rc = ng_pos_load(pos_path, &m, err);
    if (rc == NG_OK && ng_lemmatizer_load(lex_dir ? lex_dir : ng_data_dir("lexicons"), &lz, NULL) != NG_OK)
        lz = NULL;
    if (rc == NG_OK) {
        raw_models rm = {p, m, lz};
        double t0 = clock_of(CLOCK_MONOTONIC), c0 = clock_of(CLOCK_THREAD_CPUTIME_ID);
        rc = dep_eval_raw(&rm, c, out, err);
        out->seconds = clock_of(CLOCK_MONOTONIC) - t0; /* the whole pipeline here */
        out->cpu_seconds = clock_of(CLOCK_THREAD_CPUTIME_ID) - c0;
    }
    ng_lemmatizer_free(lz);
    ng_pos_free(m);
    return rc;
}

int ng_dep_eval_file(const char *model_path, const char *pos_model_path, const char *lexicon_dir,
                     const char *conllu_path, ng_dep_input input, ng_dep_counts *out, ng_error *err)
{
    char mbuf[4096], pbuf[4096];
    memset(out, 0, sizeof *out);
    ng_parser *p;
    int rc = ng_parser_load(default_model(model_path, "dep.model", mbuf, sizeof mbuf), &p, err);
    if (rc != NG_OK)
        return rc;
    ng_corpus c;
    rc = ng_corpus_read(conllu_path, &c, err);
    const char *pos_path = default_model(pos_model_path, "pos.model", pbuf, sizeof pbuf);
    if (rc == NG_OK) {
        rc = input == NG_DEP_RAW ? eval_raw(p, pos_path, lexicon_dir, &c, out, err)
                                 : eval_words(p, pos_path, lexicon_dir, &c, input, out, err);
        ng_corpus_free(&c);
    }
    ng_parser_free(p);
    return rc;
}

/* Write sentence [first, first + n) of c with tags u / x and the parse
 * head / rel (0-based heads, -1 = root) as CoNLL-U. */
static void write_sentence(FILE *fp, const ng_corpus *c, size_t first, size_t n, const uint8_t *u,
                           const uint16_t *x, const int32_t *head, const uint8_t *rel)
{
    for (size_t i = 0; i < n; i++) {
        const ng_cword *w = &c->words[first + i];
        fprintf(fp, "%zu\t%.*s\t%.*s\t%s\t%s\t_\t%d\t%s\t_\t_\n", i + 1, (int)w->form.n, w->form.s,
                (int)w->lemma.n, w->lemma.s, ng_upos_name(u[first + i]), ng_xpos_name(x[first + i]),
                head[i] + 1, ng_deprel_name(rel[i]));
    }
    fputc('\n', fp);
}

/* Parse every sentence of c with tags u / x into fp. */
static int write_parses(const ng_parser *p, const ng_corpus *c, const uint8_t *u, const uint16_t *x, FILE *fp)
{
    ng_parse_work w = {0};
    size_t cap = 1;
    for (size_t s = 0; s < c->nsents; s++)
        cap = NG_MAX(cap, (size_t)(c->sent_first[s + 1] - c->sent_first[s]));
    ng_strv *forms = ng_malloc(cap * sizeof *forms);
    int32_t *head = ng_malloc(cap * 4);
    uint8_t *rel = ng_malloc(cap);
    int rc = forms && head && rel ? NG_OK : NG_ENOMEM;
    for (size_t s = 0; s < c->nsents && rc == NG_OK; s++) {
        size_t first = c->sent_first[s], n = c->sent_first[s + 1] - first;
        for (size_t i = 0; i < n; i++)
            forms[i] = c->words[first + i].form;
        rc = ng_parse_words(p, forms, u + first, x + first, n, &w, head, rel);
        if (rc == NG_OK)
            write_sentence(fp, c, first, n, u, x, head, rel);
    }
    ng_free(forms, cap * sizeof *forms);
    ng_free(head, cap * 4);
    ng_free(rel, cap);
    ng_parse_work_free(&w);
    return rc;
}

/* Tags of c: the file's or predicted by the POS model at pos_path. */
static int corpus_tags(const char *pos_path, const ng_corpus *c, bool gold, uint8_t **u, uint16_t **x,
                       ng_error *err)
{
    if (gold)
        return gold_tags(c, u, x, err);
    ng_pos *m = NULL;
    int rc = ng_pos_load(pos_path, &m, err);
    if (rc == NG_OK)
        rc = predicted_tags(m, 0, NULL, c, u, x, err);
    ng_pos_free(m);
    return rc;
}

int ng_dep_write_file(const char *model_path, const char *pos_model_path, const char *conllu_path, int gold_tags,
                      const char *out_path, ng_error *err)
{
    char mbuf[4096], pbuf[4096];
    ng_parser *p;
    int rc = ng_parser_load(default_model(model_path, "dep.model", mbuf, sizeof mbuf), &p, err);
    if (rc != NG_OK)
        return rc;
    ng_corpus c;
    rc = ng_corpus_read(conllu_path, &c, err);
    if (rc != NG_OK) {
        ng_parser_free(p);
        return rc;
    }
    ng_dep_data d = {&c, NULL, NULL};
    uint8_t *u = NULL;
    uint16_t *x = NULL;
    rc = corpus_tags(default_model(pos_model_path, "pos.model", pbuf, sizeof pbuf), &c, gold_tags, &u, &x, err);
    d.upos = u, d.xpos = x;
    FILE *fp = rc == NG_OK ? fopen(out_path, "w") : NULL;
    if (rc == NG_OK && !fp)
        rc = ng_err(err, NG_EIO, "%s: cannot create", out_path);
    if (rc == NG_OK && (rc = write_parses(p, &c, u, x, fp)) != NG_OK)
        ng_err(err, rc, "%s: out of memory", conllu_path);
    if (fp && fclose(fp) != 0 && rc == NG_OK)
        rc = ng_err(err, NG_EIO, "%s: write error", out_path);
    free_tags(&c, &d);
    ng_corpus_free(&c);
    ng_parser_free(p);
    return rc;
}
