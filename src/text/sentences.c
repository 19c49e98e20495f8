/*
 * sentences.c - the sentence splitter: boundaries after . ! ? (and CJK 。！？)
 * before a likely sentence opening, abbreviations by class, blank lines
 * (paragraphs), headline lines; sentences over NG_SENT_MAX_TOKENS are cut at
 * their best point.  Invariant: sentences cover all tokens, in order.
 */
#include "text/text.h"

#include <ctype.h>

/* What a token does at a sentence end. */
enum end_kind {
    END_NONE = 0,
    END_TERM,     /* . ! ? and runs of them with ! or ? */
    END_CJK,      /* 。！？: no space needed after */
    END_ELLIPSIS, /* .. ... … */
    END_ABBR,     /* an abbreviation that may end a sentence (inner, often, initials) */
    END_EMOTICON, /* ends a sentence before a capital: "great :) Now ..." */
    END_CLOSE     /* a closing quote or bracket after one of the above */
};

typedef struct splitter {
    ng_doc *doc;
    const ng_toklex *lx;
    int wrapped;    /* -1 unknown, else whether lines are hard-wrapped prose */
    int pend;       /* end_kind of the last non-closing token, if closers follow it */
    size_t pend_tok; /* that token */
    bool quoted;     /* a closing quote followed it ("Why?" asked ...) */
} splitter;

static const char *tok_text(const ng_doc *doc, size_t k, size_t *n)
{
    return ng_tok_text(doc, &doc->tokens[k], n);
}

static bool all_of(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(set, s[i]))
            return false;
    return n > 0;
}

static int abbr_kind(const splitter *sp, const char *s, size_t n)
{
    if (n == 2 && s[0] >= 'A' && s[0] <= 'Z')
        return END_ABBR; /* an initial */
    int cls = ng_lex_abbr(sp->lx, s, n);
    if (cls == NG_ABBR_TITLE || cls == NG_ABBR_NUMBER)
        return END_NONE;
    if (cls != NG_ABBR_NONE || memchr(s, '.', n - 1))
        return END_ABBR; /* listed, or dotted like U.S. */
    return END_NONE;
}

static int end_kind(const splitter *sp, size_t k)
{
    size_t n;
    const char *s = tok_text(sp->doc, k, &n);
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80 && (ng_text_ascii[c] & NG_C_WD) && s[n - 1] != '.')
        return END_NONE; /* the common case: a word */
    if (c == '.' || c == '!' || c == '?') {
        if (!all_of(s, n, ".!?"))
            return END_NONE;
        return (memchr(s, '!', n) || memchr(s, '?', n) || n == 1) ? END_TERM : END_ELLIPSIS;
    }
    if (n > 1 && s[n - 1] == '.')
        return abbr_kind(sp, s, n);
    if (n > 1 && c < 0x80 && (ng_text_ascii[c] & NG_C_PU) && sp->lx->emoticons.n &&
        ng_strtab_find(&sp->lx->emoticons, s, n) >= 0)
        return END_EMOTICON;
    if (c >= 0x80) {
        size_t len;
        int32_t cp = ng_text_cp(s, 0, n, &len);
        if (cp == 0x2026)
            return END_ELLIPSIS;
        if (ng_text_uclass(cp) == NG_U_TERM)
            return END_CJK;
    }
    return END_NONE;
}

/* A closing quote or bracket. always: closes even after a space. */
static bool is_closer(const char *s, size_t n, bool *always)
{
    *always = false;
    if (n == 1 && strchr(")]}", s[0]))
        return (*always = true);
    if ((n == 1 && (s[0] == '"' || s[0] == '\'')) || (n == 2 && memcmp(s, "''", 2) == 0))
        return true;
    size_t len;
    int32_t cp = (unsigned char)s[0] >= 0x80 ? ng_text_cp(s, 0, n, &len) : 0;
    if (cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == 0x300D || cp == 0x300F || cp == 0xFF09)
        return (*always = true);
    return false;
}

/* Whether token k may open a sentence after a full stop: not a lower-case
 * word and not punctuation that continues one. */
static bool opens_sentence(const ng_doc *doc, size_t k)
{
    size_t n;
    const char *s = tok_text(doc, k, &n);
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        uint8_t cl = ng_text_ascii[c];
        if (cl & (NG_C_UP | NG_C_DI))
            return true;
        if (cl & NG_C_LO)
            return false;
        return !strchr(",;:)]}.!?%", c);
    }
    size_t len;
    int u = ng_text_uclass(ng_text_cp(s, 0, n, &len));
    return u != NG_U_WORD && u != NG_U_MOD;
}

