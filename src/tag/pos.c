/*
 * pos.c - the POS tagger at run time: loading a model file (every table
 * checked), tagging sentences greedily left to right in one or two passes,
 * tagging documents, and scoring against a treebank.
 * Invariant: tagging allocates only when a sentence is longer than any the
 * ng_pos_work has seen; it never copies a word.
 */
#include "tag/posfeat.h"

#include <stdlib.h>
#include <time.h>

/* CPU time of this thread (tagging speed per core, whatever else runs on
 * the machine), or wall-clock time. */
static double now_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------- work memory */

/* Views of the work memory for sentences of up to cap words. */
typedef struct work_view {
    pos_atoms *atoms;   /* [cap + 2 * POS_PAD], centre at +POS_PAD */
    uint32_t *t1, *t2;  /* [cap + 2 * POS_PAD] each, centre at +POS_PAD */
    int32_t *dict;      /* [cap] */
    ng_strv *words;     /* [cap] for documents */
    uint32_t *out;      /* [cap] for documents */
} work_view;

static size_t work_bytes(size_t cap)
{
    size_t pad = cap + 2 * POS_PAD;
    return pad * sizeof(pos_atoms) + 2 * pad * sizeof(uint32_t) + cap * (sizeof(int32_t) + sizeof(ng_strv) +
                                                                           sizeof(uint32_t));
}

static work_view work_split(const ng_pos_work *w)
{
    size_t pad = w->cap + 2 * POS_PAD;
    work_view v;
    v.atoms = w->mem;
    v.words = (ng_strv *)(v.atoms + pad);
    v.t1 = (uint32_t *)(v.words + w->cap);
    v.t2 = v.t1 + pad;
    v.dict = (int32_t *)(v.t2 + pad);
    v.out = (uint32_t *)(v.dict + w->cap);
    return v;
}

static bool work_reserve(ng_pos_work *w, size_t n)
{
    if (n <= w->cap && w->mem)
        return true;
    size_t cap = NG_MAX(n, NG_MAX(w->cap * 2, (size_t)64));
    void *mem = ng_malloc(work_bytes(cap));
    if (!mem)
        return false;
    ng_pos_work_free(w);
    w->mem = mem;
    w->cap = cap;
    w->bytes = work_bytes(cap);
    return true;
}

void ng_pos_work_free(ng_pos_work *w)
{
    if (w->mem)
        ng_free(w->mem, w->bytes);
    memset(w, 0, sizeof *w);
}

/* ----------------------------------------------------------------- tagging */

/* The best class and by how much it beats the second. */
static uint32_t argmax2(const int32_t *s, uint32_t n, int32_t *margin)
{
    uint32_t best = 0;
    int32_t second = INT32_MIN;
    for (uint32_t i = 1; i < n; i++) {
        if (s[i] > s[best]) {
            second = s[best];
            best = i;
        } else if (s[i] > second) {
            second = s[i];
        }
    }
    *margin = n > 1 ? s[best] - second : INT32_MAX;
    return best;
}

void pos_run_pass(const ng_pmodel *pm, const pos_atoms *atoms, int32_t *dict, const uint8_t *map, size_t n,
                  uint32_t *t, const uint32_t *r, int32_t fix)
{
    uint64_t f[NG_POS_MAX_FEATS];
    int32_t scores[NG_POS_MAX_CLASSES], margin;
    for (int k = 1; k <= POS_PAD; k++)
        t[-k] = POS_TAG_START;
    for (size_t i = 0; i < n; i++) {
        if (dict[i] >= 0) {
            t[i] = map ? map[dict[i]] : (uint32_t)dict[i];
            continue;
        }
        size_t nf = pos_features(atoms + i, t + i, r ? r + i : NULL, f);
        ng_pmodel_score(pm, f, nf, scores);
        t[i] = argmax2(scores, pm->nclasses, &margin);
        if (fix && margin >= fix)
            dict[i] = (int32_t)t[i];
    }
    for (size_t k = 0; k < POS_PAD; k++)
        t[n + k] = POS_TAG_END;
}

/* Word i of an ng_strv array (for pos_sentence_atoms). */
static const char *strv_word(const void *ud, size_t i, size_t *len)
{
    const ng_strv *w = (const ng_strv *)ud + i;
    *len = w->n;
    return w->s;
}

