/*
 * dtrain.c - training the parser: an averaged perceptron over transitions,
 * taught by the arc-hybrid dynamic oracle with error exploration (Goldberg
 * & Nivre 2012/2013): after the first epochs the trainer follows its own
 * (possibly wrong) predictions and learns the best move from there.
 * Invariant: training trees are projectivised first, so oracle costs are exact.
 */
#include "parse/pint.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void ng_dep_train_defaults(ng_dep_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 15;
    o->seed = 1;
    o->explore_from = 2;
    o->explore_p = 0.9;
}

/* The label set: "root" first, then the other labels of train by name. */
typedef struct labels {
    char names[NG_PARSE_MAX_LABELS][32];
    uint32_t n;
} labels;

static int label_find(const labels *L, ng_strv v)
{
    for (uint32_t l = 0; l < L->n; l++)
        if (strlen(L->names[l]) == v.n && memcmp(L->names[l], v.s, v.n) == 0)
            return (int)l;
    return -1;
}

static int cmp_name(const void *a, const void *b) { return strcmp(a, b); }

static int collect_labels(const ng_corpus *c, labels *L, ng_error *err)
{
    memset(L, 0, sizeof *L);
    strcpy(L->names[0], "root");
    L->n = 1;
    for (size_t i = 0; i < c->nwords; i++) {
        ng_strv v = c->words[i].deprel;
        if (v.n == 0 || label_find(L, v) >= 0)
            continue;
        if (L->n >= NG_PARSE_MAX_LABELS || v.n >= sizeof L->names[0])
            return ng_err(err, NG_EARG, "train: too many or too long labels ('%.*s')", (int)v.n, v.s);
        memcpy(L->names[L->n], v.s, v.n);
        L->n++;
    }
    qsort(L->names[1], L->n - 1, sizeof L->names[0], cmp_name);
    return L->n >= 2 ? NG_OK : ng_err(err, NG_EARG, "train: no labelled arcs");
}

/* Longer training sentences are skipped (projectivising is superlinear;
 * treebank sentences are far shorter). */
#define DEP_TRAIN_MAX_WORDS 512

/* A training sentence: its words in the corpus and gold tree. */
typedef struct tsent {
    uint32_t first, n;
} tsent;

typedef struct tdata {
    const ng_dep_data *d;
    tsent *sents;
    uint32_t nsents;
    int32_t *gh;    /* [nwords] gold head 0..n-1, n = root (projectivised) */
    uint16_t *gl;   /* [nwords] gold label */
    uint8_t *upos;  /* [nwords] */
    uint16_t *xpos; /* [nwords] */
    size_t nwords, skipped, lifted;
    size_t cap_sents, cap_words; /* allocated sizes */
} tdata;

/* Gold tree of sentence [first, first + n) into gh/gl; false when it is
 * not a labelled tree. */
static bool gold_tree(const ng_corpus *c, const labels *L, uint32_t first, uint32_t n, int32_t *gh, uint16_t *gl,
                      uint8_t *scratch)
{
    for (uint32_t i = 0; i < n; i++) {
        const ng_cword *w = &c->words[first + i];
        int l = label_find(L, w->deprel);
        if (w->head < 0 || (uint32_t)w->head > n || l < 0)
            return false;
        gh[i] = w->head == 0 ? (int32_t)n : w->head - 1;
        gl[i] = (uint16_t)(gh[i] == (int32_t)n ? AS_ROOT_LABEL : (l == AS_ROOT_LABEL ? 1 : l));
    }
    return as_is_tree(gh, n, scratch);
}

static void tdata_free(tdata *t)
{
    ng_free(t->sents, t->cap_sents * sizeof *t->sents);
    ng_free(t->gh, t->cap_words * 4);
    ng_free(t->gl, t->cap_words * 2);
    ng_free(t->upos, t->cap_words);
    ng_free(t->xpos, t->cap_words * 2);
    memset(t, 0, sizeof *t);
}