static bool starts_upper(const ng_doc *doc, size_t k)
{
    size_t n;
    const char *s = tok_text(doc, k, &n);
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return ng_text_ascii[c] & NG_C_UP;
    size_t len;
    return ng_text_uclass(ng_text_cp(s, 0, n, &len)) == NG_U_UPPER;
}

static bool starts_lower(const ng_doc *doc, size_t k)
{
    size_t n;
    const char *s = tok_text(doc, k, &n);
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return ng_text_ascii[c] & NG_C_LO;
    size_t len;
    return ng_text_uclass(ng_text_cp(s, 0, n, &len)) == NG_U_WORD;
}

/* Whether the text looks hard-wrapped (most lines 40..100 bytes, ending in
 * a single newline), so that a single newline is usually just a space. */
static bool looks_wrapped(const ng_doc *doc)
{
    size_t lines = 0, wrapped = 0, start = 0;
    while (start < doc->len) {
        const char *nl = memchr(doc->text + start, '\n', doc->len - start);
        size_t i = nl ? (size_t)(nl - doc->text) : doc->len;
        size_t len = i - start;
        if (len > 0) {
            lines++;
            bool single = i + 1 < doc->len && doc->text[i + 1] != '\n';
            wrapped += single && len >= 40 && len <= 100;
        }
        start = i + 1;
    }
    return lines >= 4 && wrapped * 2 >= lines;
}

/* Length of the line that ends at byte e (exclusive). */
static size_t line_len(const ng_doc *doc, size_t e)
{
    size_t b = e;
    while (b > 0 && doc->text[b - 1] != '\n')
        b--;
    return e - b;
}

/* A single newline before token k: a boundary after a sentence end, and
 * after a line without final punctuation (a headline, a list item) unless
 * the text is hard-wrapped prose or the next line goes on in lower case. */
static bool line_break(splitter *sp, size_t k)
{
    const ng_doc *doc = sp->doc;
    if (sp->pend != END_NONE && sp->pend != END_ABBR)
        return true;
    size_t n;
    const char *p = tok_text(doc, k - 1, &n);
    if (starts_lower(doc, k) || (n == 1 && strchr(",;-&(/", p[0])))
        return false;
    if (sp->wrapped < 0)
        sp->wrapped = looks_wrapped(doc);
    return !sp->wrapped || line_len(doc, doc->tokens[k - 1].end) < 40;
}

/* "1. The first point": a period after a list number or letter that opens
 * a sentence does not end it. */
static bool list_marker(const splitter *sp)
{
    const ng_doc *doc = sp->doc;
    size_t m = sp->pend_tok;
    if (m == 0 || !(doc->tokens[m - 1].flags & NG_TOK_SENT_START) || doc->tokens[m - 1].end != doc->tokens[m].start)
        return false;
    size_t n, np;
    const char *t = tok_text(doc, m - 1, &n);
    const char *p = tok_text(doc, m, &np);
    if (np != 1 || p[0] != '.')
        return false;
    return (n <= 2 && all_of(t, n, "0123456789")) || (n == 1 && (ng_text_ascii[(unsigned char)t[0]] & NG_C_AL));
}

/* Whether a sentence begins at token k (k > 0); *para when a paragraph does. */
static bool boundary(splitter *sp, size_t k, bool *para)
{
    const ng_doc *doc = sp->doc;
    const char *s = doc->text;
    size_t a = doc->tokens[k - 1].end, b = doc->tokens[k].start, nl = 0;
    for (size_t i = a; i < b; i++)
        nl += s[i] == '\n';
    *para = nl >= 2;
    if (*para)
        return true;
    if (sp->pend == END_NONE && nl == 0)
        return false;
    size_t n;
    bool always;
    const char *t = tok_text(doc, k, &n);
    if (sp->pend != END_NONE && is_closer(t, n, &always) && (always || a == b))
        return false; /* closers stay with the sentence they close */
    if (nl == 1 && line_break(sp, k))
        return true;
    switch (sp->pend) {
    case END_TERM:
        if (a == b) /* "foreigners?thanks": glued, but a new sentence */
            return starts_upper(doc, k) || starts_lower(doc, k);
        if ((sp->quoted && starts_lower(doc, k)) || list_marker(sp))
            return false; /* "Why?" asked the reporter. */
        return opens_sentence(doc, k) || starts_lower(doc, k);
    case END_CJK:
        if ((sp->quoted && starts_lower(doc, k)) || list_marker(sp))
            return false; /* "Why?" asked the reporter. */
        return opens_sentence(doc, k) || starts_lower(doc, k);
    case END_ELLIPSIS:
        return starts_upper(doc, k);
    case END_EMOTICON:
        return a < b && starts_upper(doc, k);
    case END_ABBR:
        return a < b && starts_upper(doc, k) && ng_lex_starter(sp->lx, t, n);
    default:
        return false;
    }
}