int ng_pos_tag_words(const ng_pos *m, const ng_strv *words, size_t n, ng_pos_work *w, uint32_t *out)
{
    if (n == 0)
        return NG_OK;
    if (!work_reserve(w, n))
        return NG_ENOMEM;
    work_view v = work_split(w);
    pos_atoms *a = v.atoms + POS_PAD;
    pos_sentence_atoms(m, strv_word, words, n, a, v.dict);
    uint32_t *t1 = v.t1 + POS_PAD, *t2 = v.t2 + POS_PAD;
    pos_run_pass(&m->pass[0], a, v.dict, m->coarse ? m->upos : NULL, n, t1, NULL,
                 m->npasses == 2 && !m->coarse ? m->sure : 0);
    if (m->npasses == 2)
        pos_run_pass(&m->pass[1], a, v.dict, NULL, n, t2, t1, 0);
    memcpy(out, m->npasses == 2 ? t2 : t1, n * sizeof *out);
    return NG_OK;
}

/* Tag tokens [first, first + n) of doc. */
static int tag_run(const ng_pos *m, ng_doc *doc, size_t first, size_t n, ng_pos_work *w)
{
    if (!work_reserve(w, n))
        return NG_ENOMEM;
    work_view v = work_split(w);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        v.words[i].s = ng_tok_text(doc, &doc->tokens[first + i], &len);
        v.words[i].n = (uint32_t)len;
    }
    /* ng_pos_tag_words keeps words and out in their own parts of w */
    int rc = ng_pos_tag_words(m, v.words, n, w, v.out);
    for (size_t i = 0; rc == NG_OK && i < n; i++) {
        doc->tokens[first + i].upos = m->upos[v.out[i]];
        doc->tokens[first + i].xpos = m->xpos[v.out[i]];
    }
    return rc;
}

int ng_pos_tag_doc(const ng_pos *m, ng_doc *doc, ng_error *err)
{
    ng_pos_work w = {0};
    int rc = NG_OK;
    for (size_t s = 0; rc == NG_OK && s < doc->nsents; s++) {
        const ng_sentence *se = &doc->sents[s];
        for (size_t off = 0; rc == NG_OK && off < se->ntokens; off += NG_POS_MAX_SENT)
            rc = tag_run(m, doc, se->first + off, NG_MIN((size_t)se->ntokens - off, (size_t)NG_POS_MAX_SENT), &w);
    }
    ng_pos_work_free(&w);
    if (rc != NG_OK)
        return ng_err(err, rc, "%s: POS tagging: out of memory", ng_doc_get(doc, NG_F_ID) ? ng_doc_get(doc, NG_F_ID) : "document");
    return NG_OK;
}

/* ----------------------------------------------------------------- labels */

void pos_set_label(ng_pos *m, uint32_t c, const char *s, size_t n)
{
    char buf[24];
    n = NG_MIN(n, sizeof buf - 1);
    memcpy(buf, s, n);
    buf[n] = '\0';
    memcpy(m->label[c], buf, n + 1);
    char *sp = strchr(buf, ' ');
    m->upos[c] = sp ? (uint8_t)ng_upos_id(sp + 1) : 0;
    if (sp)
        *sp = '\0';
    m->xpos[c] = (uint16_t)ng_xpos_id(buf);
}

uint32_t ng_pos_nclasses(const ng_pos *m) { return m->nclasses; }
int ng_pos_class_upos(const ng_pos *m, uint32_t c) { return c < m->nclasses ? m->upos[c] : 0; }
int ng_pos_class_xpos(const ng_pos *m, uint32_t c) { return c < m->nclasses ? m->xpos[c] : 0; }
const char *ng_pos_class_label(const ng_pos *m, uint32_t c) { return c < m->nclasses ? m->label[c] : "_"; }
const ng_mfile *ng_pos_file(const ng_pos *m) { return m->file; }

/* ----------------------------------------------------------------- loading */