static int tdata_build(const ng_dep_data *d, const labels *L, tdata *t, ng_error *err)
{
    const ng_corpus *c = d->c;
    memset(t, 0, sizeof *t);
    t->d = d;
    t->nwords = c->nwords;
    t->cap_sents = c->nsents + 1;
    t->cap_words = c->nwords + 1;
    t->sents = ng_malloc(t->cap_sents * sizeof *t->sents);
    t->gh = ng_malloc(t->cap_words * 4);
    t->gl = ng_malloc(t->cap_words * 2);
    t->upos = ng_malloc(t->cap_words);
    t->xpos = ng_malloc(t->cap_words * 2);
    uint8_t *scratch = ng_malloc(NG_CONLLU_MAX_SENT_WORDS + 1);
    if (!t->sents || !t->gh || !t->gl || !t->upos || !t->xpos || !scratch) {
        ng_free(scratch, NG_CONLLU_MAX_SENT_WORDS + 1);
        return ng_err(err, NG_ENOMEM, "train: out of memory");
    }
    for (size_t i = 0; i < c->nwords; i++) {
        t->upos[i] = d->upos ? d->upos[i] : (uint8_t)dep_strv_upos(c->words[i].upos);
        t->xpos[i] = d->xpos ? d->xpos[i] : (uint16_t)dep_strv_xpos(c->words[i].xpos);
    }
    for (size_t s = 0; s < c->nsents; s++) {
        uint32_t first = c->sent_first[s], n = c->sent_first[s + 1] - first;
        if (n == 0 || n > DEP_TRAIN_MAX_WORDS ||
            !gold_tree(c, L, first, n, t->gh + first, t->gl + first, scratch)) {
            t->skipped++;
            continue;
        }
        t->lifted += as_projectivize(t->gh + first, n);
        t->sents[t->nsents++] = (tsent){first, n};
    }
    ng_free(scratch, NG_CONLLU_MAX_SENT_WORDS + 1);
    return t->nsents ? NG_OK : ng_err(err, NG_EARG, "train: no usable sentence");
}

/* Per-sentence training scratch. */
typedef struct tscratch {
    void *state;
    pf_word *atoms;
    float *scores;
    uint32_t *cost;
    uint8_t *onstack;
    uint64_t feats[PF_MAX_FEATS];
} tscratch;

static void tscratch_free(tscratch *s, uint32_t nclasses)
{
    size_t m = NG_CONLLU_MAX_SENT_WORDS + 2;
    ng_free(s->state, as_state_bytes(NG_CONLLU_MAX_SENT_WORDS));
    ng_free(s->atoms, m * sizeof *s->atoms);
    ng_free(s->scores, nclasses * sizeof *s->scores);
    ng_free(s->cost, nclasses * sizeof *s->cost);
    ng_free(s->onstack, m);
}

static bool tscratch_alloc(tscratch *s, uint32_t nclasses)
{
    size_t m = NG_CONLLU_MAX_SENT_WORDS + 2;
    s->state = ng_malloc(as_state_bytes(NG_CONLLU_MAX_SENT_WORDS));
    s->atoms = ng_malloc(m * sizeof *s->atoms);
    s->scores = ng_malloc(nclasses * sizeof *s->scores);
    s->cost = ng_malloc(nclasses * sizeof *s->cost);
    s->onstack = ng_malloc(m);
    return s->state && s->atoms && s->scores && s->cost && s->onstack;
}

/* Training state shared by the epochs. */
typedef struct trainer {
    ng_ptrain *pt;
    uint32_t nlabels, nclasses;
    tscratch sc;
    ng_rng rng;
    size_t steps, good;
    bool explore;
    double explore_p;
} trainer;

/* The best-scoring class of minimal cost, and the best allowed class. */
static void pick(const trainer *tr, uint32_t *gold, uint32_t *pred)
{
    const float *sc = tr->sc.scores;
    const uint32_t *cost = tr->sc.cost;
    uint32_t minc = UINT32_MAX, g = UINT32_MAX, p = UINT32_MAX;
    for (uint32_t c = 0; c < tr->nclasses; c++)
        if (cost[c] < minc)
            minc = cost[c];
    for (uint32_t c = 0; c < tr->nclasses; c++) {
        if (cost[c] == UINT32_MAX)
            continue;
        if (p == UINT32_MAX || sc[c] > sc[p])
            p = c;
        if (cost[c] == minc && (g == UINT32_MAX || sc[c] > sc[g]))
            g = c;
    }
    *gold = g;
    *pred = p;
}

