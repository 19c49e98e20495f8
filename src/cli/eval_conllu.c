/*
 * eval_conllu.c - reading CoNLL-U gold files for `newsgraph eval`: words
 * (multiword tokens split at byte positions of their surface form),
 * sentences, paragraphs, and each document's raw text rebuilt from
 * SpaceAfter=No.  Invariant: every word span lies inside its document text.
 */
#include "eval.h"

#include <stdlib.h>
#include <string.h>

#define CONLLU_MAX_LINE ((size_t)1 << 20)

typedef struct rd {
    const char *path;
    size_t lineno;
    conllu_corpus *c;
    conllu_doc *doc;
    bool newpar;       /* the next sentence opens a paragraph */
    bool space;        /* a space follows the last token */
    bool in_sent;      /* the current sentence has tokens */
    size_t sent_first; /* its first word */
    unsigned long mwt_last;   /* last word id of the open multiword token, 0 = none */
    uint32_t mwt_pos, mwt_end; /* cursor in, and end of, its surface form */
} rd;

static void *grow(void *p, size_t *cap, size_t need, size_t elt)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * elt);
    if (!q) {
        cli_error("out of memory");
        exit(EXIT_FAIL);
    }
    *cap = n;
    return q;
}

static void append(conllu_doc *d, const char *s, size_t n)
{
    d->text = grow(d->text, &d->cap, d->len + n + 1, 1);
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
}

static conllu_doc *new_doc(rd *r, const char *id)
{
    conllu_corpus *c = r->c;
    c->docs = grow(c->docs, &c->cap_docs, c->ndocs + 1, sizeof *c->docs);
    conllu_doc *d = &c->docs[c->ndocs++];
    memset(d, 0, sizeof *d);
    d->id = strdup(id);
    append(d, "", 0);
    r->doc = d;
    r->newpar = true;
    r->space = false;
    return d;
}

static void end_sentence(rd *r)
{
    conllu_doc *d = r->doc;
    if (!r->in_sent || !d || d->nwords == r->sent_first)
        return;
    d->sents = grow(d->sents, &d->cap_sents, d->nsents + 1, sizeof *d->sents);
    conllu_sent *s = &d->sents[d->nsents++];
    s->first = (uint32_t)r->sent_first;
    s->nwords = (uint32_t)(d->nwords - r->sent_first);
    s->start = d->words[s->first].start;
    s->end = d->words[d->nwords - 1].end;
    s->para = r->newpar;
    r->newpar = false;
    r->in_sent = false;
    r->mwt_last = 0;
}

static bool space_after(const char *misc)
{
    return !strstr(misc, "SpaceAfter=No");
}

/* Append a token's surface form, after the separator the text needs. */
static uint32_t put_token(rd *r, const char *form)
{
    conllu_doc *d = r->doc;
    if (!r->in_sent) {
        if (d->len)
            append(d, r->newpar ? "\n\n" : r->space ? " " : "", r->newpar ? 2 : r->space ? 1 : 0);
        r->in_sent = true;
        r->sent_first = d->nwords;
    } else if (r->space) {
        append(d, " ", 1);
    }
    uint32_t start = (uint32_t)d->len;
    append(d, form, strlen(form));
    return start;
}

static void add_word(rd *r, char **col, uint32_t start, uint32_t end, bool mwt)
{
    conllu_doc *d = r->doc;
    d->words = grow(d->words, &d->cap_words, d->nwords + 1, sizeof *d->words);
    conllu_word *w = &d->words[d->nwords++];
    memcpy(w->col, col, sizeof w->col);
    w->start = start;
    w->end = end;
    w->sent = (uint32_t)d->nsents;
    w->mwt = mwt;
}

/* One token line, split into its ten columns (col[0] owns the line copy). */
static int token_line(rd *r, char **col)
{
    char *dash = strchr(col[0], '-');
    if (strchr(col[0], '.')) { /* an empty node: no text */
        free(col[0]);
        return 0;
    }
    if (!r->doc)
        new_doc(r, "doc");
    if (dash) { /* a multiword token: its surface goes into the text */
        uint32_t s = put_token(r, col[1]);
        r->mwt_last = strtoul(dash + 1, NULL, 10);
        r->mwt_pos = s;
        r->mwt_end = (uint32_t)r->doc->len;
        r->space = space_after(col[9]);
        free(col[0]);
        return 0;
    }
    unsigned long id = strtoul(col[0], NULL, 10);
    if (r->mwt_last && id <= r->mwt_last) {
        uint32_t e = r->mwt_pos + (uint32_t)strlen(col[1]);
        if (e > r->mwt_end || id == r->mwt_last)
            e = r->mwt_end;
        add_word(r, col, r->mwt_pos, e, true);
        r->mwt_pos = e;
        if (id == r->mwt_last)
            r->mwt_last = 0;
        return 0;
    }
    uint32_t s = put_token(r, col[1]);
    add_word(r, col, s, (uint32_t)r->doc->len, false);
    r->space = space_after(col[9]);
    return 0;
}

static int one_line(rd *r, char *line)
{
    if (line[0] == '\0') {
        end_sentence(r);
        return 0;
    }
    if (line[0] == '#') {
        if (strncmp(line, "# newdoc", 8) == 0) {
            end_sentence(r);
            const char *eq = strchr(line, '=');
            new_doc(r, eq ? eq + 1 + strspn(eq + 1, " ") : "doc");
        } else if (strncmp(line, "# newpar", 8) == 0) {
            r->newpar = true;
        }
        return 0;
    }
    char *copy = strdup(line), *col[10];
    int k = 0;
    for (char *p = copy; k < 10; k++) {
        col[k] = p;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p++ = '\0';
    }
    if (k != 9) {
        free(copy);
        cli_error("%s:%zu: expected 10 tab-separated columns", r->path, r->lineno);
        return -1;
    }
    return token_line(r, col);
}

int conllu_read(const char *path, conllu_corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error("%s: cannot open", path);
        return -1;
    }
    rd r = {path, 0, c, NULL, true, false, false, 0, 0, 0, 0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        r.lineno++;
        if ((size_t)n > CONLLU_MAX_LINE) {
            cli_error("%s:%zu: line too long", path, r.lineno);
            rc = -1;
            break;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        rc = one_line(&r, line);
    }
    end_sentence(&r);
    if (rc == 0 && ferror(f)) {
        cli_error("%s: read error", path);
        rc = -1;
    }
    free(line);
    fclose(f);
    return rc;
}

void conllu_free(conllu_corpus *c)
{
    for (size_t i = 0; i < c->ndocs; i++) {
        conllu_doc *d = &c->docs[i];
        for (size_t k = 0; k < d->nwords; k++)
            free(d->words[k].col[0]);
        free(d->words);
        free(d->sents);
        free(d->text);
        free(d->id);
    }
    free(c->docs);
    memset(c, 0, sizeof *c);
}