/* Update the pending sentence end after token k. */
static void track_end(splitter *sp, size_t k)
{
    int kind = end_kind(sp, k);
    if (kind != END_NONE) {
        sp->pend = kind;
        sp->pend_tok = k;
        sp->quoted = false;
        return;
    }
    size_t n;
    bool always;
    const char *t = tok_text(sp->doc, k, &n);
    bool adjacent = k > 0 && sp->doc->tokens[k - 1].end == sp->doc->tokens[k].start;
    if (sp->pend != END_NONE && is_closer(t, n, &always) && (always || adjacent)) {
        sp->quoted |= !strchr(")]}", t[0]);
        return;
    }
    sp->pend = END_NONE;
}

/* The best place to cut a sentence [first, k) that reached the limit: after
 * the last ; then : then , in its second half, else at k. */
static size_t best_cut(const ng_doc *doc, size_t first, size_t k)
{
    static const char prio[] = ",:;";
    size_t best = k;
    int best_p = -1;
    for (size_t i = first + NG_SENT_MAX_TOKENS / 2; i + 1 < k; i++) {
        size_t n;
        const char *t = ng_tok_text(doc, &doc->tokens[i], &n);
        const char *hit = n == 1 ? strchr(prio, t[0]) : NULL;
        if (hit && t[0] && (int)(hit - prio) >= best_p) {
            best_p = (int)(hit - prio);
            best = i + 1;
        }
    }
    return best;
}

static bool close_sentence(ng_doc *doc, size_t first, size_t end)
{
    ng_sentence st = {(uint32_t)first, (uint32_t)(end - first), doc->tokens[first].start, doc->tokens[end - 1].end};
    uint32_t id = (uint32_t)doc->nsents;
    if (!ng_doc_push_sentence(doc, &st))
        return false;
    doc->tokens[first].flags |= NG_TOK_SENT_START;
    for (size_t i = first; i < end; i++)
        doc->tokens[i].sent = id;
    return true;
}

/* Mark sentence starts (NG_TOK_SENT_START) and paragraph starts. */
static void mark_boundaries(splitter *sp)
{
    ng_doc *doc = sp->doc;
    const ng_token *t = doc->tokens;
    const char *s = doc->text;
    doc->tokens[0].flags |= NG_TOK_PARA_START | NG_TOK_SENT_START;
    track_end(sp, 0);
    for (size_t k = 1; k < doc->ntokens; k++) {
        bool para;
        uint32_t a = t[k - 1].end, b = t[k].start;
        unsigned char c = (unsigned char)s[t[k].start], last = (unsigned char)s[t[k].end - 1];
        if (sp->pend == END_NONE && (a == b || (b - a == 1 && s[a] == ' ')) && c < 0x80 &&
            (ng_text_ascii[c] & NG_C_WD) && last != '.')
            continue; /* the common case: a word after a word on the same line */
        if (boundary(sp, k, &para))
            doc->tokens[k].flags |= NG_TOK_SENT_START;
        if (para)
            doc->tokens[k].flags |= NG_TOK_PARA_START;
        track_end(sp, k);
    }
}

static bool is_dash(const ng_doc *doc, size_t k)
{
    size_t n;
    const char *t = tok_text(doc, k, &n);
    return (n == 1 && t[0] == '-') || (n == 2 && memcmp(t, "--", 2) == 0) ||
           (n == 3 && (memcmp(t, "\xe2\x80\x94", 3) == 0 || memcmp(t, "\xe2\x80\x93", 3) == 0));
}

/* A word in capitals ("SINGAPORE", "NEW", "U.S."). */
static bool all_caps(const ng_doc *doc, size_t k)
{
    size_t n;
    const char *t = tok_text(doc, k, &n);
    bool letter = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 'a' && c <= 'z')
            return false;
        letter |= c >= 'A' && c <= 'Z';
    }
    return letter;
}

