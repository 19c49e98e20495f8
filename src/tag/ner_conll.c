/*
 * ner_conll.c - reading NER corpora whole: CoNLL-2003 (token first, tag
 * last, -DOCSTART- documents) and IOB2 (UNER: id, token, tag, # comments).
 * Invariants: sent_first[nsents] == nwords, doc_first[ndocs] == nsents;
 * every word view points into text; labels are stored normalised IOB2.
 */
#include "tag/ner.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void ng_ner_corpus_free(ng_ner_corpus *c)
{
    if (c->text)
        ng_free(c->text, c->len + 1);
    ng_free(c->words, c->cap_words * sizeof *c->words);
    ng_free(c->iob, c->cap_tags);
    ng_free(c->type, c->cap_tags);
    ng_free(c->sent_first, c->cap_sents * sizeof *c->sent_first);
    ng_free(c->doc_first, c->cap_docs * sizeof *c->doc_first);
    memset(c, 0, sizeof *c);
}

unsigned ng_ner_corpus_type(const ng_ner_corpus *c, const char *s, size_t n)
{
    for (unsigned t = 1; t <= c->ntypes; t++)
        if (strlen(c->types[t]) == n && memcmp(c->types[t], s, n) == 0)
            return t;
    return 0;
}

/* Split [p, e) on spaces and tabs (format CONLL) or tabs only (IOB2) into up
 * to max views; returns the count. */
static int split_cols(const char *p, const char *e, bool tabs_only, ng_strv *cols, int max)
{
    int n = 0;
    while (p < e && n < max) {
        if (*p == '\t' || (!tabs_only && *p == ' ')) {
            p++;
            continue;
        }
        const char *s = p;
        while (p < e && *p != '\t' && (tabs_only || *p != ' '))
            p++;
        cols[n++] = (ng_strv){s, (uint32_t)(p - s)};
    }
    return n;
}

/* Close the current sentence (if it has words). */
static bool end_sentence(ng_ner_corpus *c)
{
    if (c->sent_first[c->nsents] == c->nwords)
        return true;
    if (!NG_GROW(c->sent_first, c->cap_sents, c->nsents + 2))
        return false;
    c->sent_first[++c->nsents] = (uint32_t)c->nwords;
    return true;
}

/* Close the current document (if it has sentences). */
static bool end_doc(ng_ner_corpus *c)
{
    if (!end_sentence(c))
        return false;
    if (c->doc_first[c->ndocs] == c->nsents)
        return true;
    if (!NG_GROW(c->doc_first, c->cap_docs, c->ndocs + 2))
        return false;
    c->doc_first[++c->ndocs] = (uint32_t)c->nsents;
    return true;
}

/* Parse tag v into iob and type (adding the type name).  NG_OK or NG_EFORMAT
 * / NG_ETOOBIG. */
static int parse_tag(ng_ner_corpus *c, ng_strv v, uint8_t *iob, uint8_t *type)
{
    if (v.n == 1 && v.s[0] == 'O') {
        *iob = NG_IOB_O;
        *type = 0;
        return NG_OK;
    }
    if (v.n < 3 || (v.s[0] != 'B' && v.s[0] != 'I') || v.s[1] != '-')
        return NG_EFORMAT;
    size_t n = v.n - 2;
    if (n >= NG_NER_TYPE_NAME)
        return NG_EFORMAT;
    unsigned t = ng_ner_corpus_type(c, v.s + 2, n);
    if (!t) {
        if (c->ntypes >= NG_NER_MAX_TYPES)
            return NG_ETOOBIG;
        t = ++c->ntypes;
        memcpy(c->types[t], v.s + 2, n);
        c->types[t][n] = '\0';
    }
    *iob = v.s[0] == 'B' ? NG_IOB_B : NG_IOB_I;
    *type = (uint8_t)t;
    return NG_OK;
}

/* Whether [p, e) looks like an IOB2 word line: a number, a tab, more. */
static bool looks_iob2(const char *p, const char *e)
{
    const char *q = p;
    while (q < e && *q >= '0' && *q <= '9')
        q++;
    return q > p && q < e && *q == '\t';
}

