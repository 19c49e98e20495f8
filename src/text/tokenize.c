/*
 * tokenize.c - text to tokens after UD English (EWT) conventions: words and
 * clitics (do|n't, Alibaba|'s), numbers, URLs, e-mails, abbreviations,
 * hyphens, punctuation, emoticons, CJK.  Invariant: tokens are emitted in
 * text order, non-empty, non-overlapping, free of whitespace, each at most
 * NG_TOK_MAX_BYTES long and on UTF-8 boundaries.
 */
#include "text/text.h"

/* The tokenizer's state over one document. */
typedef struct tz {
    ng_doc *doc;
    const char *s;
    size_t n;
    const ng_toklex *lx;
    bool oom;
    bool squote; /* an opening single quote is waiting for its close */
    size_t no_at_from, no_at_to; /* e-mail local-part characters without an '@' after them */
} tz;

/* A word being scanned: where it starts and what it holds so far. */
typedef struct wstate {
    size_t start; /* first byte of the token */
    size_t seg;   /* first byte after the last connector */
    bool apos;    /* holds an internal apostrophe */
    bool dot;     /* holds an internal period */
    bool hyphen;  /* holds a kept hyphen */
    bool whole;   /* a URL or e-mail: emit as it is */
} wstate;

static size_t scan_word(tz *z, size_t start, size_t p);

/* ------------------------------------------------------------ characters */

static inline uint8_t acls(const tz *z, size_t i)
{
    if (i >= z->n)
        return 0;
    unsigned char c = (unsigned char)z->s[i];
    return c < 0x80 ? ng_text_ascii[c] : 0;
}

static int ucls(const tz *z, size_t i, size_t *len)
{
    return ng_text_uclass(ng_text_cp(z->s, i, z->n, len));
}

/* Whether the character at i continues a word (letter, digit, mark, '_'). */
static bool word_at(const tz *z, size_t i)
{
    if (i >= z->n)
        return false;
    unsigned char c = (unsigned char)z->s[i];
    if (c < 0x80)
        return ng_text_ascii[c] & NG_C_WD;
    size_t len;
    int k = ucls(z, i, &len);
    return k == NG_U_WORD || k == NG_U_UPPER;
}

/* Whether the character at i is a letter (ASCII, or any non-ASCII word character). */
static bool alpha_at(const tz *z, size_t i)
{
    if (i >= z->n)
        return false;
    unsigned char c = (unsigned char)z->s[i];
    if (c < 0x80)
        return ng_text_ascii[c] & NG_C_AL;
    return word_at(z, i);
}

static bool digit_at(const tz *z, size_t i)
{
    return acls(z, i) & NG_C_DI;
}

/* Byte length of an apostrophe at i (' ` U+2019 U+2018 U+00B4), else 0. */
static size_t apos_len(const tz *z, size_t i)
{
    if (i >= z->n)
        return 0;
    const unsigned char *u = (const unsigned char *)z->s + i;
    if (u[0] == '\'' || u[0] == '`')
        return 1;
    if (u[0] == 0xE2 && i + 2 < z->n && u[1] == 0x80 && (u[2] == 0x99 || u[2] == 0x98))
        return 3;
    if (u[0] == 0xC2 && i + 1 < z->n && u[1] == 0xB4) /* U+00B4, an acute accent used as one */
        return 2;
    return 0;
}

/* Start of the code point that ends just before i. */
static size_t prev_cp(const tz *z, size_t i)
{
    while (i > 0 && ((unsigned char)z->s[i - 1] & 0xC0) == 0x80)
        i--;
    return i > 0 ? i - 1 : 0;
}

static bool all_digits(const tz *z, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!digit_at(z, i))
            return false;
    return a < b;
}

static bool lower_ascii_eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && ng_strnieq(s, lit, n);
}

/* -------------------------------------------------------------- emitting */

/* Append token [a, b) with flags; SPACE_AFTER is set from the text. */
static inline void emit(tz *z, size_t a, size_t b, uint16_t flags)
{
    ng_doc *d = z->doc;
    if (z->oom || a >= b)
        return;
    if (d->ntokens == d->cap_tokens && !NG_GROW(d->tokens, d->cap_tokens, d->ntokens + 1)) {
        z->oom = true;
        return;
    }
    ng_token *t = &d->tokens[d->ntokens++];
    unsigned char c = b < z->n ? (unsigned char)z->s[b] : 0;
    bool space = c == ' ' || (c >= 0x80 ? ng_text_space_at(z->s, b, z->n) > 0 : c && (ng_text_ascii[c] & NG_C_SP));
    *t = (ng_token){.start = (uint32_t)a, .end = (uint32_t)b, .head = -1,
                    .flags = (uint16_t)(flags | (space ? NG_TOK_SPACE_AFTER : 0))};
}