/* A news dateline opens a paragraph: "SINGAPORE (Pacific Wire) —", "NEW
 * YORK, March 3 (AP) -", "LONDON —".  It is a sentence of its own, so the
 * city and the agency do not join the first sentence's clause. */
static void split_datelines(ng_doc *doc)
{
    for (size_t p = 0; p < doc->ntokens; p++) {
        if (!(doc->tokens[p].flags & NG_TOK_PARA_START) || !all_caps(doc, p))
            continue;
        size_t k = p + 1, lim = NG_MIN(doc->ntokens, p + 16);
        bool paren = false;
        while (k < lim && !is_dash(doc, k)) {
            size_t n;
            const char *t = tok_text(doc, k, &n);
            if (n == 1 && t[0] == '(')
                paren = true;
            else if (n == 1 && t[0] == ')')
                paren = false;
            else if (!paren && !all_caps(doc, k) && !(n == 1 && t[0] == ',') && !isdigit((unsigned char)t[0]) &&
                     !starts_upper(doc, k))
                break;
            if (doc->tokens[k].flags & NG_TOK_SENT_START)
                break;
            k++;
        }
        if (k + 1 < lim && is_dash(doc, k) && !paren && starts_upper(doc, k + 1))
            doc->tokens[k + 1].flags |= NG_TOK_SENT_START;
    }
}

/* Whether token k is an abbreviation with its period ("etc.", "U.S.") that
 * ends a sentence: UD gives that period a token of its own. */
static bool final_abbrev(const splitter *sp, size_t k)
{
    const ng_doc *doc = sp->doc;
    if (k + 1 < doc->ntokens && !(doc->tokens[k + 1].flags & NG_TOK_SENT_START))
        return false;
    size_t n;
    const char *s = tok_text(doc, k, &n);
    if (n < 2 || s[n - 1] != '.' || s[n - 2] == '.' || (ng_text_ascii[(unsigned char)s[0]] & NG_C_PU))
        return false;
    return end_kind(sp, k) == END_ABBR || k + 1 == doc->ntokens || (doc->tokens[k + 1].flags & NG_TOK_PARA_START);
}

/* Give each sentence-final abbreviation's period a token of its own. */
static bool split_final_periods(splitter *sp)
{
    ng_doc *doc = sp->doc;
    size_t extra = 0, nt = doc->ntokens;
    for (size_t k = 1; k < nt; k++)
        if (doc->tokens[k].flags & NG_TOK_SENT_START)
            extra += final_abbrev(sp, k - 1);
    extra += final_abbrev(sp, nt - 1);
    if (!extra)
        return true;
    if (!NG_GROW(doc->tokens, doc->cap_tokens, nt + extra))
        return false;
    for (size_t k = nt, w = nt + extra; k-- > 0 && w > k;) {
        ng_token t = doc->tokens[k];
        if ((k + 1 == nt || (doc->tokens[k + 1].flags & NG_TOK_SENT_START)) && final_abbrev(sp, k)) {
            ng_token dot = t;
            dot.start = t.end - 1;
            dot.flags = t.flags & NG_TOK_SPACE_AFTER;
            t.end--;
            t.flags &= (uint16_t)~NG_TOK_SPACE_AFTER;
            doc->tokens[--w] = dot;
        }
        doc->tokens[--w] = t;
    }
    doc->ntokens = nt + extra;
    return true;
}

/* Build doc->sents from the marks, cutting sentences over the limit. */
static bool build_sentences(ng_doc *doc)
{
    size_t first = 0, nt = doc->ntokens;
    for (size_t k = 1; k <= nt; k++) {
        if (k < nt && !(doc->tokens[k].flags & NG_TOK_SENT_START)) {
            if (k - first < NG_SENT_MAX_TOKENS)
                continue;
            size_t c = best_cut(doc, first, k);
            if (!close_sentence(doc, first, c))
                return false;
            first = c;
            continue;
        }
        if (!close_sentence(doc, first, k))
            return false;
        first = k;
    }
    return true;
}

int ng_split_sentences(ng_doc *doc, const ng_toklex *lx, ng_error *err)
{
    doc->nsents = 0;
    if (!doc->ntokens)
        return NG_OK;
    splitter sp = {doc, lx, -1, END_NONE, 0, false};
    mark_boundaries(&sp);
    split_datelines(doc);
    if (!split_final_periods(&sp) || !build_sentences(doc))
        return ng_err(err, NG_ENOMEM, "out of memory");
    return NG_OK;
}
