/*
 * draw.c - evaluation from raw text: each document's "# text" lines are
 * joined, run through our tokenizer, tagger, parser and lemmatizer, and the
 * system words are aligned to the gold words by character spans (CoNLL
 * 2018 style); scores are then F1 over gold and system words.
 * Invariant: gold spans are found left to right in the joined text; a gold
 * word whose form is not there stays unaligned (counted, never matched).
 */
#include "parse/draw.h"
#include "parse/lemma.h"

/* One gold sentence: its "# text" and whether a new document starts. */
typedef struct rsent {
    const char *text;
    uint32_t len;
    bool newdoc;
} rsent;

/* The "# text" line and "# newdoc" mark of every sentence of c, in order. */
static void raw_sentences(const ng_corpus *c, rsent *out)
{
    const char *p = c->text, *end = c->text + c->len;
    rsent pend = {NULL, 0, false};
    size_t k = 0;
    bool in_block = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
        if (e == p) {
            in_block = false;
        } else if (*p == '#') {
            if ((size_t)(e - p) >= 9 && memcmp(p, "# text = ", 9) == 0)
                pend.text = p + 9, pend.len = (uint32_t)(e - p - 9);
            else if ((size_t)(e - p) >= 8 && memcmp(p, "# newdoc", 8) == 0)
                pend.newdoc = true;
        } else if (*p >= '0' && *p <= '9' && !in_block && k < c->nsents) {
            in_block = true;
            out[k++] = pend;
            pend = (rsent){NULL, 0, false};
        }
        p = nl ? nl + 1 : end;
    }
    for (; k < c->nsents; k++)
        out[k] = (rsent){NULL, 0, false};
}

/* Gold words of sentences [a, b): spans in the joined text buf. */
static void gold_spans(const ng_corpus *c, const rsent *rs, size_t a, size_t b, ng_buf *buf, ng_span *span)
{
    for (size_t s = a; s < b; s++) {
        if (s > a)
            ng_buf_putc(buf, rs[s].newdoc ? '\n' : ' ');
        size_t base = buf->len, at = 0, len = rs[s].text ? rs[s].len : 0;
        if (rs[s].text)
            ng_buf_append(buf, rs[s].text, len);
        for (size_t i = c->sent_first[s]; i < c->sent_first[s + 1]; i++) {
            ng_strv f = c->words[i].form;
            while (at < len && (rs[s].text[at] == ' ' || rs[s].text[at] == '\t'))
                at++;
            if (f.n && at + f.n <= len && memcmp(rs[s].text + at, f.s, f.n) == 0) {
                span[i] = (ng_span){(uint32_t)(base + at), (uint32_t)(base + at + f.n)};
                at += f.n;
            } else {
                span[i] = (ng_span){UINT32_MAX, UINT32_MAX};
            }
        }
    }
}

/* Align gold words [g0, g1) (spans) and doc tokens by identical spans. */
static void align(const ng_span *span, size_t g0, size_t g1, const ng_doc *doc, int32_t *g2s, int32_t *s2g)
{
    size_t t = 0;
    for (size_t i = 0; i < doc->ntokens; i++)
        s2g[i] = -1;
    for (size_t g = g0; g < g1; g++) {
        g2s[g] = -1;
        if (span[g].start == UINT32_MAX)
            continue;
        while (t < doc->ntokens && doc->tokens[t].start < span[g].start)
            t++;
        if (t < doc->ntokens && doc->tokens[t].start == span[g].start && doc->tokens[t].end == span[g].end) {
            g2s[g] = (int32_t)t;
            s2g[t] = (int32_t)g;
        }
    }
}