/* Emit [a, b), cut into pieces of at most NG_TOK_MAX_BYTES on UTF-8 boundaries. */
static void emit_long(tz *z, size_t a, size_t b, uint16_t flags)
{
    while (b - a > NG_TOK_MAX_BYTES) {
        size_t cut = a + NG_TOK_MAX_BYTES;
        while (cut > a + 1 && ((unsigned char)z->s[cut] & 0xC0) == 0x80)
            cut--;
        emit(z, a, cut, flags);
        a = cut;
    }
    emit(z, a, b, flags);
}

/* Emit [a, b) as parts ending at cuts[0..ncuts) (ascending), then b. */
static void emit_parts(tz *z, size_t a, const size_t *cuts, int ncuts, size_t b)
{
    for (int k = 0; k < ncuts; k++) {
        emit(z, a, cuts[k], NG_TOK_MWT_PART);
        a = cuts[k];
    }
    emit(z, a, b, NG_TOK_MWT_PART);
}

/* ------------------------------------------------------ URLs and e-mails */

static bool url_char(unsigned char c)
{
    return c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '`' && c != '{' && c != '}' &&
           c != '|' && c != '\\' && c != '^';
}

/* End of a URL-like run from a (scanning from i): URL characters up to
 * NG_TOK_MAX_BYTES, less trailing punctuation; a closing bracket stays when
 * the URL opened one.  Linear in the URL's length. */
static size_t url_tail(const tz *z, size_t a, size_t i)
{
    const char *s = z->s;
    size_t limit = NG_MIN(z->n, a + NG_TOK_MAX_BYTES);
    long paren = 0, square = 0; /* opened minus closed */
    for (size_t k = a; k < i; k++)
        paren += (s[k] == '(') - (s[k] == ')'), square += (s[k] == '[') - (s[k] == ']');
    while (i < limit && url_char((unsigned char)s[i])) {
        paren += (s[i] == '(') - (s[i] == ')'), square += (s[i] == '[') - (s[i] == ']');
        i++;
    }
    while (i > a) {
        char c = s[i - 1];
        if (c == ')' || c == ']') {
            long *open = c == ')' ? &paren : &square;
            if (*open >= 0) /* every one it closes was opened inside */
                break;
            ++*open;
        } else if (!strchr(".,;:!?'*", c)) {
            break;
        }
        i--;
    }
    return i;
}

/* The end of a URL that starts at p with a scheme or "www.", else 0. */
static size_t url_at(const tz *z, size_t p)
{
    static const char *const schemes[] = {"http://", "https://", "ftp://", "mailto:", "www."};
    char c = (char)(z->s[p] | 0x20), c2 = (char)(z->s[p + 1] | 0x20); /* text[n] is NUL */
    if (!(((c == 'h' || c == 'f') && c2 == 't') || (c == 'm' && c2 == 'a') || (c == 'w' && c2 == 'w')))
        return 0;
    for (size_t k = 0; k < NG_ARRAY_LEN(schemes); k++) {
        size_t len = strlen(schemes[k]);
        if (p + len < z->n && ng_strnieq(z->s + p, schemes[k], len) && (acls(z, p + len) & NG_C_AN)) {
            size_t e = url_tail(z, p, p + len);
            return e > p + len ? e : 0;
        }
    }
    return 0;
}

static bool email_local_char(unsigned char c)
{
    return c < 0x80 && ((ng_text_ascii[c] & NG_C_WD) || strchr(".-+%'", c));
}

/* The end of the domain part of an e-mail address at i (just after '@'):
 * at least two labels, the last alphabetic; 0 when there is none. */
