/*
 * pos_train.c - training the POS tagger: joint (XPOS, UPOS) classes from the
 * treebank, a tag dictionary of frequent unambiguous words, then epochs of
 * greedy perceptron training over shuffled sentences (the second pass learns
 * from the first pass's current guesses), an averaged model after each epoch
 * scored on dev, and the model file.
 * Invariant: nothing depends on addresses or time, so runs are reproducible.
 */
#include "tag/posfeat.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void ng_pos_train_defaults(ng_pos_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 12;
    o->seed = 1;
    o->passes = 2;
    o->min_weight = 0.0f;
    o->min_updates = 0;
    o->sure = 16;
    o->dict_min_count = 20;
    o->dict_min_ratio = 0.97;
}

/* What training works on. */
typedef struct trainer {
    const ng_corpus *train, *dev;
    const ng_pos_train_opts *o;
    ng_strtab labels;          /* "XPOS UPOS" -> provisional id */
    uint32_t *count;           /* [labels.n] occurrences */
    uint32_t *remap;           /* provisional id -> class (by frequency) */
    uint32_t *gold;            /* [train->nwords] class */
    ng_pos model;              /* the dictionary and labels; passes while evaluating */
    ng_ptrain *pt[2];
    ng_pos_work work;
    uint32_t *jk;              /* [train->nwords] held-out first-pass tags, or NULL */
    ng_strtab lexsets;         /* the lexicon's distinct tag sets */
    uint64_t feats[NG_POS_MAX_FEATS];
    double last_dev[2];        /* UPOS, XPOS of the last epoch, -1 without dev */
} trainer;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------- classes */

static int label_of(trainer *tr, const ng_cword *w, int64_t *id)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.*s %.*s", (int)w->xpos.n, w->xpos.s, (int)w->upos.n, w->upos.s);
    if (n <= 0 || n >= 24 || !w->xpos.n || !w->upos.n)
        return NG_EARG;
    *id = ng_strtab_intern(&tr->labels, buf, (size_t)n);
    return *id < 0 ? NG_ENOMEM : NG_OK;
}

typedef struct label_rank {
    uint32_t count, id;
    const char *name;
} label_rank;

