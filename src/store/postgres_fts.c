/*
 * postgres_fts.c - full-text queries written for SQLite's FTS5 (the CLI's
 * quoted words, `search --fts` expressions, the web UI's "word" "prefix"*)
 * as tsquery text for to_tsquery('simple', ...).  Phrases become <->
 * chains, prefix* becomes :*, OR/AND/NOT and parentheses carry over, NEAR
 * groups become AND.  Invariant: every word is emitted quoted, so nothing
 * of the input is read as tsquery syntax.
 */
#include "store/postgres.h"

#define FTS_MAX_DEPTH 32  /* nested parentheses kept */
#define FTS_MAX_WORD 256  /* bytes of a word kept */

typedef struct fts_state {
    ng_buf *out;
    bool after;                  /* the last thing at this level was an operand or ')' */
    const char *op;              /* operator waiting for its right operand */
    bool negate;                 /* NOT waiting for its operand */
    int pending;                 /* '(' not written yet: written before the group's first word */
    int depth;                   /* '(' written and not closed */
    int words;
} fts_state;

static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '_';
}

/* Before an operand: the operator waiting (& between two operands), then
 * the negation waiting. */
static void joint(fts_state *st)
{
    if (st->op)
        ng_buf_puts(st->out, st->op);
    else if (st->after)
        ng_buf_puts(st->out, " & ");
    if (st->negate)
        ng_buf_putc(st->out, '!');
    for (; st->pending > 0; st->pending--, st->depth++)
        ng_buf_putc(st->out, '(');
    st->op = NULL;
    st->negate = false;
    st->after = false;
}

/* The words of s[0..n) as one phrase (prefix: the last word is one). */
static void emit_phrase(fts_state *st, const char *s, size_t n, bool prefix)
{
    int k = 0;
    size_t i = 0;
    ng_buf tmp;
    ng_buf_init(&tmp);
    while (i < n) {
        while (i < n && !word_byte((unsigned char)s[i]))
            i++;
        size_t w = i;
        while (i < n && word_byte((unsigned char)s[i]))
            i++;
        if (i == w)
            break;
        if (i - w > FTS_MAX_WORD)
            continue; /* longer than any word PostgreSQL indexes */
        ng_buf_printf(&tmp, "%s'", k++ ? " <-> " : "");
        for (size_t j = w; j < i; j++) {
            char c = s[j];
            ng_buf_putc(&tmp, c >= 'A' && c <= 'Z' ? (char)(c | 32) : c);
        }
        ng_buf_puts(&tmp, prefix && i >= n ? "':*" : "'");
    }
    if (k) {
        joint(st);
        ng_buf_puts(st->out, k > 1 ? "(" : "");
        ng_buf_append(st->out, tmp.data, tmp.len);
        ng_buf_puts(st->out, k > 1 ? ")" : "");
        st->words += k;
        st->after = true;
    }
    ng_buf_free(&tmp);
}

static bool keyword(const char *p, const char *end, const char *kw)
{
    size_t n = strlen(kw);
    return (size_t)(end - p) >= n && memcmp(p, kw, n) == 0 && (p + n == end || !word_byte((unsigned char)p[n]));
}

/* The operator keywords; returns the bytes consumed, 0 when p is none.  An
 * operator with no operand before it is dropped (NOT then negates). */
static size_t operator(fts_state *st, const char *p, const char *end)
{
    if (keyword(p, end, "OR") || keyword(p, end, "AND")) {
        if (st->after) {
            st->op = *p == 'O' ? " | " : " & ";
            st->after = false;
        }
        return *p == 'O' ? 2 : 3;
    }
    if (keyword(p, end, "NOT")) {
        if (st->after) {
            st->op = " & ";
            st->after = false;
        }
        st->negate = true;
        return 3;
    }
    return 0;
}

/* A group opens when its first word comes, so an empty one leaves nothing. */
static void open_paren(fts_state *st)
{
    if (st->depth + st->pending < FTS_MAX_DEPTH)
        st->pending++;
}

static void close_paren(fts_state *st)
{
    if (st->pending > 0) {
        st->pending--;
        return;
    }
    if (st->depth == 0)
        return;
    st->op = NULL; /* "(a OR )": the dangling operator goes */
    st->negate = false;
    ng_buf_putc(st->out, ')');
    st->depth--;
    st->after = true;
}

bool pg_fts_to_tsquery(const char *fts, ng_buf *out)
{
    fts_state st = {.out = out};
    const char *p = fts, *end = fts + strlen(fts);
    for (const unsigned char *u = (const unsigned char *)p; u < (const unsigned char *)end;) {
        size_t k = ng_utf8_seqlen(u, (const unsigned char *)end);
        if (k == 0)
            return false; /* PostgreSQL refuses invalid UTF-8: no search */
        u += k;
    }
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        size_t k;
        if (c == '"') {
            ng_buf phrase;
            ng_buf_init(&phrase);
            for (p++; p < end; p++) {
                if (*p == '"' && p + 1 < end && p[1] == '"')
                    ng_buf_putc(&phrase, *p++);
                else if (*p == '"')
                    break;
                else
                    ng_buf_putc(&phrase, *p);
            }
            p += p < end;
            bool prefix = p < end && *p == '*';
            p += prefix;
            emit_phrase(&st, phrase.data ? phrase.data : "", phrase.len, prefix);
            ng_buf_free(&phrase);
        } else if (keyword(p, end, "NEAR") && (p + 4 < end && p[4] == '(')) {
            p += 5;
            open_paren(&st);
        } else if ((k = operator(&st, p, end)) > 0) {
            p += k;
        } else if (c == '(') {
            open_paren(&st);
            p++;
        } else if (c == ')') {
            close_paren(&st);
            p++;
        } else if (c == ',' && st.depth > 0) { /* NEAR(a b, 10): the distance */
            for (p++; p < end && *p != ')'; p++)
                ;
        } else if (word_byte(c)) {
            const char *w = p;
            while (p < end && word_byte((unsigned char)*p))
                p++;
            bool column = p < end && *p == ':'; /* a column filter: there is one column */
            bool prefix = p < end && *p == '*';
            if (!column)
                emit_phrase(&st, w, (size_t)(p - w), prefix);
            p += column || prefix;
        } else {
            p++;
        }
    }
    st.pending = 0;
    while (st.depth > 0)
        close_paren(&st);
    ng_buf_putc(out, '\0');
    return st.words > 0 && !out->oom;
}