static size_t email_domain(const tz *z, size_t i)
{
    size_t labels = 0, last = i, e = i;
    while (i < z->n) {
        size_t b = i;
        while (i < z->n && ((acls(z, i) & NG_C_AN) || (z->s[i] == '-' && i > b)))
            i++;
        if (i == b)
            break;
        labels++;
        last = b;
        e = i;
        if (i + 1 < z->n && z->s[i] == '.' && (acls(z, i + 1) & NG_C_AN))
            i++;
        else
            break;
    }
    if (labels < 2 || e - last < 2)
        return 0;
    for (size_t k = last; k < e; k++)
        if (!(acls(z, k) & NG_C_AL))
            return 0;
    return e;
}

/* The end of an e-mail address that starts at a, looking from q for its
 * '@' over local-part characters; 0 when there is none. */
static size_t email_end(tz *z, size_t a, size_t q)
{
    if (q >= z->no_at_from && q < z->no_at_to)
        return 0; /* scanned before: no '@' ahead */
    for (size_t k = a; k < q; k++)
        if (!email_local_char((unsigned char)z->s[k]))
            return 0;
    size_t from = q;
    while (q < z->n && email_local_char((unsigned char)z->s[q]))
        q++;
    if (q >= z->n || z->s[q] != '@' || q == a) {
        z->no_at_from = from;
        z->no_at_to = q;
        return 0;
    }
    return email_domain(z, q + 1);
}

/* ------------------------------------------------------------ connectors */

/* A run of word characters from i, the non-ASCII part. */
static size_t word_run_uni(const tz *z, size_t i)
{
    const unsigned char *s = (const unsigned char *)z->s;
    while (i < z->n) {
        if (ng_text_ascii[s[i]] & NG_C_WD) {
            i++;
            continue;
        }
        if (s[i] < 0x80)
            break;
        size_t len;
        int k = ucls(z, i, &len);
        if (k != NG_U_WORD && k != NG_U_UPPER && k != NG_U_MOD)
            break;
        i += len;
    }
    return i;
}

/* A run of word characters from i.  The text ends with a NUL (class 0),
 * which stops the ASCII loop. */
static inline size_t word_run(const tz *z, size_t i)
{
    const unsigned char *s = (const unsigned char *)z->s;
    while (ng_text_ascii[s[i]] & NG_C_WD)
        i++;
    return s[i] >= 0x80 && i < z->n ? word_run_uni(z, i) : i;
}

/* The end of a chain of digit groups joined by hyphens that starts at seg
 * (the hyphen at q): kept whole when it is a date or a phone number
 * ("2019-10-20", "713-853-3989", "646-8420"), else 0. */
static size_t digit_chain(const tz *z, size_t seg, size_t q)
{
    size_t groups[3] = {q - seg, 0, 0}, ng = 1, i = q;
    while (i + 1 < z->n && z->s[i] == '-' && digit_at(z, i + 1) && ng <= 6 && i - seg < 40) {
        size_t b = ++i;
        while (digit_at(z, i))
            i++;
        if (ng < 3)
            groups[ng] = i - b;
        ng++;
    }
    if (alpha_at(z, i))
        return 0;
    if (ng >= 3 || (ng == 2 && (groups[0] == 3 || groups[0] == 5) && groups[1] == 4))
        return i;
    return 0;
}

/* "01-Feb-02": digits, a month abbreviation, digits, joined by hyphens
 * (seg starts the first digits, the hyphen at q); the end or 0. */
static size_t month_chain(const tz *z, size_t seg, size_t q)
{
    static const char months[] = "jan feb mar apr may jun jul aug sep oct nov dec ";
    size_t i = q + 1;
    while (acls(z, i) & NG_C_AL)
        i++;
    if (q - seg > 2 || i - q != 4 || i >= z->n || z->s[i] != '-' || !digit_at(z, i + 1))
        return 0;
    char mon[5] = {(char)(z->s[q + 1] | 0x20), (char)(z->s[q + 2] | 0x20), (char)(z->s[q + 3] | 0x20), ' ', 0};
    if (!strstr(months, mon))
        return 0;
    size_t e = i + 1;
    while (digit_at(z, e))
        e++;
    return (e - i - 1 == 2 || e - i - 1 == 4) && !word_at(z, e) ? e : 0;
}

static bool hyphen_prefix(const tz *z, size_t a, size_t b)
{
    char key[NG_LEX_MAX_KEY];
    size_t k = ng_lex_fold(z->s + a, b - a, key);
    return k && z->lx->prefixes.n && ng_strtab_find(&z->lx->prefixes, key, k) >= 0;
}