/* One word line.  NG_OK or an error naming the line. */
static int word_line(ng_ner_corpus *c, const char *name, size_t lineno, const char *p, const char *e,
                     ng_error *err)
{
    ng_strv col[16];
    bool iob2 = c->format == NG_NER_FMT_IOB2;
    int ncols = split_cols(p, e, iob2, col, 16);
    if (ncols < (iob2 ? 3 : 2))
        return ng_err(err, NG_EFORMAT, "%s:%zu: expected %s", name, lineno,
                      iob2 ? "ID, token and tag separated by tabs" : "a token and a tag");
    ng_strv word = iob2 ? col[1] : col[0], tag = iob2 ? col[2] : col[ncols - 1];
    if (c->nwords - c->sent_first[c->nsents] >= NG_NER_MAX_SENT_WORDS)
        return ng_err(err, NG_ETOOBIG, "%s:%zu: sentence longer than %d words", name, lineno,
                      NG_NER_MAX_SENT_WORDS);
    size_t tagcap = c->cap_tags;
    if (!NG_GROW(c->words, c->cap_words, c->nwords + 1) || !NG_GROW(c->iob, tagcap, c->nwords + 1))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    if (tagcap != c->cap_tags) {
        uint8_t *t = ng_realloc(c->type, c->cap_tags, tagcap);
        if (!t)
            return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
        c->type = t;
        c->cap_tags = tagcap;
    }
    int rc = parse_tag(c, tag, &c->iob[c->nwords], &c->type[c->nwords]);
    if (rc == NG_ETOOBIG)
        return ng_err(err, rc, "%s:%zu: more than %d entity types", name, lineno, NG_NER_MAX_TYPES);
    if (rc != NG_OK)
        return ng_err(err, rc, "%s:%zu: bad tag '%.*s' (O, B-TYPE or I-TYPE)", name, lineno,
                      (int)NG_MIN(tag.n, 40u), tag.s);
    c->words[c->nwords++] = word;
    return NG_OK;
}

/* One line [p, e).  NG_OK or an error. */
static int line(ng_ner_corpus *c, const char *name, size_t lineno, const char *p, const char *e, ng_error *err)
{
    while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
        e--;
    bool oom = false;
    if (p == e) {
        oom = !end_sentence(c);
    } else if (c->format != NG_NER_FMT_IOB2 && e - p >= 10 && memcmp(p, "-DOCSTART-", 10) == 0) {
        oom = !end_doc(c);
    } else if (*p == '#' && c->format != NG_NER_FMT_CONLL) { /* IOB2 comment */
        if (e - p >= 8 && memcmp(p, "# newdoc", 8) == 0)
            oom = !end_doc(c);
        else
            oom = !end_sentence(c);
    } else {
        if (c->format == NG_NER_FMT_AUTO)
            c->format = looks_iob2(p, e) ? NG_NER_FMT_IOB2 : NG_NER_FMT_CONLL;
        return word_line(c, name, lineno, p, e, err);
    }
    return oom ? ng_err(err, NG_ENOMEM, "%s: out of memory", name) : NG_OK;
}

/* Normalise the labels of every sentence (IOB1 -> IOB2). */
static void normalise(ng_ner_corpus *c)
{
    for (size_t s = 0; s < c->nsents; s++) {
        size_t a = c->sent_first[s], b = c->sent_first[s + 1];
        ng_iob_normalise(c->iob + a, c->type + a, b - a);
    }
}

static int parse_owned(const char *name, ng_ner_corpus *c, ng_error *err)
{
    if (!NG_GROW(c->sent_first, c->cap_sents, 1) || !NG_GROW(c->doc_first, c->cap_docs, 1))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    c->sent_first[0] = 0;
    c->doc_first[0] = 0;
    const char *p = c->text, *end = c->text + c->len;
    size_t lineno = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        int rc = line(c, name, ++lineno, p, e, err);
        if (rc != NG_OK)
            return rc;
        p = nl ? nl + 1 : end;
    }
    if (!end_doc(c))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    normalise(c);
    return NG_OK;
}