static int cmp_labels(const void *a, const void *b)
{
    const label_rank *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Intern every word's label, then number classes by falling frequency. */
static int build_classes(trainer *tr, ng_error *err)
{
    const ng_corpus *c = tr->train;
    int64_t *prov = ng_malloc((c->nwords ? c->nwords : 1) * sizeof *prov);
    if (!prov)
        return ng_err(err, NG_ENOMEM, "training: out of memory");
    int rc = NG_OK;
    for (size_t i = 0; rc == NG_OK && i < c->nwords; i++)
        if ((rc = label_of(tr, &c->words[i], &prov[i])) == NG_EARG)
            rc = ng_err(err, NG_EARG, "training data: word %zu has no usable XPOS/UPOS", i + 1);
    uint32_t n = tr->labels.n;
    if (rc == NG_OK && (n == 0 || n > NG_POS_MAX_CLASSES))
        rc = ng_err(err, NG_EARG, "training data: %u tag classes (expected 1..%d)", n, NG_POS_MAX_CLASSES);
    if (rc == NG_OK) {
        tr->count = ng_calloc(n, sizeof *tr->count);
        tr->remap = ng_calloc(n, sizeof *tr->remap);
        label_rank *order = ng_calloc(n, sizeof *order);
        if (!tr->count || !tr->remap || !order)
            rc = ng_err(err, NG_ENOMEM, "training: out of memory");
        for (size_t i = 0; rc == NG_OK && i < c->nwords; i++)
            tr->count[prov[i]]++;
        for (uint32_t k = 0; rc == NG_OK && k < n; k++)
            order[k] = (label_rank){tr->count[k], k, tr->labels.strs[k]};
        if (rc == NG_OK)
            qsort(order, n, sizeof *order, cmp_labels);
        for (uint32_t k = 0; rc == NG_OK && k < n; k++) {
            tr->remap[order[k].id] = k;
            pos_set_label(&tr->model, k, order[k].name, tr->labels.lens[order[k].id]);
        }
        for (size_t i = 0; rc == NG_OK && i < c->nwords; i++)
            tr->gold[i] = tr->remap[prov[i]];
        ng_free(order, n * sizeof *order);
        tr->model.nclasses = n;
    }
    ng_free(prov, (c->nwords ? c->nwords : 1) * sizeof *prov);
    return rc;
}

/* ------------------------------------------------------- tag dictionary */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Insert (key, cls) into the dictionary table. */
static void dict_put(uint64_t *tab, uint32_t slots, uint64_t key, uint32_t cls)
{
    uint32_t i = (uint32_t)key & (slots - 1);
    while (tab[2 * (size_t)i] && tab[2 * (size_t)i] != key)
        i = (i + 1) & (slots - 1);
    tab[2 * (size_t)i] = key;
    tab[2 * (size_t)i + 1] = cls;
}

/* Words seen at least dict_min_count times, with one class at least
 * dict_min_ratio of the time.  pairs: sorted (word key, class) per word. */
static int build_dict(trainer *tr, ng_error *err)
{
    const ng_corpus *c = tr->train;
    size_t n = c->nwords;
    uint64_t *pairs = ng_malloc((n ? n : 1) * 2 * sizeof *pairs);
    if (!pairs)
        return ng_err(err, NG_ENOMEM, "training: out of memory");
    for (size_t i = 0; i < n; i++) {
        pairs[2 * i] = pos_dict_key(c->words[i].form.s, c->words[i].form.n);
        pairs[2 * i + 1] = tr->gold[i];
    }
    qsort(pairs, n, 2 * sizeof *pairs, cmp_u64); /* sorts by key; classes follow below */
    /* Within one key, count classes (the sort left them in any order). */
    uint32_t counts[NG_POS_MAX_CLASSES], nkeep = 0;
    uint64_t *keep = ng_malloc((n ? n : 1) * 2 * sizeof *keep);
    if (!keep) {
        ng_free(pairs, (n ? n : 1) * 2 * sizeof *pairs);
        return ng_err(err, NG_ENOMEM, "training: out of memory");
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        memset(counts, 0, sizeof counts);
        while (j < n && pairs[2 * j] == pairs[2 * i])
            counts[pairs[2 * j++ + 1]]++;
        uint32_t best = 0;
        for (uint32_t k = 1; k < tr->model.nclasses; k++)
            if (counts[k] > counts[best])
                best = k;
        if (j - i >= tr->o->dict_min_count && counts[best] >= tr->o->dict_min_ratio * (double)(j - i)) {
            keep[2 * nkeep] = pairs[2 * i];
            keep[2 * nkeep++ + 1] = best;
        }
        i = j;
    }
    uint32_t slots = 16;
    while (slots < 2 * nkeep + 1)
        slots *= 2;
    uint64_t *tab = ng_calloc((size_t)slots * 2, sizeof *tab);
    for (uint32_t k = 0; tab && k < nkeep; k++)
        dict_put(tab, slots, keep[2 * k], (uint32_t)keep[2 * k + 1]);
    ng_free(keep, (n ? n : 1) * 2 * sizeof *keep);
    ng_free(pairs, (n ? n : 1) * 2 * sizeof *pairs);
    if (!tab)
        return ng_err(err, NG_ENOMEM, "training: out of memory");
    tr->model.dict = tab;
    tr->model.dict_slots = slots;
    return NG_OK;
}

/* --------------------------------------------------------------- lexicon */

#define MAX_LEXICON 2000000 /* entries */

/* Insert (h, cls) unless h is there already. */
static void lex_put(uint64_t *tab, uint32_t slots, uint64_t h, uint32_t cls)
{
    uint32_t i = (uint32_t)(((h >> 32) * (uint64_t)slots) >> 32);
    while (tab[i]) {
        if ((tab[i] & POS_LEX_CHECK) == (h & POS_LEX_CHECK))
            return;
        i = i + 1 == slots ? 0 : i + 1;
    }
    tab[i] = (h & POS_LEX_CHECK) | cls;
}

/* Read "word TAB tags" lines: hashes into *ph, classes (tag sets interned
 * in tr->lexsets) into *pc. */
static int lex_read(trainer *tr, const char *path, uint64_t **ph, uint32_t **pc, size_t *pn, ng_error *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ng_err(err, NG_ENOTFOUND, "%s: cannot open lexicon", path);
    char *line = NULL;
    size_t cap = 0, n = 0, hcap = 0, ccap = 0, lineno = 0;
    ssize_t len;
    int rc = NG_OK;
    while (rc == NG_OK && (len = getline(&line, &cap, fp)) > 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        char *tab = strchr(line, '\t');
        if (len == 0 || line[0] == '#')
            continue;
        if (!tab || tab == line || !tab[1] || n >= MAX_LEXICON) {
            rc = ng_err(err, NG_EFORMAT, "%s:%zu: expected 'word TAB tags'", path, lineno);
            break;
        }
        int64_t c = ng_strtab_intern(&tr->lexsets, tab + 1, strlen(tab + 1));
        if (c < 0 || c >= 0xfff0 || !NG_GROW(*ph, hcap, n + 1) || !NG_GROW(*pc, ccap, n + 1)) {
            rc = ng_err(err, c >= 0xfff0 ? NG_ETOOBIG : NG_ENOMEM, "%s: %s", path,
                        c >= 0xfff0 ? "too many distinct tag sets" : "out of memory");
            break;
        }
        (*ph)[n] = pos_lex_hash(line, (size_t)(tab - line));
        (*pc)[n++] = (uint32_t)c + 1;
    }
    free(line);
    fclose(fp);
    *pn = n;
    return rc;
}

static int build_lexicon(trainer *tr, ng_error *err)
{
    uint64_t *h = NULL;
    uint32_t *c = NULL;
    size_t n = 0;
    int rc = lex_read(tr, tr->o->lexicon, &h, &c, &n, err);
    if (rc == NG_OK && n) {
        uint32_t slots = (uint32_t)(n + n / 5 + 1);
        uint64_t *tab = ng_calloc(slots, sizeof *tab);
        if (!tab)
            rc = ng_err(err, NG_ENOMEM, "%s: out of memory", tr->o->lexicon);
        for (size_t i = 0; tab && i < n; i++)
            lex_put(tab, slots, h[i], c[i]);
        tr->model.lex = tab;
        tr->model.lex_slots = tab ? slots : 0;
        tr->model.lex_classes = tr->lexsets.n;
    }
    ng_free(h, 0);
    ng_free(c, 0);
    return rc;
}

/* -------------------------------------------------------------- clusters */

#define MAX_CLUSTER_WORDS 2000000
#define MAX_CLUSTERS 0xfff0

/* One word of the clusters file. */
typedef struct clu_word {
    uint64_t h, lh;       /* hash of the word, of its ASCII lower case (0: the same) */
    uint64_t count;
    uint32_t id, line;
} clu_word;

static int cmp_clu_count(const void *a, const void *b)
{
    const clu_word *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* A bit string as a marker 1 bit followed by its bits (cut at
 * POS_CLU_MAX_BITS); 0 when s is not a string of 0s and 1s. */
static uint64_t clu_bits(const char *s, size_t n)
{
    uint64_t v = 1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '0' && s[i] != '1')
            return 0;
        if (i < POS_CLU_MAX_BITS)
            v = v << 1 | (uint64_t)(s[i] - '0');
    }
    return v;
}

