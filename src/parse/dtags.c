/*
 * dtags.c - predicted POS tags for parser training and evaluation: tag a
 * treebank with a POS model, or by K-fold jackknifing (each fold tagged by
 * a tagger trained on the other folds), so the parser learns from tags as
 * noisy as the ones it will see.
 * Invariant: out arrays are indexed like the corpus words.
 */
#include "parse/dtags.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int dep_tag_corpus(const ng_pos *m, const ng_corpus *c, size_t s0, size_t s1, uint8_t *upos, uint16_t *xpos,
                   ng_error *err)
{
    ng_pos_work w = {0};
    uint32_t *cls = NULL;
    size_t cap = 0;
    int rc = NG_OK;
    for (size_t s = s0; s < s1 && rc == NG_OK; s++) {
        size_t first = c->sent_first[s], n = c->sent_first[s + 1] - first;
        ng_strv *forms = ng_malloc((n ? n : 1) * sizeof *forms);
        if (!forms || !NG_GROW(cls, cap, n + 1)) {
            ng_free(forms, (n ? n : 1) * sizeof *forms);
            rc = NG_ENOMEM;
            break;
        }
        for (size_t i = 0; i < n; i++)
            forms[i] = c->words[first + i].form;
        rc = ng_pos_tag_words(m, forms, n, &w, cls);
        for (size_t i = 0; rc == NG_OK && i < n; i++) {
            upos[first + i] = (uint8_t)ng_pos_class_upos(m, cls[i]);
            xpos[first + i] = (uint16_t)ng_pos_class_xpos(m, cls[i]);
        }
        ng_free(forms, (n ? n : 1) * sizeof *forms);
    }
    ng_free(cls, cap * sizeof *cls);
    ng_pos_work_free(&w);
    return rc == NG_OK ? NG_OK : ng_err(err, rc, "tagging: out of memory");
}

/* A corpus view of sentences [s0, s1) of c without sentences [h0, h1):
 * words copied (they point into c's text), no text of its own. */
static int view_without(const ng_corpus *c, size_t h0, size_t h1, ng_corpus *v)
{
    memset(v, 0, sizeof *v);
    size_t nw = c->nwords - (c->sent_first[h1] - c->sent_first[h0]);
    v->cap_words = nw + 1;
    v->cap_sents = c->nsents + 1;
    v->words = ng_malloc(v->cap_words * sizeof *v->words);
    v->sent_first = ng_malloc(v->cap_sents * sizeof *v->sent_first);
    if (!v->words || !v->sent_first)
        return NG_ENOMEM;
    v->sent_first[0] = 0;
    for (size_t s = 0; s < c->nsents; s++) {
        if (s >= h0 && s < h1)
            continue;
        size_t first = c->sent_first[s], n = c->sent_first[s + 1] - first;
        memcpy(v->words + v->nwords, c->words + first, n * sizeof *v->words);
        v->nwords += n;
        v->sent_first[++v->nsents] = (uint32_t)v->nwords;
    }
    return NG_OK;
}

static void view_free(ng_corpus *v)
{
    ng_free(v->words, v->cap_words * sizeof *v->words);
    ng_free(v->sent_first, v->cap_sents * sizeof *v->sent_first);
    memset(v, 0, sizeof *v);
}

/* Train a tagger on c without sentences [h0, h1) and tag those. */
static int one_fold(const ng_corpus *c, size_t h0, size_t h1, const ng_pos_train_opts *po, uint8_t *upos,
                    uint16_t *xpos, ng_error *err)
{
    char path[] = "/tmp/ngjackXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return ng_err(err, NG_EIO, "jackknife: cannot create a temporary file");
    close(fd);
    ng_corpus v;
    ng_pos *m = NULL;
    int rc = view_without(c, h0, h1, &v);
    if (rc != NG_OK)
        ng_err(err, rc, "jackknife: out of memory");
    if (rc == NG_OK)
        rc = ng_pos_train(&v, NULL, po, path, err);
    if (rc == NG_OK)
        rc = ng_pos_load(path, &m, err);
    if (rc == NG_OK)
        rc = dep_tag_corpus(m, c, h0, h1, upos, xpos, err);
    ng_pos_free(m);
    view_free(&v);
    unlink(path);
    return rc;
}

int dep_jackknife(const ng_corpus *c, int k, uint8_t *upos, uint16_t *xpos, ng_error *err)
{
    ng_pos_train_opts po;
    ng_pos_train_defaults(&po);
    po.train_name = "jackknife";
    int rc = NG_OK;
    for (int f = 0; f < k && rc == NG_OK; f++) {
        size_t h0 = c->nsents * (size_t)f / (size_t)k, h1 = c->nsents * (size_t)(f + 1) / (size_t)k;
        rc = one_fold(c, h0, h1, &po, upos, xpos, err);
    }
    return rc;
}

/* The number of comma-separated items of a list. */
static size_t count_items(const char *s)
{
    size_t k = 1;
    for (; *s; s++)
        k += *s == ',';
    return k;
}

int dep_tag_folds(const char *paths, const ng_corpus *c, uint8_t *upos, uint16_t *xpos, ng_error *err)
{
    size_t k = count_items(paths);
    const char *p = paths;
    int rc = NG_OK;
    for (size_t f = 0; f < k && rc == NG_OK; f++) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char path[4096];
        if (len == 0 || len >= sizeof path)
            return ng_err(err, NG_EARG, "fold models: bad list '%s'", paths);
        memcpy(path, p, len);
        path[len] = '\0';
        p += len + (comma != NULL);
        ng_pos *m = NULL;
        size_t h0 = c->nsents * f / k, h1 = c->nsents * (f + 1) / k;
        rc = ng_pos_load(path, &m, err);
        if (rc == NG_OK)
            rc = dep_tag_corpus(m, c, h0, h1, upos, xpos, err);
        ng_pos_free(m);
    }
    return rc;
}