static size_t conn_hyphen(tz *z, wstate *w, size_t q)
{
    if (word_at(z, q + 1)) {
        if (all_digits(z, w->seg, q))
            return digit_at(z, q + 1) ? digit_chain(z, w->seg, q) : month_chain(z, w->seg, q);
        if (!w->hyphen && w->seg == w->start && hyphen_prefix(z, w->start, q)) {
            w->hyphen = true;
            return q + 1;
        }
    }
    size_t e = email_end(z, w->start, q);
    if (e)
        w->whole = true;
    return e;
}

/* A domain followed by a path ("example.com/news"): the label before q is
 * 2 to 6 letters after a period. */
static bool domain_before(const tz *z, const wstate *w, size_t q)
{
    if (!w->dot)
        return false;
    size_t i = q;
    while (i > w->start && (acls(z, i - 1) & NG_C_AL))
        i--;
    return q - i >= 2 && q - i <= 6 && i > w->start && z->s[i - 1] == '.';
}

static size_t conn_slash(tz *z, wstate *w, size_t q)
{
    if (!word_at(z, q + 1))
        return 0;
    if (domain_before(z, w, q)) {
        w->whole = true;
        return url_tail(z, w->start, q);
    }
    if (digit_at(z, q - 1) && digit_at(z, q + 1))
        return q + 1; /* dates and fractions: 10/20/2019, 1/2 */
    if (q - w->start == 1 && (acls(z, w->start) & NG_C_AL))
        return q + 1; /* w/o, b/c, I/O */
    return 0;
}

/* "end.The": a period between a lower-case word and a capitalised one is a
 * missing space, not part of a name like "Node.js" or "U.S". */
static bool glued_sentence(const tz *z, const wstate *w, size_t q)
{
    return q - w->seg >= 2 && (acls(z, q - 1) & NG_C_LO) && (acls(z, q + 1) & NG_C_UP) &&
           (acls(z, q + 2) & NG_C_LO) && !w->dot;
}

static size_t conn_period(tz *z, wstate *w, size_t q)
{
    if (!word_at(z, q + 1) || glued_sentence(z, w, q)) {
        size_t e = email_end(z, w->start, q); /* "jo...@example.com", "Jo.Smith@example.com" */
        if (e)
            w->whole = true;
        return e;
    }
    w->dot = true;
    return q + 1;
}

/* "AT&T", "PG&E", "a&m": between capitals, or between short letter runs. */
static size_t conn_amp(const tz *z, const wstate *w, size_t q)
{
    if ((acls(z, q - 1) & NG_C_UP) && (acls(z, q + 1) & NG_C_UP))
        return q + 1;
    size_t e = q + 1;
    while (acls(z, e) & NG_C_AL)
        e++;
    bool short_left = q - w->seg <= 2 && (acls(z, q - 1) & NG_C_AL);
    return short_left && e > q + 1 && e - q - 1 <= 2 && !word_at(z, e) ? q + 1 : 0;
}

/* Where the word goes on after the connector at q, or 0 when it ends at q. */
static size_t connect(tz *z, wstate *w, size_t q)
{
    unsigned char c = (unsigned char)z->s[q];
    size_t e;
    switch (c) {
    case '\'': case '`': case 0xE2: case 0xC2:
        e = apos_len(z, q);
        if (e && q > w->start && alpha_at(z, q + e)) {
            w->apos = true;
            return q + e;
        }
        return 0;
    case '.':
        return conn_period(z, w, q);
    case ',':
        return digit_at(z, q - 1) && all_digits(z, q + 1, q + 4) && !digit_at(z, q + 4) ? q + 1 : 0;
    case ':':
        return digit_at(z, q - 1) && digit_at(z, q + 1) ? q + 1 : 0;
    case '&':
        return conn_amp(z, w, q);
    case '-':
        return conn_hyphen(z, w, q);
    case '/':
        return conn_slash(z, w, q);
    case '@': case '+': case '%':
        e = email_end(z, w->start, q);
        if (e)
            w->whole = true;
        return e;
    default:
        return 0;
    }
}

/* --------------------------------------------------------------- words */

/* Whether the period at q belongs to the word [a, q): initials, dotted
 * abbreviations (U.S., Ph.D.) and listed ones ("No." only before a number). */