/* Parse one "bits TAB word TAB count" line into *w (paths interned in
 * paths); false when malformed. */
static bool clu_line(char *line, clu_word *w, ng_strtab *paths)
{
    char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t1 || !t2 || t1 == line || t2 == t1 + 1 || !clu_bits(line, (size_t)(t1 - line)))
        return false;
    int64_t id = ng_strtab_intern(paths, line, (size_t)(t1 - line));
    if (id < 0 || id >= MAX_CLUSTERS)
        return false;
    const char *word = t1 + 1;
    size_t n = (size_t)(t2 - word);
    char low[256];
    bool upper = false;
    for (size_t i = 0; i < n && i < sizeof low; i++) {
        unsigned char ch = (unsigned char)word[i];
        upper |= ch >= 'A' && ch <= 'Z';
        low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    w->h = pos_lex_hash(word, n);
    w->lh = upper && n <= sizeof low ? pos_lex_hash(low, n) : 0;
    w->count = strtoull(t2 + 1, NULL, 10);
    w->id = (uint32_t)id;
    return true;
}

static int clu_read(const char *path, clu_word **pw, size_t *pn, ng_strtab *paths, ng_error *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ng_err(err, NG_ENOTFOUND, "%s: cannot open the clusters file", path);
    char *line = NULL;
    size_t cap = 0, n = 0, wcap = 0, lineno = 0;
    ssize_t len;
    int rc = NG_OK;
    while (rc == NG_OK && (len = getline(&line, &cap, fp)) > 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        if (n >= MAX_CLUSTER_WORDS || !NG_GROW(*pw, wcap, n + 1)) {
            rc = ng_err(err, n >= MAX_CLUSTER_WORDS ? NG_ETOOBIG : NG_ENOMEM, "%s: %s", path,
                        n >= MAX_CLUSTER_WORDS ? "too many words" : "out of memory");
            break;
        }
        if (!clu_line(line, &(*pw)[n], paths)) {
            rc = ng_err(err, NG_EFORMAT, "%s:%zu: expected 'bits TAB word TAB count'", path, lineno);
            break;
        }
        (*pw)[n].line = (uint32_t)n;
        n++;
    }
    free(line);
    fclose(fp);
    *pn = n;
    if (rc == NG_OK && n == 0)
        rc = ng_err(err, NG_EFORMAT, "%s: no clusters", path);
    return rc;
}