/* Count one document: gold words [g0, g1) against doc's tokens. */
static void count_doc(const ng_corpus *c, size_t s0, size_t g0, size_t g1, const ng_doc *doc, const int32_t *g2s,
                      const int32_t *s2g, ng_dep_counts *out)
{
    out->words += g1 - g0;
    out->sys_words += doc->ntokens;
    size_t s = s0;
    for (size_t g = g0; g < g1; g++) {
        while (c->sent_first[s + 1] <= g)
            s++;
        int32_t t = g2s[g];
        if (t < 0)
            continue;
        const ng_cword *w = &c->words[g];
        const ng_token *tk = &doc->tokens[t];
        out->aligned++;
        out->upos_ok += tk->upos == dep_strv_upos(w->upos);
        if (tk->lemma)
            out->lemma_ok += w->lemma.n == strlen(tk->lemma) && memcmp(w->lemma.s, tk->lemma, w->lemma.n) == 0;
        /* Heads as comparable numbers: 0 root, else 1 + gold word index. */
        int32_t gh = w->head <= 0 ? w->head : (int32_t)(c->sent_first[s] + (uint32_t)w->head);
        int32_t sh = tk->head < 0 ? 0 : s2g[tk->head] < 0 ? -2 : s2g[tk->head] + 1;
        int gr = ng_dep_label_id(w->deprel), sr = tk->deprel;
        ng_dep_counts one = {0};
        ng_dep_count(&one, &gh, &gr, &sh, &sr, 1);
        out->uas += one.uas, out->las += one.las, out->las_full += one.las_full;
    }
}

/* Run the stages on one document's text. */
static int run_doc(const raw_models *m, ng_doc *doc, ng_error *err)
{
    int rc = ng_tokenize(doc, err);
    if (rc == NG_OK && m->pos)
        rc = ng_pos_tag_doc(m->pos, doc, err);
    if (rc == NG_OK)
        rc = ng_parse_doc(m->parser, doc, err);
    if (rc == NG_OK && m->lemmatizer)
        rc = ng_lemmatize_doc(m->lemmatizer, doc, err);
    return rc;
}

/* Evaluate sentences [a, b) as one document. */
static int eval_doc(const raw_models *m, const ng_corpus *c, const rsent *rs, size_t a, size_t b, ng_span *span,
                    int32_t *g2s, ng_dep_counts *out, ng_error *err)
{
    ng_buf buf;
    ng_buf_init(&buf);
    gold_spans(c, rs, a, b, &buf, span);
    ng_doc *doc = buf.oom ? NULL : ng_doc_new(buf.data ? buf.data : "", buf.len);
    ng_buf_free(&buf);
    if (!doc)
        return ng_err(err, NG_ENOMEM, "raw evaluation: out of memory");
    int rc = run_doc(m, doc, err);
    int32_t *s2g = rc == NG_OK ? ng_malloc((doc->ntokens + 1) * 4) : NULL;
    if (rc == NG_OK && !s2g)
        rc = ng_err(err, NG_ENOMEM, "raw evaluation: out of memory");
    if (rc == NG_OK) {
        align(span, c->sent_first[a], c->sent_first[b], doc, g2s, s2g);
        count_doc(c, a, c->sent_first[a], c->sent_first[b], doc, g2s, s2g, out);
    }
    if (s2g)
        ng_free(s2g, (doc->ntokens + 1) * 4);
    ng_doc_free(doc);
    return rc;
}

int dep_eval_raw(const raw_models *m, const ng_corpus *c, ng_dep_counts *out, ng_error *err)
{
    rsent *rs = ng_malloc((c->nsents + 1) * sizeof *rs);
    ng_span *span = ng_malloc((c->nwords + 1) * sizeof *span);
    int32_t *g2s = ng_malloc((c->nwords + 1) * 4);
    int rc = rs && span && g2s ? NG_OK : ng_err(err, NG_ENOMEM, "raw evaluation: out of memory");
    if (rc == NG_OK)
        raw_sentences(c, rs);
    for (size_t a = 0, b; rc == NG_OK && a < c->nsents; a = b) {
        for (b = a + 1; b < c->nsents && !rs[b].newdoc && b - a < RAW_MAX_DOC_SENTS; b++)
            ;
        rc = eval_doc(m, c, rs, a, b, span, g2s, out, err);
    }
    ng_free(rs, (c->nsents + 1) * sizeof *rs);
    ng_free(span, (c->nwords + 1) * sizeof *span);
    ng_free(g2s, (c->nwords + 1) * 4);
    return rc;
}