static int load_meta(ng_pos *m, ng_error *err)
{
    const char *name = ng_mfile_name(m->file);
    char v[32];
    if (strcmp(ng_mfile_kind(m->file), "pos") != 0)
        return ng_err(err, NG_EMODEL, "%s: a '%s' model, not a POS model", name, ng_mfile_kind(m->file));
    if (!ng_mfile_meta(m->file, "meta", "features", v, sizeof v) || atoi(v) < POS_FEATURES_MIN ||
        atoi(v) > POS_FEATURES)
        return ng_err(err, NG_EMODEL, "%s: POS feature set %s, this build uses %d (retrain the model)", name,
                      ng_mfile_meta(m->file, "meta", "features", v, sizeof v) ? v : "missing", POS_FEATURES);
    if (!ng_mfile_meta(m->file, "meta", "passes", v, sizeof v) || (atoi(v) != 1 && atoi(v) != 2))
        return ng_err(err, NG_EMODEL, "%s: bad or missing 'passes' in meta", name);
    m->npasses = atoi(v);
    m->coarse = ng_mfile_meta(m->file, "meta", "pass1", v, sizeof v) && strcmp(v, "upos") == 0;
    if (ng_mfile_meta(m->file, "meta", "sure", v, sizeof v))
        m->sure_weight = atof(v);
    if (m->coarse && m->npasses != 2)
        return ng_err(err, NG_EMODEL, "%s: a coarse first pass needs a second pass", name);
    return NG_OK;
}

static int load_labels(ng_pos *m, ng_error *err)
{
    size_t n = ng_mfile_nlines(m->file, "labels");
    if (n == 0 || n > NG_POS_MAX_CLASSES)
        return ng_err(err, NG_EMODEL, "%s: %zu labels (expected 1..%d)", ng_mfile_name(m->file), n,
                      NG_POS_MAX_CLASSES);
    m->nclasses = (uint32_t)n;
    for (size_t i = 0; i < n; i++) {
        const char *s;
        size_t len;
        ng_mfile_line(m->file, "labels", i, &s, &len);
        pos_set_label(m, (uint32_t)i, s, len);
    }
    return NG_OK;
}

static int load_dict(ng_pos *m, ng_error *err)
{
    size_t n;
    int rc = ng_mfile_u64s(m->file, "tagdict", &m->dict, &n, err);
    if (rc != NG_OK)
        return rc;
    size_t slots = n / 2, empty = 0;
    if (n % 2 || (slots & (slots - 1)) || slots > UINT32_MAX)
        return ng_err(err, NG_EMODEL, "%s: tag dictionary size %zu is not a power of two", ng_mfile_name(m->file), slots);
    for (size_t i = 0; i < slots; i++) {
        empty += m->dict[2 * i] == 0;
        if (m->dict[2 * i] && m->dict[2 * i + 1] >= m->nclasses)
            return ng_err(err, NG_EMODEL, "%s: tag dictionary entry %zu names class %llu of %u",
                          ng_mfile_name(m->file), i, (unsigned long long)m->dict[2 * i + 1], m->nclasses);
    }
    if (slots && !empty)
        return ng_err(err, NG_EMODEL, "%s: tag dictionary has no empty slot", ng_mfile_name(m->file));
    m->dict_slots = (uint32_t)slots;
    return NG_OK;
}

/* The optional lexicon: every slot's class names a line of "lexsets", and
 * one slot at least is empty. */
static int load_lexicon(ng_pos *m, ng_error *err)
{
    size_t len, n;
    if (!ng_mfile_section(m->file, "lexicon", &len))
        return NG_OK;
    int rc = ng_mfile_u64s(m->file, "lexicon", &m->lex, &n, err);
    if (rc != NG_OK)
        return rc;
    size_t sets = ng_mfile_nlines(m->file, "lexsets"), empty = 0;
    if (n == 0 || n > UINT32_MAX)
        return ng_err(err, NG_EMODEL, "%s: empty or oversized lexicon", ng_mfile_name(m->file));
    for (size_t i = 0; i < n; i++) {
        empty += m->lex[i] == 0;
        if (m->lex[i] && ((m->lex[i] & 0xffff) == 0 || (m->lex[i] & 0xffff) > sets))
            return ng_err(err, NG_EMODEL, "%s: lexicon slot %zu names tag set %llu of %zu", ng_mfile_name(m->file),
                          i, (unsigned long long)(m->lex[i] & 0xffff), sets);
    }
    if (!empty)
        return ng_err(err, NG_EMODEL, "%s: lexicon has no empty slot", ng_mfile_name(m->file));
    m->lex_slots = (uint32_t)n;
    m->lex_classes = (uint32_t)sets;
    return NG_OK;
}

/* The optional clusters: a word table whose values name a path of
 * "clpaths", each path a marker bit followed by at most POS_CLU_MAX_BITS
 * bits; one slot at least is empty. */