static bool abbrev_period(const tz *z, const wstate *w, size_t q)
{
    size_t a = w->start, len = q - a;
    if (len == 1 && (acls(z, a) & NG_C_UP))
        return true;
    if (w->dot && !w->apos && !w->hyphen) {
        size_t seg = 0;
        bool ok = true;
        for (size_t i = a; i < q && ok; i++) {
            if (z->s[i] == '.')
                seg = 0;
            else
                ok = (acls(z, i) & NG_C_AL) && ++seg <= 2;
        }
        if (ok)
            return true;
    }
    if (len + 1 >= NG_LEX_MAX_KEY)
        return false;
    int cls = ng_lex_abbr(z->lx, z->s + a, len + 1);
    if (cls != NG_ABBR_NUMBER)
        return cls != NG_ABBR_NONE;
    size_t i = q + 1;
    while (i < z->n && (z->s[i] == ' ' || z->s[i] == '\t'))
        i++;
    return digit_at(z, i) || (i < z->n && z->s[i] == '#');
}

/* Split clitics off the end of [a, b): n't, 's, 'm, 'd, 'll, 're, 've
 * (several: "wouldn't've").  Returns false when there is none. */
static bool split_clitics(tz *z, size_t a, size_t b)
{
    static const char *const clitics[] = {"s", "m", "d", "ll", "re", "ve"};
    size_t cuts[4];
    int nc = 0;
    size_t e = b;
    while (nc < 3) {
        size_t ap = e, al = 0;
        while (ap > a && !al)
            al = apos_len(z, --ap);
        if (!al)
            break;
        const char *sfx = z->s + ap + al;
        size_t slen = e - (ap + al);
        size_t cut = 0;
        for (size_t k = 0; k < NG_ARRAY_LEN(clitics) && !cut; k++)
            if (lower_ascii_eq(sfx, slen, clitics[k]) && ap > a && !all_digits(z, a, ap))
                cut = ap;
        if (!cut && lower_ascii_eq(sfx, slen, "t") && ap > a + 1 && (z->s[ap - 1] | 0x20) == 'n')
            cut = ap - 1;
        if (!cut)
            break;
        cuts[nc++] = cut;
        e = cut;
    }
    if (!nc)
        return false;
    for (int i = 0; i < nc / 2; i++) { /* ascending order */
        size_t t = cuts[i];
        cuts[i] = cuts[nc - 1 - i];
        cuts[nc - 1 - i] = t;
    }
    emit_parts(z, a, cuts, nc, b);
    return true;
}

/* The fast filter: false when no contractions.txt key has the length and
 * the first and last byte of [a, b). */
static inline bool maybe_listed(const tz *z, size_t a, size_t b)
{
    return b - a < 32 && (z->lx->contr_lens[z->s[a] & 31][z->s[b - 1] & 31] & (1u << (b - a)));
}

/* The contractions.txt entry for [a, b), or -1 when unlisted. */
static int64_t listed(const tz *z, size_t a, size_t b)
{
    if (!maybe_listed(z, a, b))
        return -1;
    char key[NG_LEX_MAX_KEY];
    size_t k = ng_lex_fold(z->s + a, b - a, key);
    return k ? ng_strtab_find(&z->lx->contr, key, k) : -1;
}

/* Whether the word after b (over spaces) is one that the conditional
 * entry [a, b) splits before ("its a" -> it|s a). */
static bool next_word_listed(const tz *z, size_t a, size_t b)
{
    size_t i = b;
    while (i < z->n && (z->s[i] == ' ' || z->s[i] == '\t'))
        i++;
    size_t e = word_run(z, i);
    char pair[2 * NG_LEX_MAX_KEY];
    size_t k1 = ng_lex_fold(z->s + a, b - a, pair);
    if (!k1 || e == i || e - i >= NG_LEX_MAX_KEY)
        return false;
    pair[k1] = ' ';
    size_t k2 = ng_lex_fold(z->s + i, e - i, pair + k1 + 1);
    return k2 && ng_strtab_find(&z->lx->contr_next, pair, k1 + 1 + k2) >= 0;
}