/* One sentence: parse it, updating the weights at every wrong step. */
static int train_sentence(trainer *tr, const tdata *t, const tsent *ts)
{
    const ng_corpus *c = t->d->c;
    as_state s;
    for (uint32_t i = 0; i < ts->n; i++)
        pf_word_set(&tr->sc.atoms[i], c->words[ts->first + i].form.s, c->words[ts->first + i].form.n,
                    t->upos[ts->first + i], t->xpos[ts->first + i]);
    pf_word_pad(&tr->sc.atoms[ts->n], true);
    pf_word_pad(&tr->sc.atoms[ts->n + 1], false);
    as_state_init(&s, ts->n, tr->sc.state);
    const int32_t *gh = t->gh + ts->first;
    const uint16_t *gl = t->gl + ts->first;
    while (!as_terminal(&s)) {
        uint32_t forced = parse_forced(&s);
        if (forced != UINT32_MAX) {
            as_apply(&s, forced);
            continue;
        }
        size_t nf = pf_features(&s, tr->sc.atoms, tr->sc.feats);
        ng_ptrain_score(tr->pt, tr->sc.feats, nf, tr->sc.scores);
        as_costs(&s, gh, gl, tr->nclasses, tr->sc.onstack, tr->sc.cost);
        uint32_t gold, pred;
        pick(tr, &gold, &pred);
        bool ok = tr->sc.cost[pred] == tr->sc.cost[gold];
        tr->steps++;
        tr->good += ok;
        int rc = ng_ptrain_update(tr->pt, tr->sc.feats, nf, gold, ok ? gold : pred);
        if (rc != NG_OK)
            return rc;
        bool follow = ok || (tr->explore && (double)(ng_rng_next(&tr->rng) >> 11) * 0x1p-53 < tr->explore_p);
        as_apply(&s, follow ? pred : gold);
    }
    return NG_OK;
}

/* A parser over model m for evaluation (borrows m; free p->score). */
static int borrow_parser(ng_parser *p, const ng_pmodel *m, const labels *L)
{
    memset(p, 0, sizeof *p);
    p->model = *m;
    if (pscorer_build(&p->score, m) != NG_OK)
        return NG_ENOMEM;
    p->nlabels = L->n;
    for (uint32_t l = 0; l < L->n; l++)
        p->deprel[l] = (uint8_t)ng_dep_label_id((ng_strv){L->names[l], (uint32_t)strlen(L->names[l])});
    return NG_OK;
}

/* Write model m with labels L and metadata to path. */
static int save(const ng_pmodel *m, const labels *L, const ng_dep_train_opts *o, const ng_dep_epoch *best,
                const tdata *t, const char *path, ng_error *err)
{
    ng_mwriter *w = ng_mwriter_new(PARSER_KIND);
    if (!w)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    ng_buf meta, lab;
    ng_buf_init(&meta);
    ng_buf_init(&lab);
    ng_buf_printf(&meta, "features=%d\nsystem=arc-hybrid\ntrain=%s\nsentences=%u\nwords=%zu\nlifted=%zu\n"
                  "epochs=%d\nbest_epoch=%d\nseed=%llu\nexplore_from=%d\nexplore_p=%g\nmin_weight=%g\n"
                  "min_updates=%u\ndev_uas=%.4f\ndev_las=%.4f\n",
                  PF_VERSION, o->train_name ? o->train_name : "?", t->nsents, t->nwords, t->lifted, o->epochs,
                  best->epoch, (unsigned long long)o->seed, o->explore_from, o->explore_p,
                  (double)o->min_weight, o->min_updates, best->dev_uas, best->dev_las);
    for (uint32_t l = 0; l < L->n; l++)
        ng_buf_printf(&lab, "%s\n", L->names[l]);
    int rc = meta.oom || lab.oom ? NG_ENOMEM : NG_OK;
    if (rc == NG_OK)
        rc = ng_mwriter_add(w, "meta", meta.data, meta.len);
    if (rc == NG_OK)
        rc = ng_mwriter_add(w, "labels", lab.data, lab.len);
    if (rc == NG_OK)
        rc = ng_pmodel_write(w, PARSER_PREFIX, m);
    if (rc == NG_OK)
        rc = ng_mwriter_save(w, path, err);
    else
        ng_err(err, rc, "%s: cannot build the model image", path);
    ng_buf_free(&meta);
    ng_buf_free(&lab);
    ng_mwriter_free(w);
    return rc;
}