/* The word -> cluster table: every word as written; then, most frequent
 * first, the lower case of capitalised words whose lower case is not a word
 * of its own (so "OBAMA" finds "Obama"). */
static int build_clusters(trainer *tr, ng_error *err)
{
    clu_word *w = NULL;
    size_t n = 0;
    ng_strtab paths;
    ng_strtab_init(&paths);
    int rc = clu_read(tr->o->clusters, &w, &n, &paths, err);
    uint32_t slots = (uint32_t)(2 * n + n / 3 + 1);
    uint64_t *tab = rc == NG_OK ? ng_calloc(slots, sizeof *tab) : NULL;
    uint64_t *pv = rc == NG_OK ? ng_calloc(paths.n, sizeof *pv) : NULL;
    if (rc == NG_OK && (!tab || !pv))
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", tr->o->clusters);
    if (rc == NG_OK) {
        for (size_t i = 0; i < n; i++)
            lex_put(tab, slots, w[i].h, w[i].id + 1);
        qsort(w, n, sizeof *w, cmp_clu_count);
        for (size_t i = 0; i < n; i++)
            if (w[i].lh)
                lex_put(tab, slots, w[i].lh, w[i].id + 1);
        for (uint32_t k = 0; k < paths.n; k++)
            pv[k] = clu_bits(paths.strs[k], paths.lens[k]);
        tr->model.clu = tab;
        tr->model.clu_slots = slots;
        tr->model.clpath = pv;
        tr->model.nclusters = paths.n;
        tab = pv = NULL;
    }
    ng_free(tab, (size_t)slots * sizeof *tab);
    ng_free(pv, (size_t)paths.n * sizeof *pv);
    ng_free(w, 0);
    ng_strtab_free(&paths);
    return rc;
}

/* --------------------------------------------------------------- epochs */

/* The first pass's class map and class count (coarse: UPOS ids). */
#define MAP1(tr) ((tr)->model.coarse ? (tr)->model.upos : NULL)
#define NCLASSES1(tr) ((tr)->model.coarse ? (uint32_t)NG_NUPOS : (tr)->model.nclasses)

/* Train one pass on one sentence; t: this pass's tags, r: first-pass tags. */
static int train_pass(trainer *tr, ng_ptrain *pt, const pos_atoms *a, const int32_t *dict, const uint8_t *map,
                      const uint32_t *gold, size_t n, uint32_t *t, const uint32_t *r, size_t *correct)
{
    float scores[NG_POS_MAX_CLASSES];
    for (int k = 1; k <= POS_PAD; k++)
        t[-k] = POS_TAG_START;
    for (size_t i = 0; i < n; i++) {
        uint32_t g = map ? map[gold[i]] : gold[i];
        if (dict[i] >= 0) {
            t[i] = map ? map[dict[i]] : (uint32_t)dict[i];
            *correct += t[i] == g;
            continue;
        }
        size_t nf = pos_features(a + i, t + i, r ? r + i : NULL, tr->feats);
        ng_ptrain_score(pt, tr->feats, nf, scores);
        uint32_t guess = ng_argmax_f(scores, ng_ptrain_nclasses(pt));
        int rc = ng_ptrain_update(pt, tr->feats, nf, g, guess);
        if (rc != NG_OK)
            return rc;
        t[i] = guess;
        *correct += guess == g;
    }
    for (size_t k = 0; k < POS_PAD; k++)
        t[n + k] = POS_TAG_END;
    return NG_OK;
}