/* Split [a, b) as lexicons/contractions.txt says; false when unlisted. */
static bool split_listed(tz *z, size_t a, size_t b)
{
    int64_t id = listed(z, a, b);
    if (id < 0 || (z->lx->contr_cond[id] && !next_word_listed(z, a, b)))
        return false;
    const uint8_t *lens = z->lx->contr_parts[id];
    size_t cuts[NG_MWT_MAX], at = a;
    int nc = 0;
    for (int i = 0; i + 1 < NG_MWT_MAX && lens[i + 1]; i++)
        cuts[nc++] = at += lens[i];
    if (nc == 0)
        emit(z, a, b, 0);
    else
        emit_parts(z, a, cuts, nc, b);
    return true;
}

/* A number glued to a unit or to am/pm ("5m", "10km", "5pm", "1.2bn"):
 * the number and the letters are two tokens, as UD English has them;
 * ordinals ("3rd"), decades ("1990s") and one capital ("3D", "4K") stay
 * whole.  Returns false when [a, b) is not such a word. */
static bool split_unit(tz *z, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && ((acls(z, i) & NG_C_DI) || ((z->s[i] == '.' || z->s[i] == ',' || z->s[i] == ':') && i > a)))
        i++;
    if (i == a || i == b || !digit_at(z, i - 1))
        return false;
    for (size_t k = i; k < b; k++)
        if (!(acls(z, k) & NG_C_AL))
            return false;
    static const char *const keep[] = {"st", "nd", "rd", "th", "s"};
    for (size_t k = 0; k < NG_ARRAY_LEN(keep); k++)
        if (lower_ascii_eq(z->s + i, b - i, keep[k]))
            return false;
    if (b - i == 1 && (acls(z, i) & NG_C_UP))
        return false;
    emit(z, a, i, 0);
    emit(z, i, b, 0);
    return true;
}

static void emit_word(tz *z, const wstate *w, size_t b)
{
    size_t a = w->start;
    if (b - a > NG_TOK_MAX_BYTES || w->whole) {
        emit_long(z, a, b, 0);
        return;
    }
    if (w->apos && split_clitics(z, a, b))
        return;
    if ((acls(z, a) & NG_C_DI) && (acls(z, b - 1) & NG_C_AL) && !w->hyphen && split_unit(z, a, b))
        return;
    if (!w->dot && maybe_listed(z, a, b) && split_listed(z, a, b))
        return;
    emit(z, a, b, 0);
}

/* Scan the word whose token starts at start and whose word characters start
 * at p (start < p for a leading '+' or apostrophe); emit it and return its end. */
static size_t scan_word(tz *z, size_t start, size_t p)
{
    size_t e = start == p ? url_at(z, p) : 0;
    if (e) {
        emit_long(z, p, e, 0);
        return e;
    }
    wstate w = {start, p, false, false, false, false};
    size_t q = p;
    for (;;) {
        q = word_run(z, q);
        if (q >= z->n || (ng_text_ascii[(unsigned char)z->s[q]] & NG_C_SP))
            break;
        size_t next = connect(z, &w, q);
        if (!next)
            break;
        if (w.whole) {
            q = next;
            break;
        }
        if (z->s[q] != '\'' && z->s[q] != '`' && !apos_len(z, q))
            w.seg = next;
        q = next;
    }
    if (!w.whole && q < z->n && z->s[q] == '.' && !(q + 1 < z->n && z->s[q + 1] == '.') && abbrev_period(z, &w, q))
        q++;
    else if (!w.whole && q < z->n && z->s[q] == '$' && q - start <= 2 && (acls(z, start) & NG_C_UP) &&
             (acls(z, q - 1) & NG_C_UP) && digit_at(z, q + 1))
        q++; /* US$5, HK$10 */
    emit_word(z, &w, q);
    return q;
}

/* ---------------------------------------------------------- punctuation */

/* A word that begins with an apostrophe: "'90s", "'em", and a clitic written
 * apart ("'s" after a space).  Returns its end, or 0. */
static size_t apos_word(tz *z, size_t p, size_t al)
{
    size_t q = p + al;
    if (digit_at(z, q) && digit_at(z, q + 1) && !digit_at(z, q + 2)) {
        size_t e = word_run(z, q);
        emit(z, p, e, 0);
        return e;
    }
    if (!alpha_at(z, q))
        return 0;
    size_t e = word_run(z, q);
    if (e - p >= NG_LEX_MAX_KEY || word_at(z, e) || apos_len(z, e))
        return 0;
    static const char *const clitics[] = {"s", "m", "d", "ll", "re", "ve", "t"};
    for (size_t k = 0; k < NG_ARRAY_LEN(clitics); k++)
        if (lower_ascii_eq(z->s + q, e - q, clitics[k]) && (p == 0 || ng_text_space_at(z->s, prev_cp(z, p), z->n))) {
            emit(z, p, e, 0);
            return e;
        }
    int64_t id = listed(z, p, e);
    if (id < 0 || z->lx->contr_parts[id][1]) /* only whole-word entries apply here */
        return 0;
    emit(z, p, e, 0);
    return e;
}