/* One epoch over the shuffled sentences. */
static int run_epoch(trainer *tr, const tdata *t, uint32_t *order, const ng_dep_train_opts *o)
{
    ng_shuffle_u32(&tr->rng, order, t->nsents);
    tr->steps = tr->good = 0;
    for (uint32_t k = 0; k < t->nsents; k++) {
        int rc = train_sentence(tr, t, &t->sents[order[k]]);
        if (rc != NG_OK)
            return rc;
        if (o->progress && k % 500 == 0)
            o->progress(o->ud, NULL, k, t->nsents);
    }
    return NG_OK;
}

/* Average the current weights and score dev (when given) into ep. */
static int checkpoint(trainer *tr, const ng_dep_train_opts *o, const labels *L, const ng_dep_data *dev,
                      ng_pmodel *m, ng_dep_epoch *ep, ng_error *err)
{
    ng_prune pr = {o->min_weight, o->min_updates};
    int rc = ng_ptrain_finalize(tr->pt, &pr, m);
    if (rc != NG_OK)
        return ng_err(err, rc, "train: out of memory");
    ep->features = m->nfeatures;
    ep->dev_uas = ep->dev_las = -1;
    if (dev) {
        ng_parser p;
        ng_dep_counts cnt = {0};
        if (borrow_parser(&p, m, L) != NG_OK)
            return ng_err(err, NG_ENOMEM, "train: out of memory");
        rc = ng_dep_eval(&p, dev, &cnt, err);
        pscorer_free(&p.score);
        if (rc != NG_OK)
            return rc;
        ep->dev_uas = cnt.words ? (double)cnt.uas / (double)cnt.words : 0;
        ep->dev_las = cnt.words ? (double)cnt.las / (double)cnt.words : 0;
    }
    return NG_OK;
}

static int train_loop(trainer *tr, const tdata *t, const labels *L, const ng_dep_data *dev,
                      const ng_dep_train_opts *o, const char *path, ng_error *err)
{
    uint32_t *order = ng_malloc(t->nsents * sizeof *order);
    if (!order)
        return ng_err(err, NG_ENOMEM, "train: out of memory");
    for (uint32_t i = 0; i < t->nsents; i++)
        order[i] = i;
    ng_pmodel best = {0};
    ng_dep_epoch best_ep = {0};
    int rc = NG_OK;
    for (int e = 1; e <= o->epochs && rc == NG_OK; e++) {
        clock_t t0 = clock();
        tr->explore = o->explore_from > 0 && e >= o->explore_from;
        rc = run_epoch(tr, t, order, o);
        if (rc != NG_OK) {
            ng_err(err, rc, "train: %s", rc == NG_ENOMEM ? "out of memory" : "too many features");
            break;
        }
        ng_pmodel m;
        ng_dep_epoch ep = {e, o->epochs, tr->steps ? (double)tr->good / (double)tr->steps : 0, -1, -1, 0, 0};
        rc = checkpoint(tr, o, L, dev, &m, &ep, err);
        if (rc != NG_OK)
            break;
        ep.seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (o->progress)
            o->progress(o->ud, &ep, t->nsents, t->nsents);
        if (!dev || e == 1 || ep.dev_las > best_ep.dev_las) {
            ng_pmodel_free(&best);
            best = m;
            best_ep = ep;
        } else {
            ng_pmodel_free(&m);
        }
    }
    if (rc == NG_OK)
        rc = save(&best, L, o, &best_ep, t, path, err);
    ng_pmodel_free(&best);
    ng_free(order, t->nsents * sizeof *order);
    return rc;
}