int ng_ner_corpus_parse(const char *name, const char *text, size_t len, int format, ng_ner_corpus *c,
                        ng_error *err)
{
    memset(c, 0, sizeof *c);
    if (len > NG_NER_MAX_BYTES)
        return ng_err(err, NG_ETOOBIG, "%s: larger than %zu bytes", name, NG_NER_MAX_BYTES);
    c->text = ng_malloc(len + 1);
    if (!c->text)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    memcpy(c->text, text, len);
    c->text[len] = '\0';
    c->len = len;
    c->format = format;
    return parse_owned(name, c, err);
}

int ng_ner_corpus_read(const char *path, int format, ng_ner_corpus *c, ng_error *err)
{
    memset(c, 0, sizeof *c);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ng_err(err, errno == ENOENT ? NG_ENOTFOUND : NG_EIO, "%s: %s", path, strerror(errno));
    ng_buf b;
    ng_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && b.len <= NG_NER_MAX_BYTES)
        ng_buf_append(&b, chunk, n);
    bool bad = ferror(fp);
    fclose(fp);
    if (bad || b.oom || b.len > NG_NER_MAX_BYTES) {
        ng_buf_free(&b);
        return bad ? ng_err(err, NG_EIO, "%s: read error", path)
                   : b.oom ? ng_err(err, NG_ENOMEM, "%s: out of memory", path)
                           : ng_err(err, NG_ETOOBIG, "%s: larger than %zu bytes", path, NG_NER_MAX_BYTES);
    }
    int rc = ng_ner_corpus_parse(path, b.data ? b.data : "", b.len, format, c, err);
    ng_buf_free(&b);
    return rc;
}

/* Append word v to b with bytes that would split or vanish made '_'. */
static void append_word(ng_buf *b, ng_strv v)
{
    size_t at = b->len;
    ng_buf_append(b, v.s, v.n);
    if (b->oom)
        return;
    for (size_t k = at; k < b->len; k++)
        if ((unsigned char)b->data[k] <= ' ' || b->data[k] == 0x7f)
            b->data[k] = '_';
}

/* Tokens and sentences of a doc whose text is words separated by single
 * spaces, sentences by single newlines. */
static bool split_doc(ng_doc *doc)
{
    const char *t = doc->text;
    size_t start = 0;
    ng_sentence sent = {0, 0, 0, 0};
    for (size_t k = 0; k <= doc->len; k++) {
        if (k < doc->len && t[k] != ' ' && t[k] != '\n')
            continue;
        bool end_sent = k == doc->len || t[k] == '\n';
        ng_token tok = {.start = (uint32_t)start, .end = (uint32_t)k, .sent = (uint32_t)doc->nsents,
                        .head = -1, .flags = (uint16_t)(end_sent ? 0 : NG_TOK_SPACE_AFTER)};
        if (sent.ntokens == 0)
            tok.flags |= NG_TOK_SENT_START;
        if (k > start && !ng_doc_push_token(doc, &tok))
            return false;
        sent.ntokens += k > start;
        start = k + 1;
        if (end_sent && sent.ntokens) {
            sent.end = (uint32_t)k;
            if (!ng_doc_push_sentence(doc, &sent))
                return false;
            sent = (ng_sentence){(uint32_t)doc->ntokens, 0, (uint32_t)start, 0};
        }
    }
    return true;
}

int ng_ner_corpus_doc(const ng_ner_corpus *c, size_t d, ng_doc **out)
{
    *out = NULL;
    ng_buf b;
    ng_buf_init(&b);
    for (size_t s = c->doc_first[d]; s < c->doc_first[d + 1]; s++) {
        if (s > c->doc_first[d])
            ng_buf_putc(&b, '\n');
        for (size_t i = c->sent_first[s]; i < c->sent_first[s + 1]; i++) {
            if (i > c->sent_first[s])
                ng_buf_putc(&b, ' ');
            append_word(&b, c->words[i]);
        }
    }
    ng_doc *doc = b.oom ? NULL : ng_doc_new(b.data ? b.data : "", b.len);
    ng_buf_free(&b);
    if (!doc || !split_doc(doc)) {
        ng_doc_free(doc);
        return NG_ENOMEM;
    }
    *out = doc;
    return NG_OK;
}
