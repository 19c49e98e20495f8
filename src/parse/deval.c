/*
 * deval.c - attachment scores of the parser against a treebank, counted as
 * in the CoNLL 2018 shared task: every syntactic word, punctuation
 * included; LAS on the universal part of the label (subtypes ignored).
 */
#include "parse/pint.h"

/* The universal part of a deprel id's name, as an id. */
static int universal(int rel)
{
    const char *name = ng_deprel_name(rel);
    const char *colon = strchr(name, ':');
    if (!colon)
        return rel;
    char buf[32];
    size_t n = NG_MIN((size_t)(colon - name), sizeof buf - 1);
    memcpy(buf, name, n);
    buf[n] = '\0';
    int id = ng_deprel_id(buf);
    return id ? id : rel;
}

void ng_dep_count(ng_dep_counts *c, const int32_t *gold_head, const int *gold_rel, const int32_t *head,
                  const int *rel, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        c->words++;
        if (gold_head[i] != head[i])
            continue;
        c->uas++;
        c->las += universal(gold_rel[i]) == universal(rel[i]);
        c->las_full += gold_rel[i] == rel[i];
    }
}

/* Tag ids of corpus strings (0 when unknown). */
int dep_strv_upos(ng_strv v)
{
    char buf[16];
    if (v.n == 0 || v.n >= sizeof buf)
        return 0;
    memcpy(buf, v.s, v.n);
    buf[v.n] = '\0';
    return ng_upos_id(buf);
}

int dep_strv_xpos(ng_strv v)
{
    char buf[16];
    if (v.n == 0 || v.n >= sizeof buf)
        return 0;
    memcpy(buf, v.s, v.n);
    buf[v.n] = '\0';
    return ng_xpos_id(buf);
}

/* Scratch arrays for one sentence of up to cap words. */
typedef struct sent_buf {
    ng_strv *forms;
    uint8_t *upos, *rel8;
    uint16_t *xpos;
    int32_t *gh, *ph;
    int *gr, *pr;
    size_t cap;
} sent_buf;

static void sent_buf_free(sent_buf *b)
{
    size_t c = b->cap;
    ng_free(b->forms, c * sizeof *b->forms);
    ng_free(b->upos, c);
    ng_free(b->rel8, c);
    ng_free(b->xpos, c * 2);
    ng_free(b->gh, c * 4);
    ng_free(b->ph, c * 4);
    ng_free(b->gr, c * sizeof(int));
    ng_free(b->pr, c * sizeof(int));
    memset(b, 0, sizeof *b);
}

static bool sent_buf_alloc(sent_buf *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->cap = cap;
    b->forms = ng_malloc(cap * sizeof *b->forms);
    b->upos = ng_malloc(cap);
    b->rel8 = ng_malloc(cap);
    b->xpos = ng_malloc(cap * 2);
    b->gh = ng_malloc(cap * 4);
    b->ph = ng_malloc(cap * 4);
    b->gr = ng_malloc(cap * sizeof(int));
    b->pr = ng_malloc(cap * sizeof(int));
    return b->forms && b->upos && b->rel8 && b->xpos && b->gh && b->ph && b->gr && b->pr;
}

/* Load sentence [first, first + n) of d into b: forms, tags, gold tree. */
static void load_sentence(const ng_dep_data *d, size_t first, size_t n, sent_buf *b)
{
    const ng_cword *w = d->c->words + first;
    for (size_t i = 0; i < n; i++) {
        b->forms[i] = w[i].form;
        b->upos[i] = d->upos ? d->upos[first + i] : (uint8_t)dep_strv_upos(w[i].upos);
        b->xpos[i] = d->xpos ? d->xpos[first + i] : (uint16_t)dep_strv_xpos(w[i].xpos);
        b->gh[i] = w[i].head;
        b->gr[i] = ng_dep_label_id(w[i].deprel);
    }
}

int ng_dep_eval(const ng_parser *p, const ng_dep_data *d, ng_dep_counts *out, ng_error *err)
{
    sent_buf b;
    ng_parse_work w = {0};
    size_t cap = 1;
    for (size_t s = 0; s < d->c->nsents; s++)
        cap = NG_MAX(cap, (size_t)(d->c->sent_first[s + 1] - d->c->sent_first[s]));
    int rc = sent_buf_alloc(&b, cap) ? NG_OK : NG_ENOMEM;
    for (size_t s = 0; s < d->c->nsents && rc == NG_OK; s++) {
        size_t first = d->c->sent_first[s], n = d->c->sent_first[s + 1] - first;
        load_sentence(d, first, n, &b);
        rc = ng_parse_words(p, b.forms, b.upos, b.xpos, n, &w, b.ph, b.rel8);
        for (size_t i = 0; i < n; i++) {
            b.ph[i] += 1; /* -1 (root) -> 0, word i -> i + 1 */
            b.pr[i] = b.rel8[i];
        }
        if (rc == NG_OK)
            ng_dep_count(out, b.gh, b.gr, b.ph, b.pr, n);
    }
    ng_parse_work_free(&w);
    sent_buf_free(&b);
    return rc == NG_OK ? NG_OK : ng_err(err, rc, "dependency evaluation: out of memory");
}