/* An apostrophe or single quote that is a token of its own: a possessive
 * after s ("Jones'") or a quote. */
static size_t single_quote(tz *z, size_t p, size_t al)
{
    bool after_space = p == 0 || ng_text_space_at(z->s, prev_cp(z, p), z->n);
    uint16_t flags = 0;
    ng_doc *d = z->doc;
    if (after_space) {
        z->squote = true;
    } else if (z->squote) {
        z->squote = false;
    } else if (d->ntokens && d->tokens[d->ntokens - 1].end == p && (z->s[p - 1] | 0x20) == 's' &&
               z->s[p] != '`') {
        flags = NG_TOK_MWT_PART; /* Jones|' */
        d->tokens[d->ntokens - 1].flags |= NG_TOK_MWT_PART;
    }
    emit(z, p, p + al, flags);
    return p + al;
}

/* A listed emoticon at p, not followed by a letter or digit: its end or 0. */
static size_t emoticon_at(const tz *z, size_t p)
{
    const ng_toklex *lx = z->lx;
    unsigned char c = (unsigned char)z->s[p];
    if (!(lx->emo_first[c >> 5] & (1u << (c & 31))))
        return 0;
    for (size_t len = NG_MIN(lx->emo_maxlen, z->n - p); len >= 2; len--)
        if (ng_strtab_find(&lx->emoticons, z->s + p, len) >= 0 && !(acls(z, p + len) & NG_C_AN))
            return p + len;
    return 0;
}

/* The end of a run of the same byte c from p. */
static size_t same_run(const tz *z, size_t p, char c)
{
    while (p < z->n && z->s[p] == c)
        p++;
    return p;
}

static size_t emit_to(tz *z, size_t p, size_t e)
{
    emit_long(z, p, e, 0);
    return e;
}

static size_t scan_ascii_punct(tz *z, size_t p)
{
    const char *s = z->s;
    char c = s[p];
    size_t e;
    if ((c == '\'' || c == '`') && (e = apos_word(z, p, 1)))
        return e;
    if ((e = emoticon_at(z, p)))
        return emit_to(z, p, e);
    switch (c) {
    case '\'':
        return s[p + 1] == '\'' ? emit_to(z, p, p + 2) : single_quote(z, p, 1);
    case '`':
        return s[p + 1] == '`' ? emit_to(z, p, p + 2) : single_quote(z, p, 1);
    case '.': case '!': case '?':
        for (e = p; e < z->n && (s[e] == '.' || s[e] == '!' || s[e] == '?'); e++)
            ;
        z->squote = false;
        return emit_to(z, p, e);
    case '+':
        if (digit_at(z, p + 1) && (p == 0 || ng_text_space_at(s, prev_cp(z, p), z->n)))
            return scan_word(z, p, p + 1);
        break;
    case '@':
        if (acls(z, p + 1) & NG_C_WD)
            return emit_to(z, p, word_run(z, p + 1)); /* @handle */
        break;
    case '#':
        if (alpha_at(z, p + 1))
            return emit_to(z, p, word_run(z, p + 1)); /* #hashtag */
        break;
    }
    if (strchr("-*=_~#+<>/|\\^:;,", c) && s[p + 1] == c)
        return emit_to(z, p, same_run(z, p, c)); /* --, ***, ==== */
    return emit_to(z, p, p + 1);
}