static int load_clusters(ng_pos *m, ng_error *err)
{
    size_t len, n, np, empty = 0;
    const char *name = ng_mfile_name(m->file);
    if (!ng_mfile_section(m->file, "clusters", &len))
        return NG_OK;
    int rc = ng_mfile_u64s(m->file, "clusters", &m->clu, &n, err);
    if (rc == NG_OK)
        rc = ng_mfile_u64s(m->file, "clpaths", &m->clpath, &np, err);
    if (rc != NG_OK)
        return rc;
    if (n == 0 || n > UINT32_MAX || np == 0 || np > 0xfff0)
        return ng_err(err, NG_EMODEL, "%s: empty or oversized cluster table", name);
    for (size_t i = 0; i < np; i++)
        if (m->clpath[i] < 2 || m->clpath[i] >> (POS_CLU_MAX_BITS + 1))
            return ng_err(err, NG_EMODEL, "%s: cluster path %zu is malformed", name, i);
    for (size_t i = 0; i < n; i++) {
        empty += m->clu[i] == 0;
        if (m->clu[i] && ((m->clu[i] & 0xffff) == 0 || (m->clu[i] & 0xffff) > np))
            return ng_err(err, NG_EMODEL, "%s: cluster slot %zu names cluster %llu of %zu", name, i,
                          (unsigned long long)(m->clu[i] & 0xffff), np);
    }
    if (!empty)
        return ng_err(err, NG_EMODEL, "%s: cluster table has no empty slot", name);
    m->clu_slots = (uint32_t)n;
    m->nclusters = (uint32_t)np;
    return NG_OK;
}

static int load_passes(ng_pos *m, ng_error *err)
{
    static const char *const prefix[2] = {"pass1", "pass2"};
    for (int p = 0; p < m->npasses; p++) {
        int rc = ng_pmodel_load(m->file, prefix[p], &m->pass[p], err);
        if (rc != NG_OK)
            return rc;
        if (m->pass[p].nclasses != (p == 0 && m->coarse ? (uint32_t)NG_NUPOS : m->nclasses))
            return ng_err(err, NG_EMODEL, "%s: model '%s' has %u classes, labels %u", ng_mfile_name(m->file),
                          prefix[p], m->pass[p].nclasses, m->nclasses);
    }
    return NG_OK;
}

static int finish_load(ng_mfile *f, ng_pos **out, ng_error *err)
{
    ng_pos *m = ng_calloc(1, sizeof *m);
    if (!m) {
        ng_err(err, NG_ENOMEM, "%s: out of memory", ng_mfile_name(f));
        ng_mfile_close(f);
        return NG_ENOMEM;
    }
    m->file = f;
    int rc = load_meta(m, err);
    if (rc == NG_OK)
        rc = load_labels(m, err);
    if (rc == NG_OK)
        rc = load_dict(m, err);
    if (rc == NG_OK)
        rc = load_lexicon(m, err);
    if (rc == NG_OK)
        rc = load_clusters(m, err);
    if (rc == NG_OK)
        rc = load_passes(m, err);
    if (rc == NG_OK && m->sure_weight > 0)
        m->sure = (int32_t)NG_MIN(m->sure_weight / (double)m->pass[0].scale, 2e9);
    if (rc != NG_OK) {
        ng_pos_free(m);
        return rc;
    }
    *out = m;
    return NG_OK;
}

int ng_pos_load(const char *path, ng_pos **out, ng_error *err)
{
    ng_mfile *f;
    *out = NULL;
    int rc = ng_mfile_open(path, &f, err);
    return rc == NG_OK ? finish_load(f, out, err) : rc;
}

int ng_pos_load_mem(const char *name, const void *data, size_t len, ng_pos **out, ng_error *err)
{
    ng_mfile *f;
    *out = NULL;
    int rc = ng_mfile_open_mem(name, data, len, &f, err);
    return rc == NG_OK ? finish_load(f, out, err) : rc;
}

void ng_pos_free(ng_pos *m)
{
    if (!m)
        return;
    ng_pmodel_free(&m->pass[0]);
    ng_pmodel_free(&m->pass[1]);
    if (!m->file)
        ng_free((void *)m->dict, (size_t)m->dict_slots * 16);
    ng_mfile_close(m->file);
    ng_free(m, sizeof *m);
}

/* ----------------------------------------------------------------- scoring */

