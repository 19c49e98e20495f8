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
    o->label_groups = NG_DEP_GROUPS_FULL;
}

/* The label set: "root" first, then the other labels of train by name. */
typedef struct labels {
    char names[NG_PARSE_MAX_LABELS][32];
    uint32_t n;
    uint8_t group[NG_PARSE_MAX_LABELS]; /* [n] label -> group (0: root alone) */
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

/* Coarse label groups: universal relation -> group name. */
static const char *const coarse_groups[][2] = {
    {"nsubj", "subj"},     {"csubj", "subj"},     {"expl", "subj"},       {"obj", "obj"},
    {"iobj", "obj"},       {"obl", "obl"},        {"nmod", "nmod"},       {"appos", "nmod"},
    {"amod", "mod"},       {"advmod", "mod"},     {"nummod", "mod"},      {"discourse", "mod"},
    {"vocative", "mod"},   {"det", "det"},        {"case", "case"},       {"mark", "mark"},
    {"cc", "cc"},          {"aux", "aux"},        {"cop", "aux"},         {"conj", "conj"},
    {"punct", "punct"},    {"compound", "mwe"},   {"flat", "mwe"},        {"fixed", "mwe"},
    {"goeswith", "mwe"},   {"advcl", "clause"},   {"acl", "clause"},      {"ccomp", "clause"},
    {"xcomp", "clause"},
};

/* The group name of label name under a grouping mode, in buf. */
static const char *group_name(const char *name, int mode, char *buf, size_t size)
{
    snprintf(buf, size, "%s", name);
    char *colon = strchr(buf, ':');
    if (mode == NG_DEP_GROUPS_FULL)
        return buf;
    if (mode == NG_DEP_GROUPS_NONE)
        return "any";
    if (colon)
        *colon = '\0';
    if (mode == NG_DEP_GROUPS_UNIVERSAL)
        return buf;
    for (size_t i = 0; i < NG_ARRAY_LEN(coarse_groups); i++)
        if (strcmp(coarse_groups[i][0], buf) == 0)
            return coarse_groups[i][1];
    return "other";
}

/* Number the groups of L's labels (root alone in group 0) in label order. */
static void assign_groups(labels *L, int mode)
{
    char names[NG_PARSE_MAX_LABELS][32];
    uint32_t ng = 1;
    L->group[0] = 0;
    for (uint32_t l = 1; l < L->n; l++) {
        char buf[32];
        const char *g = group_name(L->names[l], mode, buf, sizeof buf);
        uint32_t k = 1;
        while (k < ng && strcmp(names[k], g) != 0)
            k++;
        if (k == ng)
            snprintf(names[ng++], sizeof names[0], "%s", g);
        L->group[l] = (uint8_t)k;
    }
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
    float *scores;    /* [nclasses] */
    uint32_t *cost;   /* [nclasses] */
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

/* Training state shared by the epochs: a move model and a label model. */
typedef struct trainer {
    ng_ptrain *moves, *labels;
    ng_parser groups;           /* only the label groups are set */
    uint32_t nlabels, nclasses; /* nclasses: of the labelled transition system (scratch sizes) */
    uint32_t nmclasses;         /* of the move model */
    const pclust *clusters;
    tscratch sc;
    ng_rng rng;
    size_t steps, good, lsteps, lgood;
    bool explore;
    double explore_p;
} trainer;

/* Whether to follow a wrong prediction (error exploration). */
static bool explore(trainer *tr)
{
    return tr->explore && (double)(ng_rng_next(&tr->rng) >> 11) * 0x1p-53 < tr->explore_p;
}

/* Oracle costs of every move class in s into cost[nmclasses]: the move's
 * cost, plus one when its arc is right but the gold label is not in its
 * group. */
static void class_costs(const trainer *tr, const as_state *s, const int32_t *gh, const uint16_t *gl, uint32_t *cost)
{
    uint32_t base[3];
    as_move_costs(s, gh, tr->sc.onstack, base);
    int32_t s0 = as_s(s, 0);
    uint32_t ggold = s0 == AS_NONE ? 0 : tr->groups.group[gl[s0]];
    bool lok = base[AS_LEFT] != UINT32_MAX && s->b0 < s->n, rok = base[AS_RIGHT] != UINT32_MAX;
    cost[0] = base[AS_SHIFT];
    for (uint32_t g = 1; g < tr->groups.ngroups; g++) {
        cost[parse_mclass(AS_LEFT, g)] = lok ? base[AS_LEFT] + (gh[s0] == (int32_t)s->b0 && ggold != g) : UINT32_MAX;
        cost[parse_mclass(AS_RIGHT, g)] = rok ? base[AS_RIGHT] + (gh[s0] == as_s(s, 1) && ggold != g) : UINT32_MAX;
    }
}

/* The best-scoring class of minimal cost (gold), and the best allowed one. */
static void pick(const trainer *tr, uint32_t *gold, uint32_t *pred)
{
    const float *sc = tr->sc.scores;
    const uint32_t *cost = tr->sc.cost;
    uint32_t minc = UINT32_MAX, g = UINT32_MAX, p = UINT32_MAX;
    for (uint32_t c = 0; c < tr->nmclasses; c++)
        minc = NG_MIN(minc, cost[c]);
    for (uint32_t c = 0; c < tr->nmclasses; c++) {
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

/* The move to make in s and its label group (*g): learned from the oracle
 * when there is a choice. */
static int train_move(trainer *tr, const as_state *s, const int32_t *gh, const uint16_t *gl, uint32_t *g, int *rc)
{
    int forced = parse_forced(s);
    *g = 0;
    if (forced >= 0)
        return forced;
    size_t nf = pf_features(s, tr->sc.atoms, tr->clusters->nclusters > 1, tr->sc.feats);
    ng_ptrain_score(tr->moves, tr->sc.feats, nf, tr->sc.scores);
    class_costs(tr, s, gh, gl, tr->sc.cost);
    uint32_t gold, pred;
    pick(tr, &gold, &pred);
    bool ok = tr->sc.cost[pred] == tr->sc.cost[gold];
    tr->steps++;
    tr->good += ok;
    *rc = ng_ptrain_update(tr->moves, tr->sc.feats, nf, gold, ok ? gold : pred);
    uint32_t c = ok || explore(tr) ? pred : gold;
    *g = parse_mclass_group(c);
    return parse_mclass_move(c);
}

/* The label of the arc move makes in s within group g: learned when the
 * arc is right and the gold label is in the group. */
static uint32_t train_label(trainer *tr, const as_state *s, int move, uint32_t g, const int32_t *gh,
                            const uint16_t *gl, int *rc)
{
    const ng_parser *p = &tr->groups;
    if (parse_to_root(s, move))
        return AS_ROOT_LABEL;
    if (p->gsize[g] == 1)
        return p->gfirst[g];
    int32_t x = as_s(s, 0), h = move == AS_LEFT ? (int32_t)s->b0 : as_s(s, 1);
    size_t nf = pf_label_features(s, tr->sc.atoms, move, tr->sc.feats);
    ng_ptrain_score(tr->labels, tr->sc.feats, nf, tr->sc.scores);
    uint32_t pred = UINT32_MAX;
    for (uint32_t l = p->gfirst[g]; l < tr->nlabels; l++)
        if (p->group[l] == g && (pred == UINT32_MAX || tr->sc.scores[l] > tr->sc.scores[pred]))
            pred = l;
    if (gh[x] != h || p->group[gl[x]] != g)
        return pred;
    uint32_t gold = gl[x];
    tr->lsteps++;
    tr->lgood += pred == gold;
    *rc = ng_ptrain_update(tr->labels, tr->sc.feats, nf, gold, pred);
    return pred == gold || explore(tr) ? pred : gold;
}

/* One sentence: parse it, updating the weights at every wrong step. */
static int train_sentence(trainer *tr, const tdata *t, const tsent *ts)
{
    const ng_corpus *c = t->d->c;
    as_state s;
    for (uint32_t i = 0; i < ts->n; i++)
        pf_word_set(&tr->sc.atoms[i], c->words[ts->first + i].form.s, c->words[ts->first + i].form.n,
                    t->upos[ts->first + i], t->xpos[ts->first + i], tr->clusters);
    pf_word_pad(&tr->sc.atoms[ts->n], true);
    pf_word_pad(&tr->sc.atoms[ts->n + 1], false);
    as_state_init(&s, ts->n, tr->sc.state);
    const int32_t *gh = t->gh + ts->first;
    const uint16_t *gl = t->gl + ts->first;
    int rc = NG_OK;
    while (!as_terminal(&s) && rc == NG_OK) {
        uint32_t g;
        int mv = train_move(tr, &s, gh, gl, &g, &rc);
        uint32_t label = mv == AS_SHIFT || rc != NG_OK ? 0 : train_label(tr, &s, mv, g, gh, gl, &rc);
        as_apply(&s, as_class(mv, label));
    }
    return rc;
}

/* The averaged models of a checkpoint, as scoring tables. */
typedef struct tmodel {
    mtable moves, labels;
    size_t dropped; /* features left out by fingerprint clashes */
} tmodel;

static void tmodel_free(tmodel *m)
{
    mtable_free(&m->moves);
    mtable_free(&m->labels);
}

/* Label names and groups of L into p (groups checked). */
static void set_labels(ng_parser *p, const labels *L)
{
    p->nlabels = L->n;
    for (uint32_t l = 0; l < L->n; l++) {
        p->deprel[l] = (uint8_t)ng_dep_label_id((ng_strv){L->names[l], (uint32_t)strlen(L->names[l])});
        p->group[l] = L->group[l];
    }
    parse_groups_init(p);
}

/* A parser over model m for evaluation (borrows m and the clusters). */
static void borrow_parser(ng_parser *p, const tmodel *m, const labels *L, const pclust *cl)
{
    memset(p, 0, sizeof *p);
    p->moves = m->moves;
    p->labels = m->labels;
    p->clusters = *cl;
    set_labels(p, L);
}

/* The "meta" section text. */
static void meta_text(ng_buf *meta, const ng_dep_train_opts *o, const ng_dep_epoch *best, const tdata *t,
                      const tmodel *m, const pclust *cl)
{
    ng_buf_printf(meta, "features=%d\nsystem=arc-hybrid, labels by a second classifier\ntrain=%s\n"
                  "sentences=%u\nwords=%zu\nlifted=%zu\nepochs=%d\nbest_epoch=%d\nseed=%llu\n"
                  "explore_from=%d\nexplore_p=%g\nmin_weight=%g\nmin_updates=%u\nclusters=%u\n"
                  "move_features=%u\nlabel_features=%u\ndev_uas=%.4f\ndev_las=%.4f\n",
                  PF_VERSION, o->train_name ? o->train_name : "?", t->nsents, t->nwords, t->lifted, o->epochs,
                  best->epoch, (unsigned long long)o->seed, o->explore_from, o->explore_p,
                  (double)o->min_weight, o->min_updates, cl->nclusters - 1, m->moves.nfeatures,
                  m->labels.nfeatures, best->dev_uas, best->dev_las);
    ng_buf_printf(meta, "groups=%d\nmove_classes=%u\ndropped=%zu\n", o->label_groups, m->moves.nclasses,
                  m->dropped);
}

/* Write model m with labels L and metadata to path. */
static int save(const tmodel *m, const labels *L, const ng_dep_train_opts *o, const ng_dep_epoch *best,
                const tdata *t, const pclust *cl, const char *path, ng_error *err)
{
    ng_mwriter *w = ng_mwriter_new(PARSER_KIND);
    if (!w)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    ng_buf meta, lab;
    ng_buf_init(&meta);
    ng_buf_init(&lab);
    meta_text(&meta, o, best, t, m, cl);
    for (uint32_t l = 0; l < L->n; l++)
        ng_buf_printf(&lab, "%s\n", L->names[l]);
    int rc = meta.oom || lab.oom ? NG_ENOMEM : NG_OK;
    if (rc == NG_OK)
        rc = ng_mwriter_add(w, "meta", meta.data, meta.len);
    if (rc == NG_OK)
        rc = ng_mwriter_add(w, "labels", lab.data, lab.len);
    uint32_t groups[NG_PARSE_MAX_LABELS];
    for (uint32_t l = 0; l < L->n; l++)
        groups[l] = L->group[l];
    if (rc == NG_OK)
        rc = ng_mwriter_add_u32s(w, "label.groups", groups, L->n);
    if (rc == NG_OK)
        rc = mtable_write(w, MOVE_PREFIX, &m->moves);
    if (rc == NG_OK)
        rc = mtable_write(w, LABEL_PREFIX, &m->labels);
    if (rc == NG_OK)
        rc = pclust_write(w, cl);
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
    tr->steps = tr->good = tr->lsteps = tr->lgood = 0;
    for (uint32_t k = 0; k < t->nsents; k++) {
        int rc = train_sentence(tr, t, &t->sents[order[k]]);
        if (rc != NG_OK)
            return rc;
        if (o->progress && k % 500 == 0)
            o->progress(o->ud, NULL, k, t->nsents);
    }
    return NG_OK;
}

/* Average, prune and quantise model t into table out. */
static int finalize_one(const ng_ptrain *t, const ng_prune *pr, mtable *out, size_t *dropped)
{
    ng_pmodel m;
    size_t d = 0;
    int rc = ng_ptrain_finalize(t, pr, &m);
    if (rc == NG_OK)
        rc = mtable_build(out, &m, &d);
    ng_pmodel_free(&m);
    *dropped += d;
    return rc;
}

/* Both models of the trainer into m. */
static int finalize(const trainer *tr, const ng_dep_train_opts *o, tmodel *m)
{
    ng_prune pr = {o->min_weight, o->min_updates};
    memset(m, 0, sizeof *m);
    int rc = finalize_one(tr->moves, &pr, &m->moves, &m->dropped);
    if (rc == NG_OK)
        rc = finalize_one(tr->labels, &pr, &m->labels, &m->dropped);
    if (rc != NG_OK)
        tmodel_free(m);
    return rc;
}

/* Average the current weights and score dev (when given) into ep. */
#include <stdio.h>
static void grid_one(trainer *tr, const ng_dep_train_opts *o, const labels *L, const ng_dep_data *dev, unsigned u, double w)
{
    ng_dep_train_opts oo = *o;
    oo.min_updates = u;
    oo.min_weight = (float)w;
    tmodel m;
    if (finalize(tr, &oo, &m) != NG_OK)
        return;
    size_t hist[8] = {0};
    for (size_t i = 0; i < (size_t)m.moves.nbuckets * 8; i++) {
        uint64_t e = m.moves.buckets[i];
        if (!e) continue;
        unsigned kind = (unsigned)(e >> 16) & 3;
        size_t k = 0;
        if (kind == 1) k = 2;
        else if (kind == 3) k = e >> 50;
        else { const int16_t *r = m.moves.rows + (size_t)(uint32_t)(e >> 18) * m.moves.npad; for (unsigned c = 0; c < m.moves.nclasses; c++) k += r[c] != 0; }
        hist[k <= 2 ? 0 : k <= 3 ? 1 : k <= 4 ? 2 : k <= 6 ? 3 : k <= 8 ? 4 : k <= 12 ? 5 : k <= 16 ? 6 : 7]++;
    }
    ng_parser p;
    ng_dep_counts cnt = {0};
    borrow_parser(&p, &m, L, tr->clusters);
    ng_error err;
    ng_dep_eval(&p, dev, &cnt, &err);
    fprintf(stderr, "grid u=%u w=%g: LAS %.4f UAS %.4f moves %u labels %u (lab bytes %zu) k<=2 %zu 3 %zu 4 %zu 5-6 %zu 7-8 %zu 9-12 %zu 13-16 %zu 17+ %zu\n", u, w,
            (double)cnt.las / cnt.words, (double)cnt.uas / cnt.words, m.moves.nfeatures, m.labels.nfeatures,
            (size_t)m.labels.nbuckets * 64 + (size_t)m.labels.nrows * m.labels.npad * 2 + (size_t)m.labels.nents * 4,
            hist[0], hist[1], hist[2], hist[3], hist[4], hist[5], hist[6], hist[7]);
    tmodel_free(&m);
}

static int checkpoint(trainer *tr, const ng_dep_train_opts *o, const labels *L, const ng_dep_data *dev,
                      tmodel *m, ng_dep_epoch *ep, ng_error *err)
{
    const char *grid = getenv("NG_DEP_PRUNE_GRID");
    if (grid && dev) {
        unsigned u; double w; int nread;
        while (sscanf(grid, "%u:%lf%n", &u, &w, &nread) == 2) {
            grid_one(tr, o, L, dev, u, w);
            grid += nread;
            if (*grid == ',') grid++;
        }
    }
    int rc = finalize(tr, o, m);
    if (rc != NG_OK)
        return ng_err(err, rc, "train: out of memory");
    ep->features = m->moves.nfeatures + m->labels.nfeatures;
    ep->dev_uas = ep->dev_las = -1;
    if (dev) {
        ng_parser p;
        ng_dep_counts cnt = {0};
        borrow_parser(&p, m, L, tr->clusters);
        rc = ng_dep_eval(&p, dev, &cnt, err);
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
    tmodel best = {0};
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
        tmodel m;
        ng_dep_epoch ep = {e, o->epochs, tr->steps ? (double)tr->good / (double)tr->steps : 0, -1, -1, 0, 0};
        rc = checkpoint(tr, o, L, dev, &m, &ep, err);
        if (rc != NG_OK)
            break;
        ep.seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (o->progress)
            o->progress(o->ud, &ep, t->nsents, t->nsents);
        if (!dev || e == 1 || ep.dev_las > best_ep.dev_las) {
            tmodel_free(&best);
            best = m;
            best_ep = ep;
        } else {
            tmodel_free(&m);
        }
    }
    if (rc == NG_OK)
        rc = save(&best, L, o, &best_ep, t, tr->clusters, path, err);
    tmodel_free(&best);
    ng_free(order, t->nsents * sizeof *order);
    return rc;
}

/* Set up the trainer's models and scratch. */
static int trainer_init(trainer *tr, const labels *L, const ng_dep_train_opts *o, const pclust *cl, ng_error *err)
{
    tr->nlabels = L->n;
    tr->nclasses = as_nclasses(L->n);
    tr->clusters = cl;
    set_labels(&tr->groups, L);
    tr->nmclasses = parse_nmclasses(tr->groups.ngroups);
    tr->moves = ng_ptrain_new(tr->nmclasses);
    tr->labels = ng_ptrain_new(L->n);
    tr->explore_p = o->explore_p;
    ng_rng_seed(&tr->rng, o->seed);
    if (!tr->moves || !tr->labels || !tscratch_alloc(&tr->sc, tr->nclasses))
        return ng_err(err, NG_ENOMEM, "train: out of memory");
    return NG_OK;
}

static void trainer_free(trainer *tr)
{
    if (tr->nclasses)
        tscratch_free(&tr->sc, tr->nclasses);
    ng_ptrain_free(tr->moves);
    ng_ptrain_free(tr->labels);
}

/* The clusters of o (none without a file). */
static int load_clusters(const ng_dep_train_opts *o, pclust *cl, ng_error *err)
{
    if (o->clusters)
        return pclust_read(cl, o->clusters, err);
    return pclust_none(cl) == NG_OK ? NG_OK : ng_err(err, NG_ENOMEM, "train: out of memory");
}

int ng_dep_train(const ng_dep_data *train, const ng_dep_data *dev, const ng_dep_train_opts *o, const char *path,
                 ng_error *err)
{
    labels *L = ng_malloc(sizeof *L);
    if (!L)
        return ng_err(err, NG_ENOMEM, "train: out of memory");
    tdata t;
    trainer tr = {0};
    pclust cl;
    memset(&t, 0, sizeof t);
    int rc = load_clusters(o, &cl, err);
    if (rc == NG_OK)
        rc = collect_labels(train->c, L, err);
    if (rc == NG_OK)
        assign_groups(L, o->label_groups);
    if (rc == NG_OK)
        rc = tdata_build(train, L, &t, err);
    if (rc == NG_OK)
        rc = trainer_init(&tr, L, o, &cl, err);
    if (rc == NG_OK)
        rc = train_loop(&tr, &t, L, dev, o, path, err);
    trainer_free(&tr);
    tdata_free(&t);
    pclust_free(&cl);
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