/* Form of word i of an ng_cword array (for pos_sentence_atoms). */
static const char *cword_form(const void *ud, size_t i, size_t *len)
{
    const ng_cword *w = (const ng_cword *)ud + i;
    *len = w->form.n;
    return w->form.s;
}

/* Atoms and dictionary classes of sentence s into the work memory. */
static int prepare(trainer *tr, size_t s, pos_atoms **pa, int32_t **pdict, uint32_t **pt1, uint32_t **pt2)
{
    const ng_corpus *c = tr->train;
    size_t first = c->sent_first[s], n = c->sent_first[s + 1] - first;
    size_t pad = n + 2 * POS_PAD;
    size_t bytes = pad * sizeof(pos_atoms) + 2 * pad * sizeof(uint32_t) + n * sizeof(int32_t);
    if (bytes > tr->work.bytes) {
        void *mem = ng_malloc(bytes * 2);
        if (!mem)
            return NG_ENOMEM;
        ng_pos_work_free(&tr->work);
        tr->work.mem = mem;
        tr->work.bytes = bytes * 2;
    }
    pos_atoms *a = (pos_atoms *)tr->work.mem + POS_PAD;
    uint32_t *t1 = (uint32_t *)(a + n + POS_PAD) + POS_PAD, *t2 = t1 + pad;
    int32_t *dict = (int32_t *)(t2 + n + POS_PAD);
    pos_sentence_atoms(&tr->model, cword_form, c->words + first, n, a, dict);
    *pa = a;
    *pdict = dict;
    *pt1 = t1;
    *pt2 = t2;
    return NG_OK;
}

static int train_sentence(trainer *tr, size_t s, size_t *correct)
{
    pos_atoms *a;
    int32_t *dict;
    uint32_t *t1, *t2;
    int rc = prepare(tr, s, &a, &dict, &t1, &t2);
    size_t first = tr->train->sent_first[s], n = tr->train->sent_first[s + 1] - first;
    size_t c1 = 0;
    if (rc == NG_OK)
        rc = train_pass(tr, tr->pt[0], a, dict, MAP1(tr), tr->gold + first, n, t1, NULL,
                        tr->o->passes == 2 ? &c1 : correct);
    if (rc == NG_OK && tr->jk)
        memcpy(t1, tr->jk + first, n * sizeof *t1); /* pass 2 learns from held-out tags */
    if (rc == NG_OK && tr->o->passes == 2)
        rc = train_pass(tr, tr->pt[1], a, dict, NULL, tr->gold + first, n, t2, t1, correct);
    return rc;
}

/* First-pass tags for the sentences of fold k (s % folds == k) from a model
 * trained on the other folds, into tr->jk. */
static int jackknife_fold(trainer *tr, uint32_t k, uint32_t *order, ng_rng *rng)
{
    const ng_corpus *c = tr->train;
    uint32_t folds = (uint32_t)tr->o->folds, n = 0;
    ng_ptrain *pt = ng_ptrain_new(NCLASSES1(tr));
    if (!pt)
        return NG_ENOMEM;
    for (uint32_t s = 0; s < c->nsents; s++)
        if (s % folds != k)
            order[n++] = s;
    int rc = NG_OK;
    for (int e = 0; rc == NG_OK && e < tr->o->epochs; e++) {
        ng_shuffle_u32(rng, order, n);
        for (uint32_t i = 0; rc == NG_OK && i < n; i++) {
            pos_atoms *a;
            int32_t *dict;
            uint32_t *t1, *t2;
            size_t first = c->sent_first[order[i]], correct = 0;
            if ((rc = prepare(tr, order[i], &a, &dict, &t1, &t2)) == NG_OK)
                rc = train_pass(tr, pt, a, dict, MAP1(tr), tr->gold + first, c->sent_first[order[i] + 1] - first, t1, NULL,
                                &correct);
        }
    }
    ng_pmodel pm;
    if (rc == NG_OK)
        rc = ng_ptrain_finalize(pt, &(ng_prune){tr->o->min_weight, tr->o->min_updates}, &pm);
    for (uint32_t s = k; rc == NG_OK && s < c->nsents; s += folds) {
        pos_atoms *a;
        int32_t *dict;
        uint32_t *t1, *t2;
        size_t first = c->sent_first[s], len = c->sent_first[s + 1] - first;
        if ((rc = prepare(tr, s, &a, &dict, &t1, &t2)) == NG_OK) {
            pos_run_pass(&pm, a, dict, MAP1(tr), len, t1, NULL, 0);
            memcpy(tr->jk + first, t1, len * sizeof *t1);
        }
    }
    if (rc == NG_OK)
        ng_pmodel_free(&pm);
    ng_ptrain_free(pt);
    return rc;
}

