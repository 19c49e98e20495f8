/*
 * ner_train.c - training the NER: greedy left-to-right decoding with the
 * current weights (so the previous-prediction and history features see the
 * model's own guesses, as at tagging time), a perceptron update per word,
 * documents shuffled each epoch; the averaged, pruned, quantised model of
 * the epoch with the best dev F1 is saved.  Deterministic for a seed.
 */
#include "tag/ner_feat.h"

#include <stdio.h>
#include <time.h>

void ng_ner_train_defaults(ng_ner_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 15;
    o->seed = 1;
    o->keep_best = 1;
}

/* Training state. */
typedef struct trainer {
    const ng_ner_corpus *c;
    const ng_ner_train_opts *o;
    const ng_ner_res *res;
    ng_ptrain *pt;
    uint32_t nclasses;
    uint32_t *gold;        /* [nwords] BILOU classes */
    ng_doc **docs;         /* [ndocs] the corpus documents */
    uint64_t *names;       /* [nnames] (word hash, doc + 1 or 0 = several docs) of PER words */
    size_t nnames;         /* power of two */
    uint32_t *guess;       /* [nwords] this epoch's predictions */
    ng_ner_work work;
    float scores[NG_NER_MAX_CLASSES];
    uint64_t f[NG_NER_MAX_FEATS];
} trainer;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* One sentence: decode with the current weights, update on mistakes. */
static int train_sentence(trainer *tr, ner_doc *d, size_t s, size_t w0)
{
    size_t a = d->doc->sents[s].first, b = a + d->doc->sents[s].ntokens;
    uint32_t p1 = 0, p2 = 0;
    for (size_t i = a; i < b; i++) {
        size_t n = ner_features(d, i, p1, p2, tr->f);
        ng_ptrain_score(tr->pt, tr->f, n, tr->scores);
        uint32_t guess = ner_best_f(tr->scores, tr->nclasses, p1, i + 1 == b);
        int rc = ng_ptrain_update(tr->pt, tr->f, n, tr->gold[w0 + i], guess);
        if (rc != NG_OK)
            return rc;
        tr->guess[w0 + i] = guess;
        ner_doc_record(d, i, guess);
        p2 = p1;
        p1 = guess;
    }
    return NG_OK;
}

static uint64_t word_key(const char *s, size_t n)
{
    uint64_t h = ng_hash(s, n, 0x9e7);
    return h ? h : 1;
}

/* The slot of key in the names table. */
static size_t name_slot(const trainer *tr, uint64_t key)
{
    size_t mask = tr->nnames - 1, i = (size_t)key & mask;
    while (tr->names[2 * i] && tr->names[2 * i] != key)
        i = (i + 1) & mask;
    return i;
}

/* Record which documents name each word as (part of) a person. */
static int index_names(trainer *tr)
{
    const ng_ner_corpus *c = tr->c;
    unsigned per = ng_ner_corpus_type(c, "PER", 3);
    tr->nnames = 16;
    while (tr->nnames < 2 * c->nwords)
        tr->nnames *= 2;
    tr->names = ng_calloc(2 * tr->nnames, sizeof *tr->names);
    if (!tr->names)
        return NG_ENOMEM;
    for (size_t d = 0; per && d < c->ndocs; d++) {
        for (size_t i = c->sent_first[c->doc_first[d]]; i < c->sent_first[c->doc_first[d + 1]]; i++) {
            if (c->type[i] != per)
                continue;
            uint64_t key = word_key(c->words[i].s, c->words[i].n);
            size_t k = name_slot(tr, key);
            if (!tr->names[2 * k]) {
                tr->names[2 * k] = key;
                tr->names[2 * k + 1] = d + 1;
            } else if (tr->names[2 * k + 1] != d + 1) {
                tr->names[2 * k + 1] = 0;
            }
        }
    }
    return NG_OK;
}

/* Gold chunks of type t in document words g[0..n) whose text is s[0..len). */
static long gold_count(const trainer *tr, const ner_doc *d, size_t w0, unsigned t, const char *s, size_t len)
{
    const ng_ner_corpus *c = tr->c;
    const ng_doc *doc = d->doc;
    long count = 0;
    for (size_t i = 0; i < doc->ntokens; i++) {
        if (c->iob[w0 + i] != NG_IOB_B || c->type[w0 + i] != t)
            continue;
        size_t e = i;
        while (e + 1 < doc->ntokens && c->iob[w0 + e + 1] == NG_IOB_I && c->type[w0 + e + 1] == t)
            e++;
        size_t a = doc->tokens[i].start, b = doc->tokens[e].end;
        count += b - a == len && memcmp(doc->text + a, s, len) == 0;
    }
    return count;
}