int ng_dep_train(const ng_dep_data *train, const ng_dep_data *dev, const ng_dep_train_opts *o, const char *path,
                 ng_error *err)
{
    labels *L = ng_malloc(sizeof *L);
    if (!L)
        return ng_err(err, NG_ENOMEM, "train: out of memory");
    tdata t;
    trainer tr = {0};
    int rc = collect_labels(train->c, L, err);
    if (rc == NG_OK)
        rc = tdata_build(train, L, &t, err);
    else
        memset(&t, 0, sizeof t);
    if (rc == NG_OK) {
        tr.nlabels = L->n;
        tr.nclasses = as_nclasses(L->n);
        tr.pt = ng_ptrain_new(tr.nclasses);
        tr.explore_p = o->explore_p;
        ng_rng_seed(&tr.rng, o->seed);
        if (!tr.pt || !tscratch_alloc(&tr.sc, tr.nclasses))
            rc = ng_err(err, NG_ENOMEM, "train: out of memory");
    }
    if (rc == NG_OK)
        rc = train_loop(&tr, &t, L, dev, o, path, err);
    if (tr.pt)
        tscratch_free(&tr.sc, tr.nclasses);
    ng_ptrain_free(tr.pt);
    tdata_free(&t);
    ng_free(L, sizeof *L);
    return rc;
}

/* Follow random zero-cost transitions from the start of sentence ts; true
 * when a zero-cost move always exists and the result is the gold tree. */
static bool oracle_sentence(const tdata *t, const tsent *ts, uint32_t nclasses, tscratch *sc, ng_rng *rng)
{
    as_state s;
    as_state_init(&s, ts->n, sc->state);
    const int32_t *gh = t->gh + ts->first;
    const uint16_t *gl = t->gl + ts->first;
    while (!as_terminal(&s)) {
        as_costs(&s, gh, gl, nclasses, sc->onstack, sc->cost);
        uint32_t nzero = 0, pickc = UINT32_MAX;
        for (uint32_t c = 0; c < nclasses; c++)
            if (sc->cost[c] == 0 && ng_rng_below(rng, ++nzero) == 0)
                pickc = c; /* reservoir sampling: a uniform zero-cost class */
        if (pickc == UINT32_MAX)
            return false;
        as_apply(&s, pickc);
    }
    for (uint32_t i = 0; i < ts->n; i++)
        if (s.head[i] != gh[i] || s.label[i] != gl[i])
            return false;
    return true;
}

int ng_dep_oracle_check(const ng_corpus *c, uint64_t seed, size_t *ok, size_t *total, ng_error *err)
{
    labels *L = ng_malloc(sizeof *L);
    if (!L)
        return ng_err(err, NG_ENOMEM, "oracle: out of memory");
    ng_dep_data d = {c, NULL, NULL};
    tdata t;
    tscratch sc = {0};
    ng_rng rng;
    ng_rng_seed(&rng, seed);
    *ok = *total = 0;
    int rc = collect_labels(c, L, err);
    if (rc == NG_OK)
        rc = tdata_build(&d, L, &t, err);
    else
        memset(&t, 0, sizeof t);
    uint32_t nclasses = as_nclasses(L->n);
    if (rc == NG_OK && !tscratch_alloc(&sc, nclasses))
        rc = ng_err(err, NG_ENOMEM, "oracle: out of memory");
    for (uint32_t k = 0; rc == NG_OK && k < t.nsents; k++) {
        (*total)++;
        *ok += oracle_sentence(&t, &t.sents[k], nclasses, &sc, &rng);
    }
    tscratch_free(&sc, nclasses);
    tdata_free(&t);
    ng_free(L, sizeof *L);
    return rc;
}