static int jackknife(trainer *tr, ng_error *err)
{
    const ng_corpus *c = tr->train;
    tr->jk = ng_malloc(c->nwords * sizeof *tr->jk);
    uint32_t *order = ng_malloc(c->nsents * sizeof *order);
    int rc = tr->jk && order ? NG_OK : NG_ENOMEM;
    ng_rng rng;
    ng_rng_seed(&rng, tr->o->seed ^ UINT64_C(0x6a09e667f3bcc908));
    for (uint32_t k = 0; rc == NG_OK && k < (uint32_t)tr->o->folds; k++) {
        rc = jackknife_fold(tr, k, order, &rng);
        if (rc == NG_OK && tr->o->progress)
            tr->o->progress(tr->o->ud, NULL, k + 1, (size_t)tr->o->folds);
    }
    ng_free(order, c->nsents * sizeof *order);
    return rc == NG_OK ? NG_OK : ng_err(err, rc, "training: %s while jackknifing", rc == NG_ENOMEM ? "out of memory" : "too many features");
}

/* Average the trainers into tr->model's passes (replacing earlier ones). */
static int snapshot(trainer *tr)
{
    for (int p = 0; p < tr->o->passes; p++) {
        ng_pmodel_free(&tr->model.pass[p]);
        int rc = ng_ptrain_finalize(tr->pt[p], &(ng_prune){tr->o->min_weight, tr->o->min_updates}, &tr->model.pass[p]);
        if (rc != NG_OK)
            return rc;
    }
    tr->model.npasses = tr->o->passes;
    tr->model.sure_weight = tr->o->sure;
    tr->model.sure = tr->o->sure > 0 ? (int32_t)NG_MIN(tr->o->sure / (double)tr->model.pass[0].scale, 2e9) : 0;
    return NG_OK;
}

static int run_epoch(trainer *tr, int e, uint32_t *order, ng_rng *rng, ng_error *err)
{
    const ng_corpus *c = tr->train;
    double t0 = now();
    size_t correct = 0;
    ng_shuffle_u32(rng, order, c->nsents);
    for (size_t k = 0; k < c->nsents; k++) {
        int rc = train_sentence(tr, order[k], &correct);
        if (rc != NG_OK)
            return ng_err(err, rc, "training: %s", rc == NG_ENOMEM ? "out of memory" : "too many features");
        if (tr->o->progress && k % 500 == 499)
            tr->o->progress(tr->o->ud, NULL, k + 1, c->nsents);
    }
    if (snapshot(tr) != NG_OK)
        return ng_err(err, NG_ENOMEM, "training: out of memory");
    ng_pos_epoch ep = {e + 1, tr->o->epochs, c->nwords ? (double)correct / (double)c->nwords : 0, -1, -1,
                       tr->model.pass[tr->o->passes - 1].nfeatures, 0};
    if (tr->dev) {
        ng_pos_counts k = {0};
        if (ng_pos_eval(&tr->model, tr->dev, &k, err) != NG_OK)
            return NG_ENOMEM;
        ep.dev_upos = k.words ? (double)k.upos_ok / (double)k.words : 0;
        ep.dev_xpos = k.words ? (double)k.xpos_ok / (double)k.words : 0;
    }
    ep.seconds = now() - t0;
    if (tr->o->progress)
        tr->o->progress(tr->o->ud, &ep, c->nsents, c->nsents);
    tr->last_dev[0] = ep.dev_upos;
    tr->last_dev[1] = ep.dev_xpos;
    return NG_OK;
}

/* ---------------------------------------------------------------- saving */