/* Strip the match of known list id starting at token i when only this
 * document put it into the list. */
static void jackknife_known(const trainer *tr, ner_doc *d, size_t w0, size_t i, uint32_t id, const char *type)
{
    const ng_doc *doc = d->doc;
    size_t e = i;
    for (bool open = true; open && e < doc->ntokens; e++) {
        open = false;
        for (unsigned j = 0; j < d->info[e].ngaz; j++)
            if (d->info[e].gaz_list[j] == id)
                open = d->info[e].gaz_part[j] == NG_BILOU_B || d->info[e].gaz_part[j] == NG_BILOU_I;
        if (!open)
            break;
    }
    e = NG_MIN(e, doc->ntokens - 1);
    const char *s = doc->text + doc->tokens[i].start;
    size_t len = doc->tokens[e].end - doc->tokens[i].start;
    unsigned t = ng_ner_corpus_type(tr->c, type, strlen(type));
    long listed = ng_ner_known_count(tr->res, id, s, len);
    if (t && listed > 0 && gold_count(tr, d, w0, t, s, len) >= listed)
        for (size_t k = i; k <= e; k++)
            ng_ner_strip_list(&d->info[k], id);
}

/* Jackknife the lists built from the training corpus: strip matches that a
 * list built without document k would not have. */
static void jackknife(const trainer *tr, size_t k, size_t w0, ner_doc *d)
{
    const ng_doc *doc = d->doc;
    for (size_t i = 0; i < doc->ntokens; i++) {
        if (!d->info[i].ngaz)
            continue;
        const ng_token *t = &doc->tokens[i];
        size_t slot = name_slot(tr, word_key(doc->text + t->start, t->end - t->start));
        if (tr->names[2 * slot] && tr->names[2 * slot + 1] == k + 1)
            ng_ner_strip_names(&d->info[i]);
        for (unsigned j = 0; j < d->info[i].ngaz; j++) {
            const char *type = ng_ner_known_type(d->info[i].gaz_list[j]);
            unsigned part = d->info[i].gaz_part[j];
            if (type && (part == NG_BILOU_B || part == NG_BILOU_U)) {
                unsigned before = d->info[i].ngaz;
                jackknife_known(tr, d, w0, i, d->info[i].gaz_list[j], type);
                j -= before != d->info[i].ngaz; /* entry j was removed */
            }
        }
    }
}