void ng_pos_count(ng_pos_counts *c, const uint8_t *gold_upos, const uint16_t *gold_xpos, const uint8_t *upos,
                  const uint16_t *xpos, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        c->upos_ok += gold_upos[i] && gold_upos[i] == upos[i];
        c->xpos_ok += gold_xpos[i] && gold_xpos[i] == xpos[i];
    }
    c->words += n;
}

/* The fixed-table id of a tag view (0 when unknown). */
static int tag_id(ng_strv v, int (*id)(const char *))
{
    char buf[32];
    if (v.n == 0 || v.n >= sizeof buf)
        return 0;
    memcpy(buf, v.s, v.n);
    buf[v.n] = '\0';
    return id(buf);
}

/* Per-sentence arrays for evaluation, sized to the longest sentence. */
typedef struct eval_buf {
    ng_strv *words;
    uint32_t *cls;
    uint8_t *gu, *pu;
    uint16_t *gx, *px;
    size_t cap;
} eval_buf;

static size_t eval_bytes(size_t cap)
{
    return cap * (sizeof(ng_strv) + sizeof(uint32_t) + 2 * sizeof(uint8_t) + 2 * sizeof(uint16_t));
}

static bool eval_buf_init(eval_buf *b, size_t cap)
{
    char *p = ng_malloc(eval_bytes(cap ? cap : 1));
    if (!p)
        return false;
    b->cap = cap ? cap : 1;
    b->words = (ng_strv *)p;
    b->cls = (uint32_t *)(b->words + b->cap);
    b->gx = (uint16_t *)(b->cls + b->cap);
    b->px = b->gx + b->cap;
    b->gu = (uint8_t *)(b->px + b->cap);
    b->pu = b->gu + b->cap;
    return true;
}

/* Tag one sentence cw[n] and count against its gold tags. */
static int eval_sentence(const ng_pos *m, const ng_cword *cw, size_t n, ng_pos_work *w, eval_buf *b,
                         ng_pos_counts *out)
{
    for (size_t i = 0; i < n; i++)
        b->words[i] = cw[i].form;
    double t0 = now_cpu();
    int rc = ng_pos_tag_words(m, b->words, n, w, b->cls);
    out->seconds += now_cpu() - t0;
    if (rc != NG_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        b->gu[i] = (uint8_t)tag_id(cw[i].upos, ng_upos_id);
        b->gx[i] = (uint16_t)tag_id(cw[i].xpos, ng_xpos_id);
        b->pu[i] = m->upos[b->cls[i]];
        b->px[i] = m->xpos[b->cls[i]];
    }
    ng_pos_count(out, b->gu, b->gx, b->pu, b->px, n);
    return NG_OK;
}

int ng_pos_eval(const ng_pos *m, const ng_corpus *c, ng_pos_counts *out, ng_error *err)
{
    size_t longest = 0;
    for (size_t s = 0; s < c->nsents; s++)
        longest = NG_MAX(longest, (size_t)(c->sent_first[s + 1] - c->sent_first[s]));
    eval_buf b;
    if (!eval_buf_init(&b, longest))
        return ng_err(err, NG_ENOMEM, "POS evaluation: out of memory");
    ng_pos_work w = {0};
    int rc = NG_OK;
    for (size_t s = 0; rc == NG_OK && s < c->nsents; s++) {
        uint32_t a = c->sent_first[s], e = c->sent_first[s + 1];
        rc = eval_sentence(m, c->words + a, e - a, &w, &b, out);
    }
    ng_pos_work_free(&w);
    ng_free(b.words, eval_bytes(b.cap));
    return rc == NG_OK ? NG_OK : ng_err(err, rc, "POS evaluation: out of memory");
}

int ng_pos_eval_file(const char *model_path, const char *conllu_path, ng_pos_counts *out, double *load_seconds,
                     ng_error *err)
{
    char def[4096];
    if (!model_path) {
        snprintf(def, sizeof def, "%s/pos.model", ng_data_dir("models"));
        model_path = def;
    }
    ng_corpus c;
    int rc = ng_corpus_read(conllu_path, &c, err);
    if (rc != NG_OK)
        return rc;
    ng_pos *m = NULL;
    double t0 = now_wall();
    rc = ng_pos_load(model_path, &m, err);
    if (load_seconds)
        *load_seconds = now_wall() - t0;
    if (rc == NG_OK)
        rc = ng_pos_eval(m, &c, out, err);
    ng_pos_free(m);
    ng_corpus_free(&c);
    return rc;
}