static int save(trainer *tr, const char *path, ng_error *err)
{
    ng_mwriter *w = ng_mwriter_new("pos");
    ng_buf meta, labels;
    ng_buf_init(&meta);
    ng_buf_init(&labels);
    const ng_pos_train_opts *o = tr->o;
    size_t ndict = 0;
    for (uint32_t i = 0; i < tr->model.dict_slots; i++)
        ndict += tr->model.dict[2 * (size_t)i] != 0;
    ng_buf_printf(&meta, "features=%d\npasses=%d\nepochs=%d\nseed=%llu\nclasses=%u\ndict_words=%zu\n"
                  "dict_min_count=%u\ndict_min_ratio=%.4f\nmin_weight=%.4f\nmin_updates=%u\nfolds=%d\npass1=%s\nsure=%g\n",
                  POS_FEATURES, o->passes, o->epochs, (unsigned long long)o->seed, tr->model.nclasses, ndict,
                  o->dict_min_count, o->dict_min_ratio, (double)o->min_weight, o->min_updates, o->folds, tr->model.coarse ? "upos" : "joint", o->sure);
    ng_buf_printf(&meta, "train=%s\ntrain_sentences=%zu\ntrain_words=%zu\n", o->train_name ? o->train_name : "-",
                  tr->train->nsents, tr->train->nwords);
    if (o->lexicon) {
        const char *slash = strrchr(o->lexicon, '/');
        ng_buf_printf(&meta, "lexicon=%s\nlexicon_sets=%u\n", slash ? slash + 1 : o->lexicon, tr->lexsets.n);
    }
    if (o->clusters) {
        const char *slash = strrchr(o->clusters, '/');
        ng_buf_printf(&meta, "clusters=%s\nclusters_n=%u\n", slash ? slash + 1 : o->clusters, tr->model.nclusters);
    }
    if (tr->dev)
        ng_buf_printf(&meta, "dev_upos=%.4f\ndev_xpos=%.4f\n", tr->last_dev[0], tr->last_dev[1]);
    for (uint32_t c = 0; c < tr->model.nclasses; c++)
        ng_buf_printf(&labels, "%s\n", tr->model.label[c]);
    int rc = w && !meta.oom && !labels.oom ? NG_OK : NG_ENOMEM;
    if (rc == NG_OK)
        rc = ng_mwriter_add(w, "meta", meta.data, meta.len);
    if (rc == NG_OK)
        rc = ng_mwriter_add(w, "labels", labels.data, labels.len);
    ng_buf tmpl;
    ng_buf_init(&tmpl);
    for (size_t t = 1; t < pos_ntemplates; t++)
        if (pos_template_names[t])
            ng_buf_printf(&tmpl, "%zu %s\n", t, pos_template_names[t]);
    if (rc == NG_OK)
        rc = tmpl.oom ? NG_ENOMEM : ng_mwriter_add(w, "templates", tmpl.data, tmpl.len);
    ng_buf_free(&tmpl);
    if (rc == NG_OK)
        rc = ng_mwriter_add_u64s(w, "tagdict", tr->model.dict, (size_t)tr->model.dict_slots * 2);
    if (rc == NG_OK && tr->model.lex_slots) {
        ng_buf sets;
        ng_buf_init(&sets);
        for (uint32_t i = 0; i < tr->lexsets.n; i++)
            ng_buf_printf(&sets, "%s\n", tr->lexsets.strs[i]);
        rc = sets.oom ? NG_ENOMEM : ng_mwriter_add(w, "lexsets", sets.data, sets.len);
        ng_buf_free(&sets);
        if (rc == NG_OK)
            rc = ng_mwriter_add_u64s(w, "lexicon", tr->model.lex, tr->model.lex_slots);
    }
    if (rc == NG_OK && tr->model.clu_slots)
        rc = ng_mwriter_add_u64s(w, "clusters", tr->model.clu, tr->model.clu_slots);
    if (rc == NG_OK && tr->model.clu_slots)
        rc = ng_mwriter_add_u64s(w, "clpaths", tr->model.clpath, tr->model.nclusters);
    for (int p = 0; rc == NG_OK && p < o->passes; p++)
        rc = ng_pmodel_write(w, p ? "pass2" : "pass1", &tr->model.pass[p]);
    if (rc == NG_OK)
        rc = ng_mwriter_save(w, path, err);
    else
        ng_err(err, rc, "%s: cannot build the model: out of memory", path);
    ng_buf_free(&meta);
    ng_buf_free(&labels);
    ng_mwriter_free(w);
    return rc;
}

/* ----------------------------------------------------------------- driver */