static int train_doc(trainer *tr, size_t k)
{
    const ng_ner_corpus *c = tr->c;
    const ng_doc *doc = tr->docs[k];
    size_t w0 = c->sent_first[c->doc_first[k]];
    size_t need = ner_doc_bytes(doc->ntokens);
    if (tr->work.bytes < need) {
        ng_ner_work_free(&tr->work);
        tr->work.mem = ng_malloc(need);
        if (!tr->work.mem)
            return NG_ENOMEM;
        tr->work.bytes = need;
    }
    ner_doc d;
    ner_doc_prepare(&d, doc, tr->res, tr->work.mem);
    jackknife(tr, k, w0, &d);
    for (size_t s = 0; s < doc->nsents; s++) {
        int rc = train_sentence(tr, &d, s, w0);
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

/* Entity F1 of the epoch's greedy predictions against gold. */
static double train_f1(const trainer *tr)
{
    const ng_ner_corpus *c = tr->c;
    ng_ner_counts k = {0};
    uint8_t piob[NG_NER_MAX_SENT_WORDS], ptype[NG_NER_MAX_SENT_WORDS];
    for (size_t s = 0; s < c->nsents; s++) {
        size_t a = c->sent_first[s], n = c->sent_first[s + 1] - a;
        ng_bilou_decode(tr->guess + a, n, piob, ptype);
        ng_ner_count(&k, c->iob + a, c->type + a, piob, ptype, n);
    }
    double p, r, f;
    ng_ner_prf(&k, 0, &p, &r, &f);
    return f;
}

/* The model file image of pm (caller frees *img with ng_free(*img, *len)). */
static int model_image(const trainer *tr, const ng_pmodel *pm, int epoch, double dev_f1, void **img, size_t *len)
{
    const ng_ner_corpus *c = tr->c;
    const ng_ner_train_opts *o = tr->o;
    ng_mwriter *w = ng_mwriter_new("ner");
    if (!w)
        return NG_ENOMEM;
    ng_buf meta, types;
    ng_buf_init(&meta);
    ng_buf_init(&types);
    ng_buf_printf(&meta, "features=%d\nepoch=%d\nepochs=%d\nseed=%llu\ndev_f1=%.4f\n", NER_FEATURES, epoch,
                  o->epochs, (unsigned long long)o->seed, dev_f1);
    ng_buf_printf(&meta, "gazetteers=%d\nclusters=%d\n", tr->res && ng_ner_res_has_gaz(tr->res),
                  tr->res && ng_ner_res_has_clusters(tr->res));
    if (o->train_name)
        ng_buf_printf(&meta, "train=%s\n", o->train_name);
    for (unsigned t = 1; t <= c->ntypes; t++)
        ng_buf_printf(&types, "%s\n", c->types[t]);
    int rc = meta.oom || types.oom ? NG_ENOMEM : NG_OK;
    if (rc == NG_OK)
        rc = ng_mwriter_add(w, "meta", meta.data, meta.len);
    if (rc == NG_OK)
        rc = ng_mwriter_add(w, "types", types.data, types.len);
    if (rc == NG_OK)
        rc = ng_pmodel_write(w, "ner", pm);
    if (rc == NG_OK)
        rc = ng_mwriter_image(w, img, len);
    ng_buf_free(&meta);
    ng_buf_free(&types);
    ng_mwriter_free(w);
    return rc;
}

/* The averaged model's F1 on dev (-1 without dev). */
static int dev_score(trainer *tr, const ng_ner_corpus *dev, const ng_pmodel *pm, double *f1, ng_error *err)
{
    *f1 = -1;
    if (!dev)
        return NG_OK;
    ng_ner m = {.pm = *pm, .res = tr->res, .ntypes = tr->c->ntypes, .nclasses = tr->nclasses};
    memcpy(m.types, tr->c->types, sizeof m.types);
    strcpy(m.types[0], "O");
    ng_ner_counts k = {0};
    int rc = ng_ner_eval(&m, dev, false, &k, err);
    double p, r;
    ng_ner_prf(&k, 0, &p, &r, f1);
    return rc;
}

/* Keep img as the best so far (taking ownership) or free it. */
static void keep_best(void **best, size_t *best_len, double *best_f1, void *img, size_t len, double f1, bool keep)
{
    if (!*best || !keep || f1 > *best_f1) {
        ng_free(*best, *best_len);
        *best = img;
        *best_len = len;
        *best_f1 = f1;
    } else {
        ng_free(img, len);
    }
}

static int run_epochs(trainer *tr, const ng_ner_corpus *dev, void **best, size_t *best_len, ng_error *err)
{
    const ng_ner_train_opts *o = tr->o;
    size_t ndocs = tr->c->ndocs;
    uint32_t *order = ng_malloc((ndocs ? ndocs : 1) * sizeof *order);
    if (!order)
        return ng_err(err, NG_ENOMEM, "NER training: out of memory");
    for (size_t i = 0; i < ndocs; i++)
        order[i] = (uint32_t)i;
    ng_rng rng;
    ng_rng_seed(&rng, o->seed);
    double best_f1 = -2;
    int rc = NG_OK;
    for (int ep = 1; ep <= o->epochs && rc == NG_OK; ep++) {
        double t0 = now();
        ng_shuffle_u32(&rng, order, ndocs);
        for (size_t k = 0; k < ndocs && rc == NG_OK; k++) {
            rc = train_doc(tr, order[k]);
            if (o->progress && k % 100 == 99)
                o->progress(o->ud, NULL, k + 1, ndocs);
        }
        if (rc != NG_OK)
            break;
        ng_pmodel pm;
        rc = ng_ptrain_finalize(tr->pt, &(ng_prune){o->min_weight, o->min_updates}, &pm);
        if (rc != NG_OK)
            break;
        ng_ner_epoch e = {ep, o->epochs, train_f1(tr), -1, pm.nfeatures, 0};
        rc = dev_score(tr, dev, &pm, &e.dev_f1, err);
        void *img = NULL;
        size_t len = 0;
        if (rc == NG_OK)
            rc = model_image(tr, &pm, ep, e.dev_f1, &img, &len);
        ng_pmodel_free(&pm);
        if (rc == NG_OK)
            keep_best(best, best_len, &best_f1, img, len, e.dev_f1, o->keep_best && dev);
        e.seconds = now() - t0;
        if (o->progress)
            o->progress(o->ud, &e, ndocs, ndocs);
    }
    ng_free(order, (ndocs ? ndocs : 1) * sizeof *order);
    return rc;
}

/* Write the image to path through a temporary file and a rename. */
static int save(const void *img, size_t len, const char *path, ng_error *err)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return ng_err(err, NG_EARG, "%s: path too long", path);
    FILE *fp = fopen(tmp, "wb");
    bool ok = fp && fwrite(img, 1, len, fp) == len;
    ok = fp && fclose(fp) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return NG_OK;
    remove(tmp);
    return ng_err(err, NG_EIO, "%s: cannot write the model", path);
}

static void trainer_free(trainer *tr)
{
    ng_ptrain_free(tr->pt);
    ng_free(tr->gold, tr->c->nwords * sizeof *tr->gold);
    ng_free(tr->guess, tr->c->nwords * sizeof *tr->guess);
    for (size_t k = 0; tr->docs && k < tr->c->ndocs; k++)
        ng_doc_free(tr->docs[k]);
    ng_free(tr->docs, tr->c->ndocs * sizeof *tr->docs);
    ng_ner_work_free(&tr->work);
    ng_free(tr->names, 2 * tr->nnames * sizeof *tr->names);
}

int ng_ner_train(const ng_ner_corpus *train, const ng_ner_corpus *dev, const ng_ner_train_opts *o,
                 const ng_ner_res *res, const char *path, ng_error *err)
{
    if (train->nwords == 0 || train->ntypes == 0 || o->epochs < 1)
        return ng_err(err, NG_EARG, "NER training: no labelled words, no entity types, or no epochs");
    trainer tr = {.c = train, .o = o, .res = res, .nclasses = 1 + 4 * train->ntypes};
    tr.pt = ng_ptrain_new(tr.nclasses);
    tr.gold = ng_malloc(train->nwords * sizeof *tr.gold);
    tr.guess = ng_calloc(train->nwords, sizeof *tr.guess);
    tr.docs = ng_calloc(train->ndocs, sizeof *tr.docs);
    int rc = NG_OK;
    if (!tr.pt || !tr.gold || !tr.guess || !tr.docs)
        rc = ng_err(err, NG_ENOMEM, "NER training: out of memory");
    for (size_t k = 0; rc == NG_OK && k < train->ndocs; k++)
        if (ng_ner_corpus_doc(train, k, &tr.docs[k]) != NG_OK)
            rc = ng_err(err, NG_ENOMEM, "NER training: out of memory");
    if (rc == NG_OK && index_names(&tr) != NG_OK)
        rc = ng_err(err, NG_ENOMEM, "NER training: out of memory");
    for (size_t s = 0; rc == NG_OK && s < train->nsents; s++) {
        size_t a = train->sent_first[s];
        ng_bilou_encode(train->iob + a, train->type + a, train->sent_first[s + 1] - a, tr.gold + a);
    }
    void *best = NULL;
    size_t best_len = 0;
    if (rc == NG_OK)
        rc = run_epochs(&tr, dev, &best, &best_len, err);
    if (rc == NG_ENOMEM || rc == NG_ETOOBIG)
        ng_err(err, rc, "NER training: %s", rc == NG_ENOMEM ? "out of memory" : "too many features");
    if (rc == NG_OK && best)
        rc = save(best, best_len, path, err);
    ng_free(best, best_len);
    trainer_free(&tr);
    return rc;
}

int ng_ner_train_file(const char *train_path, const char *dev_path, const ng_ner_train_opts *o,
                      const char *model_path, ng_error *err)
{
    ng_ner_corpus train, dev;
    ng_ner_res *res = NULL;
    memset(&dev, 0, sizeof dev);
    int rc = ng_ner_corpus_read(train_path, NG_NER_FMT_AUTO, &train, err);
    if (rc == NG_OK && dev_path)
        rc = ng_ner_corpus_read(dev_path, NG_NER_FMT_AUTO, &dev, err);
    if (rc == NG_OK)
        rc = ng_ner_res_load(o->lexicon_dir, &res, err);
    if (rc == NG_OK) {
        ng_ner_train_opts opts = *o;
        const char *base = strrchr(train_path, '/');
        opts.train_name = o->train_name ? o->train_name : base ? base + 1 : train_path;
        rc = ng_ner_train(&train, dev_path ? &dev : NULL, &opts, res, model_path, err);
    }
    ng_ner_res_free(res);
    ng_ner_corpus_free(&train);
    ng_ner_corpus_free(&dev);
    return rc;
}
