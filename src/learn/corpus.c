/*
 * corpus.c - reading a CoNLL-U treebank whole for training and evaluation:
 * syntactic words (multiword ranges and empty nodes skipped) as views into
 * the file text, grouped into sentences.
 * Invariant: sent_first[nsents] == nwords; every view points into text.
 */
#include "learn/learn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void ng_corpus_free(ng_corpus *c)
{
    ng_free(c->text, c->len + 1);
    ng_free(c->words, c->cap_words * sizeof *c->words);
    ng_free(c->sent_first, c->cap_sents * sizeof *c->sent_first);
    memset(c, 0, sizeof *c);
}

/* Split line [p, e) on tabs into up to 10 views; returns the column count. */
static int split_cols(char *p, char *e, ng_strv *cols)
{
    int n = 0;
    while (n < 10) {
        char *tab = memchr(p, '\t', (size_t)(e - p));
        char *end = tab ? tab : e;
        cols[n++] = (ng_strv){p, (uint32_t)(end - p)};
        if (!tab)
            break;
        p = tab + 1;
    }
    return n;
}

static ng_strv blank(ng_strv v)
{
    return v.n == 1 && v.s[0] == '_' ? (ng_strv){v.s, 0} : v;
}

/* Close the current sentence (if it has words). */
static bool end_sentence(ng_corpus *c)
{
    if (c->sent_first[c->nsents] == c->nwords)
        return true;
    if (!NG_GROW(c->sent_first, c->cap_sents, c->nsents + 2))
        return false;
    c->sent_first[++c->nsents] = (uint32_t)c->nwords;
    return true;
}

/* One word line: NG_OK, or NG_EFORMAT / NG_ETOOBIG / NG_ENOMEM. */
static int word_line(ng_corpus *c, const char *name, size_t lineno, char *p, char *e, ng_error *err)
{
    ng_strv col[10];
    if (split_cols(p, e, col) != 10 || memchr(col[9].s, '\t', col[9].n))
        return ng_err(err, NG_EFORMAT, "%s:%zu: expected 10 tab-separated columns", name, lineno);
    const char *id = col[0].s;
    size_t digits = 0;
    while (digits < col[0].n && id[digits] >= '0' && id[digits] <= '9')
        digits++;
    if (digits == 0)
        return ng_err(err, NG_EFORMAT, "%s:%zu: bad word id", name, lineno);
    if (digits < col[0].n) /* "3-4" multiword range or "3.1" empty node */
        return NG_OK;
    if (c->nwords - c->sent_first[c->nsents] >= NG_CONLLU_MAX_SENT_WORDS)
        return ng_err(err, NG_ETOOBIG, "%s:%zu: sentence longer than %d words", name, lineno,
                      NG_CONLLU_MAX_SENT_WORDS);
    if (!NG_GROW(c->words, c->cap_words, c->nwords + 1))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    ng_cword *w = &c->words[c->nwords++];
    w->form = col[1];
    w->lemma = blank(col[2]);
    w->upos = blank(col[3]);
    w->xpos = blank(col[4]);
    w->feats = blank(col[5]);
    w->head = col[6].n == 1 && col[6].s[0] == '_' ? -1 : (int32_t)strtol(col[6].s, NULL, 10);
    w->deprel = blank(col[7]);
    w->misc = blank(col[9]);
    return NG_OK;
}

static int parse_lines(ng_corpus *c, const char *name, ng_error *err)
{
    char *p = c->text, *end = c->text + c->len;
    size_t lineno = 0;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        lineno++;
        if (e > p && e[-1] == '\r')
            e--;
        int rc = NG_OK;
        if (e == p) {
            if (!end_sentence(c))
                rc = ng_err(err, NG_ENOMEM, "%s: out of memory", name);
        } else if (*p != '#') {
            rc = word_line(c, name, lineno, p, e, err);
        }
        if (rc != NG_OK)
            return rc;
        p = nl ? nl + 1 : end;
    }
    return end_sentence(c) ? NG_OK : ng_err(err, NG_ENOMEM, "%s: out of memory", name);
}

int ng_corpus_parse(const char *name, const char *text, size_t len, ng_corpus *c, ng_error *err)
{
    memset(c, 0, sizeof *c);
    if (len > NG_CONLLU_MAX_BYTES)
        return ng_err(err, NG_ETOOBIG, "%s: corpus larger than %zu bytes", name, NG_CONLLU_MAX_BYTES);
    c->text = ng_strndup(text, len);
    c->len = len;
    if (!c->text || !NG_GROW(c->sent_first, c->cap_sents, 2)) {
        ng_corpus_free(c);
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    c->sent_first[0] = 0;
    int rc = parse_lines(c, name, err);
    if (rc != NG_OK)
        ng_corpus_free(c);
    return rc;
}

/* The whole file in a new NUL-terminated buffer. */
static int slurp(const char *path, char **out, size_t *len, ng_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ng_err(err, errno == ENOENT ? NG_ENOTFOUND : NG_EIO, "%s: cannot open: %s", path, strerror(errno));
    ng_buf b;
    ng_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && b.len <= NG_CONLLU_MAX_BYTES)
        ng_buf_append(&b, chunk, n);
    int rc = NG_OK;
    if (ferror(fp))
        rc = ng_err(err, NG_EIO, "%s: read error", path);
    else if (b.oom)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    else if (b.len > NG_CONLLU_MAX_BYTES)
        rc = ng_err(err, NG_ETOOBIG, "%s: corpus larger than %zu bytes", path, NG_CONLLU_MAX_BYTES);
    fclose(fp);
    if (rc == NG_OK) {
        *len = b.len;
        *out = b.data;
        return NG_OK;
    }
    ng_buf_free(&b);
    return rc;
}

int ng_corpus_read(const char *path, ng_corpus *c, ng_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = slurp(path, &text, &len, err);
    if (rc != NG_OK) {
        memset(c, 0, sizeof *c);
        return rc;
    }
    rc = ng_corpus_parse(path, text ? text : "", len, c, err);
    ng_free(text, 0);
    return rc;
}