/* The end of an emoji or symbol at p with its modifiers and ZWJ sequence. */
static size_t symbol_end(const tz *z, size_t p, int32_t cp, size_t len)
{
    size_t e = p + len, l2;
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF && e < z->n) { /* a flag: two regional indicators */
        int32_t c2 = ng_text_cp(z->s, e, z->n, &l2);
        if (c2 >= 0x1F1E6 && c2 <= 0x1F1FF)
            return e + l2;
    }
    while (e < z->n && (unsigned char)z->s[e] >= 0x80) {
        int32_t c2 = ng_text_cp(z->s, e, z->n, &l2);
        if (ng_text_uclass(c2) != NG_U_MOD)
            break;
        e += l2;
        if (c2 == 0x200D && e < z->n && (unsigned char)z->s[e] >= 0x80) { /* ZWJ joins the next symbol */
            int32_t c3 = ng_text_cp(z->s, e, z->n, &l2);
            if (ng_text_uclass(c3) == NG_U_OTHER)
                e += l2;
        }
    }
    return e;
}

/* A run of code points of class k from p. */
static size_t class_run(const tz *z, size_t p, int k)
{
    size_t len;
    while (p < z->n && (unsigned char)z->s[p] >= 0x80 && ucls(z, p, &len) == k)
        p += len;
    return p;
}

/* A run of the same code point cp from p. */
static size_t cp_run(const tz *z, size_t p, int32_t cp)
{
    size_t len;
    while (p < z->n && ng_text_cp(z->s, p, z->n, &len) == cp)
        p += len;
    return p;
}

static size_t scan_uni_punct(tz *z, size_t p, int k, size_t len)
{
    size_t len2;
    int32_t cp = ng_text_cp(z->s, p, z->n, &len2);
    size_t e;
    switch (k) {
    case NG_U_HAN:
        return emit_to(z, p, p + len);
    case NG_U_HIRA: case NG_U_KATA:
        return emit_to(z, p, class_run(z, p, k));
    case NG_U_MOD:
        return p + len; /* a stray modifier: no token */
    case NG_U_APOS:
        if ((e = apos_word(z, p, len)))
            return e;
        return single_quote(z, p, len);
    case NG_U_TERM:
        z->squote = false;
        return emit_to(z, p, class_run(z, p, k));
    }
    if (cp == 0x2018 || cp == 0x00B4) {
        if ((e = apos_word(z, p, len)))
            return e;
        return single_quote(z, p, len);
    }
    if (cp == 0x2026 || cp == 0x2014 || cp == 0x2013 || cp == 0x2015 || cp == 0x2500)
        return emit_to(z, p, cp_run(z, p, cp)); /* ……, —— */
    return emit_to(z, p, symbol_end(z, p, cp, len));
}

/* ------------------------------------------------------------ the loop */

static void tokenize_text(tz *z)
{
    const char *s = z->s;
    size_t i = 0, n = z->n;
    while (i < n && !z->oom) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            uint8_t k = ng_text_ascii[c];
            if (k & NG_C_SP)
                i++;
            else if (k & NG_C_WD)
                i = scan_word(z, i, i);
            else
                i = scan_ascii_punct(z, i);
            continue;
        }
        size_t len;
        int k = ucls(z, i, &len);
        if (k == NG_U_SPACE)
            i += len;
        else if (k == NG_U_WORD || k == NG_U_UPPER)
            i = scan_word(z, i, i);
        else
            i = scan_uni_punct(z, i, k, len);
    }
}

/* Split the document text into tokens and sentences, replacing any already
 * there.  Token offsets are bytes into doc->text.  NG_OK, NG_ETOOBIG (text
 * over NG_TEXT_MAX_BYTES) or NG_ENOMEM (the document then has no tokens). */
int ng_tokenize(ng_doc *doc, ng_error *err)
{
    const char *name = doc->fields[NG_F_ID] ? doc->fields[NG_F_ID] : "document";
    ng_doc_clear_tokens(doc);
    if (doc->len > NG_TEXT_MAX_BYTES)
        return ng_err(err, NG_ETOOBIG, "%s: %zu bytes of text is over the tokenizer's limit", name, doc->len);
    tz z = {doc, doc->text, doc->len, ng_toklex_get(), false, false, 0, 0};
    if (doc->cap_tokens < doc->len / 4 + 16) /* English news: a token every 5 to 6 bytes */
        NG_GROW(doc->tokens, doc->cap_tokens, doc->len / 4 + 16);
    tokenize_text(&z);
    int rc = z.oom ? NG_ENOMEM : ng_split_sentences(doc, z.lx, err);
    if (rc != NG_OK) {
        ng_doc_clear_tokens(doc);
        return ng_err(err, NG_ENOMEM, "%s: out of memory while tokenizing", name);
    }
    return NG_OK;
}