static void trainer_free(trainer *tr)
{
    uint32_t n = tr->labels.n;
    ng_free(tr->count, n * sizeof *tr->count);
    ng_free(tr->remap, n * sizeof *tr->remap);
    ng_strtab_free(&tr->labels);
    ng_strtab_free(&tr->lexsets);
    ng_free((void *)tr->model.lex, (size_t)tr->model.lex_slots * sizeof *tr->model.lex);
    ng_free((void *)tr->model.clu, (size_t)tr->model.clu_slots * sizeof *tr->model.clu);
    ng_free((void *)tr->model.clpath, (size_t)tr->model.nclusters * sizeof *tr->model.clpath);
    ng_free(tr->gold, (tr->train->nwords ? tr->train->nwords : 1) * sizeof *tr->gold);
    for (int p = 0; p < 2; p++) {
        ng_ptrain_free(tr->pt[p]);
        ng_pmodel_free(&tr->model.pass[p]);
    }
    ng_free((void *)tr->model.dict, (size_t)tr->model.dict_slots * 16);
    ng_pos_work_free(&tr->work);
    if (tr->jk)
        ng_free(tr->jk, tr->train->nwords * sizeof *tr->jk);
}

static int train_setup(trainer *tr, ng_error *err)
{
    ng_strtab_init(&tr->labels);
    ng_strtab_init(&tr->lexsets);
    tr->gold = ng_malloc((tr->train->nwords ? tr->train->nwords : 1) * sizeof *tr->gold);
    if (!tr->gold)
        return ng_err(err, NG_ENOMEM, "training: out of memory");
    int rc = build_classes(tr, err);
    if (rc == NG_OK)
        rc = build_dict(tr, err);
    if (rc == NG_OK && tr->o->lexicon)
        rc = build_lexicon(tr, err);
    if (rc == NG_OK && tr->o->clusters)
        rc = build_clusters(tr, err);
    for (int p = 0; rc == NG_OK && p < tr->o->passes; p++)
        if (!(tr->pt[p] = ng_ptrain_new(p == 0 ? NCLASSES1(tr) : tr->model.nclasses)))
            rc = ng_err(err, NG_ENOMEM, "training: out of memory");
    if (rc == NG_OK && tr->o->passes == 2 && tr->o->folds >= 2)
        rc = jackknife(tr, err);
    return rc;
}

int ng_pos_train(const ng_corpus *train, const ng_corpus *dev, const ng_pos_train_opts *o, const char *path,
                 ng_error *err)
{
    if (!train->nsents || !train->nwords)
        return ng_err(err, NG_EARG, "training data holds no sentences");
    if (o->passes < 1 || o->passes > 2 || o->epochs < 1)
        return ng_err(err, NG_EARG, "training: passes must be 1 or 2 and epochs at least 1");
    trainer tr;
    memset(&tr, 0, sizeof tr);
    tr.train = train;
    tr.dev = dev && dev->nwords ? dev : NULL;
    tr.o = o;
    tr.last_dev[0] = tr.last_dev[1] = -1;
    tr.model.coarse = o->coarse && o->passes == 2;
    int rc = train_setup(&tr, err);
    uint32_t *order = rc == NG_OK ? ng_malloc(train->nsents * sizeof *order) : NULL;
    if (rc == NG_OK && !order)
        rc = ng_err(err, NG_ENOMEM, "training: out of memory");
    for (size_t s = 0; order && s < train->nsents; s++)
        order[s] = (uint32_t)s;
    ng_rng rng;
    ng_rng_seed(&rng, o->seed);
    for (int e = 0; rc == NG_OK && e < o->epochs; e++)
        rc = run_epoch(&tr, e, order, &rng, err);
    if (rc == NG_OK)
        rc = save(&tr, path, err);
    if (order)
        ng_free(order, train->nsents * sizeof *order);
    trainer_free(&tr);
    return rc;
}

int ng_pos_train_file(const char *train_path, const char *dev_path, const ng_pos_train_opts *o,
                      const char *model_path, ng_error *err)
{
    ng_corpus train, dev;
    memset(&dev, 0, sizeof dev);
    int rc = ng_corpus_read(train_path, &train, err);
    if (rc != NG_OK)
        return rc;
    if (dev_path && (rc = ng_corpus_read(dev_path, &dev, err)) != NG_OK) {
        ng_corpus_free(&train);
        return rc;
    }
    ng_pos_train_opts opts = *o;
    if (!opts.train_name) {
        const char *slash = strrchr(train_path, '/');
        opts.train_name = slash ? slash + 1 : train_path;
    }
    rc = ng_pos_train(&train, dev_path ? &dev : NULL, &opts, model_path, err);
    ng_corpus_free(&train);
    ng_corpus_free(&dev);
    return rc;
}
