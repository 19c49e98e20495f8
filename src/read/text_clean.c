/*
 * text_clean.c - line-level boilerplate removal for plain-text articles, in
 * the manner of jusText: split into paragraphs, measure each (words, stop
 * words, final punctuation, phrase-list hits), classify, revise short ones by
 * their neighbours, and write the kept ones.  Every pass is linear in the text.
 */
#include "text.h"

#include <stdlib.h>

/* ------------------------------------------------------------ splitting */

/* Does the line at s start with a bullet ("• ", "- ", "* ", "▪ ")? */
static size_t bullet_len(const char *s, const char *e)
{
    static const char *const bullets[] = {"•", "·", "▪", "►", "●", "■", "-", "*", "–", "—", ">"};
    for (size_t i = 0; i < NG_ARRAY_LEN(bullets); i++) {
        size_t n = strlen(bullets[i]);
        if ((size_t)(e - s) > n && memcmp(s, bullets[i], n) == 0 && (s[n] == ' ' || s[n] == '\t'))
            return n;
    }
    return 0;
}

typedef struct units {
    tx_unit *a;
    size_t n, cap;
} units;

static bool push_unit(units *us, const char *text, const char *s, const char *e, bool para)
{
    if (!NG_GROW(us->a, us->cap, us->n + 1))
        return false;
    tx_unit *u = &us->a[us->n++];
    memset(u, 0, sizeof *u);
    u->start = (uint32_t)(s - text);
    u->end = (uint32_t)(e - text);
    u->lead = -1;
    u->flags = para ? TX_U_PARA : 0;
    return true;
}

/* One unit per non-blank line; past NG_MAX_TEXT_UNITS the rest is one unit. */
static bool split_lines(const char *text, size_t len, units *us)
{
    const char *p = text, *end = text + len;
    bool para = true;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (us->n + 1 >= NG_MAX_TEXT_UNITS)
            le = end;
        const char *s = p, *e = le;
        ng_trim(&s, &e);
        if (s < e) {
            if (!push_unit(us, text, s, e, para))
                return false;
            para = false;
        } else {
            para = true;
        }
        p = le < end ? le + 1 : end;
    }
    return true;
}

static bool ends_terminal(const char *s, const char *e);

/* Hard-wrapped text (lines of 40-100 bytes that run on without a full stop)
 * is joined into paragraphs at blank lines and at short final lines. */
static void join_wrapped(const char *text, units *us)
{
    size_t wrapped = 0, width = 0;
    for (size_t i = 0; i + 1 < us->n; i++) {
        size_t n = us->a[i].end - us->a[i].start;
        if (n >= 40 && n <= 100 && !(us->a[i + 1].flags & TX_U_PARA) &&
            !ends_terminal(text + us->a[i].start, text + us->a[i].end))
            wrapped++, width = NG_MAX(width, n);
    }
    if (wrapped < 3 || wrapped * 10 < us->n * 3)
        return;
    size_t out = 0;
    for (size_t i = 0; i < us->n; i++) {
        tx_unit *prev = out ? &us->a[out - 1] : NULL;
        const tx_unit *cur = &us->a[i];
        bool join = prev && !(cur->flags & TX_U_PARA) && !bullet_len(text + cur->start, text + cur->end) &&
                    (prev->end - prev->start) * 10 >= width * 7;
        if (join)
            prev->end = cur->end;
        else
            us->a[out++] = *cur;
    }
    us->n = out;
}

/* ------------------------------------------------------------ features */

/* Closing quotes and brackets that may follow a sentence's final stop. */
static size_t closer_before(const char *s, const char *e)
{
    static const char *const closers[] = {"\"", "'", ")", "]", "”", "’", "»", "」", "』", "）"};
    for (size_t i = 0; i < NG_ARRAY_LEN(closers); i++) {
        size_t n = strlen(closers[i]);
        if ((size_t)(e - s) >= n && memcmp(e - n, closers[i], n) == 0)
            return n;
    }
    return 0;
}

/* Does s..e end like a sentence (. ! ? … 。！？, closing quotes aside)? */
static bool ends_terminal(const char *s, const char *e)
{
    for (int k = 0; k < 3; k++) {
        size_t n = closer_before(s, e);
        if (!n)
            break;
        e -= n;
    }
    if (e == s)
        return false;
    char c = e[-1];
    if (c == '.' || c == '!' || c == '?')
        return true;
    static const char *const cjk[] = {"。", "！", "？", "…"};
    for (size_t i = 0; i < NG_ARRAY_LEN(cjk); i++)
        if (e - s >= 3 && memcmp(e - 3, cjk[i], 3) == 0)
            return true;
    return false;
}

static bool ends_colon(const char *s, const char *e)
{
    return (e > s && e[-1] == ':') || (e - s >= 3 && memcmp(e - 3, "：", 3) == 0);
}

/* Titles and abbreviations whose full stop ends no sentence. */
static bool abbreviation(const char *w, size_t n)
{
    static const char *const abbr[] = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen",
                                       "rep", "no", "vs", "lt", "col", "capt", "sgt", "rev", "hon", "mt", "ft"};
    if (n == 1)
        return true; /* an initial: "J. Doe", "U.S." */
    for (size_t i = 0; i < NG_ARRAY_LEN(abbr); i++)
        if (strlen(abbr[i]) == n && ng_strnieq(w, abbr[i], n))
            return true;
    return false;
}

bool tx_sentence_gap(const char *t, size_t ws, size_t we, size_t next)
{
    for (size_t i = we; i < next; i++) {
        char c = t[i];
        if (c == '!' || c == '?')
            return true;
        if (c == '.')
            return i > we || !abbreviation(t + ws, we - ws);
        if ((unsigned char)c == 0xe3 && i + 2 < next && (unsigned char)t[i + 1] == 0x80 &&
            (unsigned char)t[i + 2] == 0x82)
            return true; /* 。 */
    }
    return false;
}

/* Sentences in t[s, e). */
static size_t count_sentences(const char *t, size_t s, size_t e)
{
    size_t n = 0, pos = s, ps = s, pe = s;
    tx_word w;
    while (tx_next_word(t, e, &pos, &w)) {
        n += n == 0 || tx_sentence_gap(t, ps, pe, w.start);
        ps = w.start, pe = w.end;
    }
    return n;
}

/* A photo credit at the end of the unit: "... Photo: Reuters", "(Photo by
 * X/Agency)", "Image credit: X".  True with *at = where it begins. */
static bool find_credit(const char *t, const tx_unit *u, size_t mstart, size_t mend, size_t *at)
{
    size_t s = mstart, e = u->end;
    /* What follows the marker: ":" or "by"/"courtesy"/"/" then a few words. */
    size_t p = mend;
    while (p < e && t[p] == ' ')
        p++;
    bool colon = p < e && (t[p] == ':' || t[p] == '/');
    bool by = e - p > 3 && (ng_strnieq(t + p, "by ", 3) || ng_strnieq(t + p, "courtesy", 8));
    bool paren = s > u->start && (t[s - 1] == '(' || t[s - 1] == '[');
    if (!colon && !by && !paren)
        return false;
    /* The credit is short and holds no sentence. */
    size_t words = 0, pos = p;
    tx_word w;
    while (tx_next_word(t, e, &pos, &w))
        if (++words > 10)
            return false;
    if (words == 0 || count_sentences(t, p, e) > 1)
        return false;
    if (paren)
        s--;
    /* It starts the unit, or follows a sentence end. */
    size_t q = s;
    while (q > u->start && t[q - 1] == ' ')
        q--;
    if (q > u->start && !ends_terminal(t + u->start, t + q))
        return false;
    *at = q;
    return true;
}

void tx_measure(const tx_lex *lx, const char *t, tx_unit *u)
{
    const unsigned mask = TX_BIT(TX_PROMO) | TX_BIT(TX_SHARE) | TX_BIT(TX_COMMENT) | TX_BIT(TX_COPYRIGHT) |
                          TX_BIT(TX_RELATED) | TX_BIT(TX_CREDIT) | TX_BIT(TX_BIO) | TX_BIT(TX_CONTACT) |
                          TX_BIT(TX_SIGNOFF) | TX_BIT(TX_NAV) | TX_BIT(TX_THREAD);
    size_t pos = u->start, prev_start = u->start, prev_end = u->start, credit_s = 0, credit_e = 0;
    unsigned prev_flags = 0;
    tx_word w;
    u->nwords = u->nstop = u->ncap = u->ncjk = u->nsent = u->nnum = 0;
    memset(u->hits, 0, sizeof u->hits);
    u->lead = -1;
    u->flags &= TX_U_PARA; /* the rest is recomputed below */
    if (bullet_len(t + u->start, t + u->end))
        u->flags |= TX_U_BULLET;
    while (tx_next_word(t, u->end, &pos, &w)) {
        if (u->nwords && tx_sentence_gap(t, prev_start, prev_end, w.start))
            u->nsent++;
        bool glued = w.start == prev_end + 1; /* one byte (a space) from the previous word */
        prev_start = w.start, prev_end = w.end;
        u->nwords++;
        if (w.flags & TX_W_CJK) {
            u->ncjk++;
            continue;
        }
        u->nnum += (w.flags & (TX_W_DIGIT | TX_W_ALNUM)) == TX_W_DIGIT;
        unsigned info = tx_word_info(lx, w.hash);
        bool stop = info & TX_STOP;
        if ((info & TX_BIT(TX_RUNIN)) && (w.flags & TX_W_CAP) && (prev_flags & TX_W_LOWER) && glued)
            u->flags |= TX_U_RUNIN; /* "... policy Amid": worth a closer look */
        prev_flags = w.flags;
        u->nstop += stop;
        u->ncap += (w.flags & TX_W_CAP) && !stop;
        if (!(info & mask))
            continue;
        size_t mend;
        int len, cls = tx_match(lx, t, u->end, &w, mask, &mend, &len);
        if (cls < 0)
            continue;
        /* "All rights reserved" and its kind weigh double: no story says them. */
        unsigned weight = cls == TX_COPYRIGHT && len >= 2 ? 2 : 1;
        u->hits[cls] = (uint8_t)NG_MIN(255u, u->hits[cls] + weight);
        if (u->nwords == 1)
            u->lead = (int8_t)cls;
        if ((cls == TX_COMMENT || cls == TX_THREAD) && u->nwords <= 3)
            u->flags |= TX_U_FORM;
        if (cls == TX_CREDIT)
            credit_s = w.start, credit_e = mend;
    }
    u->nsent += u->nwords > 0;
    size_t at;
    if (credit_e && find_credit(t, u, credit_s, credit_e, &at)) {
        u->flags |= TX_U_CAPTION;
        u->credit = (uint32_t)at;
    }
    /* Final punctuation of the text itself, a photo credit aside. */
    const char *s = t + u->start, *e = t + ((u->flags & TX_U_CAPTION) ? u->credit : u->end);
    if (ends_terminal(s, e))
        u->flags |= TX_U_TERMINAL;
    else if (ends_colon(s, e))
        u->flags |= TX_U_COLON;
    if (*s == '"' || (e - s >= 3 && (memcmp(s, "“", 3) == 0 || memcmp(s, "‘", 3) == 0)))
        u->flags |= TX_U_QUOTE;
}

/* ------------------------------------------------------------ classify */

/* Stop words are at least percent of the words with letters. */
static bool stop_dense(const tx_unit *u, unsigned percent)
{
    return u->nstop * 100 >= (u->nwords - u->nnum) * percent;
}

/* Share of capitalised words among the non-stop words, in percent. */
static unsigned cap_ratio(const tx_unit *u)
{
    unsigned content = u->nwords - u->nstop - u->ncjk;
    return content ? u->ncap * 100 / content : 0;
}

/* Last character before closing quotes is ? or !. */
static bool ends_question(const char *t, const tx_unit *u)
{
    const char *s = t + u->start, *e = t + u->end;
    size_t n;
    while ((n = closer_before(s, e)) != 0)
        e -= n;
    return e > s && (e[-1] == '?' || e[-1] == '!');
}

/* Phrase-list verdicts: TX_K_BAD, or TX_K_NONE when the lists say nothing. */
static int phrase_kind(const char *t, const tx_unit *u)
{
    unsigned n = u->nwords;
    bool term = u->flags & TX_U_TERMINAL;
    const unsigned char *s = (const unsigned char *)t + u->start;
    if ((u->flags & TX_U_CAPTION) && u->credit == u->start)
        return TX_K_BAD; /* nothing but a credit */
    if ((u->hits[TX_COMMENT] && (u->lead == TX_COMMENT || n <= 30)) || ((u->flags & TX_U_FORM) && n <= 20))
        return TX_K_BAD;
    if (u->hits[TX_COPYRIGHT] && (u->lead == TX_COPYRIGHT || u->hits[TX_COPYRIGHT] >= 2))
        return TX_K_BAD;
    if ((s[0] == 0xc2 && s[1] == 0xa9) || (u->hits[TX_COPYRIGHT] && ng_strnieq((const char *)s, "(c)", 3)))
        return TX_K_BAD; /* a line that starts with © or (c) */
    if (u->lead == TX_RELATED && n <= 12 && !term)
        return TX_K_BAD;
    if (u->lead == TX_SIGNOFF && (s[0] == '(' || u->hits[TX_SIGNOFF] >= 2 || (n <= 12 && cap_ratio(u) >= 60)))
        return TX_K_BAD; /* "(Reporting by ...; Editing by ...)", "Additional reporting by Jane Doe" */
    if ((u->lead == TX_SHARE && n <= 8 && !term) || (u->hits[TX_SHARE] && n <= 3))
        return TX_K_BAD;
    if (u->hits[TX_NAV] && n <= 4 && !term)
        return TX_K_BAD;
    if ((u->hits[TX_PROMO] >= 2 && n <= 80) || u->hits[TX_PROMO] >= 3 || (u->lead == TX_PROMO && n <= 60) ||
        (u->hits[TX_PROMO] && n <= 25 && !term))
        return TX_K_BAD;
    if (u->hits[TX_CONTACT] && n <= 40)
        return TX_K_BAD;
    return TX_K_NONE;
}

/* First verdict on a unit from its own features. */
/* What holds for the whole text. */
typedef struct tx_doc {
    bool punct_rare; /* few paragraphs end with punctuation: do not ask them to */
    bool foreign;    /* few English stop words: stop-word density says nothing */
} tx_doc;

static int initial_kind(const char *t, const tx_unit *u, const tx_doc *d)
{
    unsigned n = u->nwords;
    if (n == 0)
        return TX_K_BAD;
    /* A long paragraph of many sentences is judged sentence by sentence
     * when written out (find_bad_sentences), not dropped for one of them. */
    int k = u->nsent > 3 && n > 80 ? TX_K_NONE : phrase_kind(t, u);
    if (k != TX_K_NONE)
        return k;
    bool cjk = u->ncjk * 2 >= n;
    if (u->flags & TX_U_TERMINAL) {
        if (ends_question(t, u) && !cjk && n <= 15 && n - u->nstop >= 3 && cap_ratio(u) >= 80)
            return TX_K_WEAK; /* a title-case headline with "?" */
        if (cjk)
            return n >= 12 ? TX_K_GOOD : TX_K_SHORT;
        return n >= 6 && (d->foreign || (u->nstop >= 2 && stop_dense(u, 12))) ? TX_K_GOOD : TX_K_SHORT;
    }
    if (u->flags & TX_U_COLON)
        return n >= 6 && (d->foreign || u->nstop >= 2) ? TX_K_GOOD : TX_K_SHORT;
    if (d->punct_rare)
        return n >= 6 ? TX_K_GOOD : TX_K_SHORT;
    if ((n >= 40 && (d->foreign || stop_dense(u, 20))) || (cjk && n >= 60))
        return TX_K_GOOD; /* prose that lost its final stop */
    return TX_K_WEAK; /* a headline, subhead or list item */
}

/* "Jane is a tech writer. ...", "Jane Doe covers ...": an author bio. */
static bool is_bio(const tx_lex *lx, const char *t, const tx_unit *u)
{
    if (u->hits[TX_CONTACT])
        return true;
    if (!u->hits[TX_BIO])
        return false;
    uint64_t is_h = tx_hash_word("is"), was_h = tx_hash_word("was");
    size_t pos = u->start;
    tx_word w;
    unsigned k = 0;
    while (tx_next_word(t, u->end, &pos, &w) && (w.flags & TX_W_CAP) && k < 5)
        k++;
    if (k == 0 || k >= 5)
        return false;
    /* w is the word after the name: "is"/"was" then a role soon, or a role verb. */
    if (tx_match(lx, t, u->end, &w, TX_BIT(TX_BIO), NULL, NULL) >= 0)
        return true;
    if (w.hash != is_h && w.hash != was_h)
        return false;
    for (int i = 0; i < 6 && tx_next_word(t, u->end, &pos, &w); i++)
        if (tx_match(lx, t, u->end, &w, TX_BIT(TX_BIO), NULL, NULL) >= 0)
            return true;
    return false;
}

/* Units from the end back to the last article paragraph: bios go. */
static void drop_tail_bios(const tx_lex *lx, const char *t, tx_unit *u, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (u[i].kind == TX_K_BAD || u[i].kind == TX_K_HEADER || u[i].kind == TX_K_WEAK)
            continue;
        if (is_bio(lx, t, &u[i]))
            u[i].kind = TX_K_BAD;
        else if (u[i].kind == TX_K_GOOD)
            return;
    }
}

/* A comment form or thread header ("Leave a Reply", "3 thoughts on ...")
 * in the second half ends the article: what follows is readers' text. */
static void cut_tail(tx_unit *u, size_t n)
{
    for (size_t i = n / 2; i < n; i++) {
        if (u[i].kind == TX_K_BAD && (u[i].flags & TX_U_FORM) && u[i].nwords <= 20) {
            for (size_t j = i; j < n; j++)
                if (u[j].kind != TX_K_HEADER)
                    u[j].kind = TX_K_BAD;
            u[i].flags |= TX_U_TAIL;
            return;
        }
    }
}

/* Captions: a line ending in a photo credit.  The credit always goes; the
 * caption itself goes when it describes the picture ("Crews fit a new pipe
 * on Oak Avenue.") and stays when it is a long sentence of reporting, which
 * news sites put under the lead picture and which is often the only place
 * a detail is written ("Smaller firms are attending the fair in Oslo this
 * year, but ...", 18 words or more). */
static void drop_captions(const char *t, tx_unit *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!(u[i].flags & TX_U_CAPTION) || u[i].kind == TX_K_HEADER)
            continue;
        const char *s = t + u[i].start, *e = t + u[i].credit;
        while (e > s && ng_is_space_ascii((unsigned char)e[-1]))
            e--;
        bool sentence = e > s && (e[-1] == '.' || e[-1] == '!' || e[-1] == '?') && u[i].nwords >= 18;
        if (!sentence || count_sentences(t, u[i].start, u[i].credit) > 3)
            u[i].kind = TX_K_BAD;
        else if (u[i].kind == TX_K_BAD)
            u[i].kind = TX_K_GOOD;
    }
}

/* jusText's revision: a short paragraph is kept between article paragraphs
 * (or between one and the edge of the text), dropped next to boilerplate.
 * Neighbours are the nearest GOOD or BAD units; short, headline-like and
 * header units are skipped.  Two linear passes: the nearest decided unit
 * before each short one is noted going forward, the one after going back. */
static void revise_short(tx_unit *u, size_t n)
{
    int prev = TX_K_NONE;
    for (size_t i = 0; i < n; i++) {
        int k = u[i].kind;
        if (k == TX_K_SHORT)
            u[i].prev = (uint8_t)prev;
        else if (k == TX_K_GOOD || k == TX_K_BAD)
            prev = k;
    }
    int next = TX_K_NONE;
    for (size_t i = n; i-- > 0;) {
        int k = u[i].kind;
        if (k == TX_K_GOOD || k == TX_K_BAD) {
            next = k;
        } else if (k == TX_K_SHORT) {
            int p = u[i].prev;
            bool keep = (p == TX_K_GOOD && next != TX_K_BAD) || (next == TX_K_GOOD && p == TX_K_NONE);
            u[i].kind = keep ? TX_K_GOOD : TX_K_BAD;
        }
    }
}

/* The article is one region of the page.  Regions of kept paragraphs are
 * separated by long runs (TX_REGION_GAP units or more) of dropped ones -
 * navigation, link lists, teasers; a region much smaller than the largest
 * (by words, and short in itself) is page furniture that happened to look
 * like prose. */
#define TX_REGION_GAP 12
#define TX_ISLAND_WORDS 200 /* a longer region is never furniture (long texts hold many articles) */
static void keep_main_region(tx_unit *u, size_t n)
{
    size_t best = 0, words = 0, gap = 0;
    for (size_t i = 0; i < n; i++) { /* pass 1: the largest region's words */
        if (u[i].kind == TX_K_GOOD) {
            words = gap >= TX_REGION_GAP ? 0 : words;
            words += u[i].nwords, gap = 0;
            best = NG_MAX(best, words);
        } else if (u[i].kind != TX_K_HEADER) {
            gap++;
        }
    }
    size_t start = 0;
    words = 0, gap = TX_REGION_GAP;
    for (size_t i = 0; i <= n; i++) { /* pass 2: drop small regions */
        bool end = i == n || (u[i].kind != TX_K_GOOD && u[i].kind != TX_K_HEADER && ++gap >= TX_REGION_GAP);
        if (i < n && u[i].kind == TX_K_GOOD) {
            if (gap >= TX_REGION_GAP)
                start = i, words = 0;
            words += u[i].nwords, gap = 0;
        }
        if (end && words && words * 100 < best * 30 && words < TX_ISLAND_WORDS) {
            for (size_t j = start; j < i; j++)
                if (u[j].kind == TX_K_GOOD)
                    u[j].kind = TX_K_BAD;
            words = 0;
        } else if (end) {
            words = 0;
        }
    }
}

static void classify(const tx_lex *lx, const char *t, tx_unit *u, size_t n)
{
    size_t longs = 0, term = 0, words = 0, stops = 0, multi = 0;
    for (size_t i = 0; i < n; i++) {
        if (u[i].nwords >= 8 && u[i].ncjk * 2 < u[i].nwords)
            longs++, term += (u[i].flags & (TX_U_TERMINAL | TX_U_COLON)) != 0;
        words += u[i].nwords - u[i].ncjk, stops += u[i].nstop;
        multi += u[i].nsent >= 2;
    }
    /* Punctuation is rare when few long lines end with it and no line holds
     * two sentences (a transcript, a feed of posts): lines need no stop. */
    tx_doc d = {.punct_rare = longs >= 3 && term * 5 < longs && multi * 20 < longs,
                .foreign = stops * 100 < words * 20};
    for (size_t i = 0; i < n; i++)
        if (u[i].kind != TX_K_HEADER)
            u[i].kind = (uint8_t)initial_kind(t, &u[i], &d);
    cut_tail(u, n);
    drop_captions(t, u, n);
    drop_tail_bios(lx, t, u, n);
    revise_short(u, n);
    keep_main_region(u, n);
}

/* ------------------------------------------------------------- output */

/* Is the word at ws the "s" of a possessive ("Covey's", "Covey’s")? */
static bool possessive(const char *t, size_t ws)
{
    return (t[ws] == 's' || t[ws] == 'S') && ws >= 1 &&
           (t[ws - 1] == '\'' || (ws >= 3 && memcmp(t + ws - 3, "’", 3) == 0));
}

/* What writing the body carries along: the cut ranges of the paragraph
 * being written, and how many more drops may be logged (debug logs are
 * capped per text: a long page may drop thousands of sentences). */
typedef struct tx_out {
    ng_buf cuts;
    unsigned log_budget;
} tx_out;

#define TX_LOG_BUDGET 40

/* Log a dropped piece t[s,e) (at most 80 bytes of it, whole characters). */
static void log_drop(tx_out *o, const char *what, const char *t, size_t s, size_t e)
{
    if (!o->log_budget)
        return;
    if (--o->log_budget == 0) {
        ng_log(NG_LOG_DEBUG, "(more dropped text not logged)");
        return;
    }
    size_t k = NG_MIN(e - s, (size_t)80);
    while (k > 0 && k < e - s && ((unsigned char)t[s + k] & 0xc0) == 0x80)
        k--;
    ng_log(NG_LOG_DEBUG, "dropped %s: %.*s", what, (int)k, t + s);
}

/* Run-in headlines: a sentence with no final stop that runs into the next
 * ("... more policy Amid a slowing economy ...").  Appends the byte ranges
 * to skip to cuts (pairs).  Linear in the unit. */
static void find_runins(const tx_lex *lx, const char *t, size_t s, size_t e, tx_out *o)
{
    size_t pos = s, sent_start = s, sent_words = 0, prev_start = s, prev_end = s;
    unsigned prev_flags = 0, commas = 0;
    bool quote = false;
    tx_word w, next;
    while (tx_next_word(t, e, &pos, &w)) {
        bool boundary = sent_words == 0 || tx_sentence_gap(t, prev_start, prev_end, w.start);
        for (size_t i = prev_end; i < w.start; i++) {
            commas += t[i] == ',';
            quote |= t[i] == '"' || ((unsigned char)t[i] == 0xe2 && i + 2 < w.start &&
                                     (unsigned char)t[i + 1] == 0x80 &&
                                     ((unsigned char)t[i + 2] == 0x9c || (unsigned char)t[i + 2] == 0x9d));
        }
        if (boundary && sent_words) {
            sent_start = w.start, sent_words = 0, commas = 0, quote = false;
        } else if (sent_words >= 4 && sent_words <= 25 && commas <= 1 && !quote && (prev_flags & TX_W_LOWER) &&
                   (w.flags & (TX_W_CAP | TX_W_UPPER)) == TX_W_CAP && w.start == prev_end + 1 &&
                   t[prev_end] == ' ' && !possessive(t, prev_start) &&
                   tx_match(lx, t, e, &w, TX_BIT(TX_RUNIN), NULL, NULL) >= 0) {
            /* The next word is lower case ("Amid a"), or a number after a
             * preposition ("In 2016"), never a name or a title ("The Hague",
             * "Covey's The 7 Habits"). */
            size_t p2 = pos;
            if (tx_next_word(t, e, &p2, &next) &&
                ((next.flags & TX_W_LOWER) || ((next.flags & TX_W_DIGIT) && w.hash != tx_hash_word("the")))) {
                size_t cut[2] = {sent_start, w.start};
                ng_buf_append(&o->cuts, cut, sizeof cut);
                log_drop(o, "run-in headline", t, sent_start, w.start);
                sent_start = w.start, sent_words = 0, commas = 0, quote = false;
            }
        }
        sent_words++;
        prev_start = w.start, prev_end = w.end;
        prev_flags = w.flags;
    }
}

/* Length of a whitespace or invisible character at p: *visible_space says
 * whether it counts as a space (zero-width characters do not). */
static size_t space_at(const unsigned char *p, const unsigned char *e, bool *visible)
{
    *visible = true;
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\f' || *p == '\v')
        return 1;
    if (e - p >= 2 && p[0] == 0xc2 && (p[1] == 0xa0 || p[1] == 0xad)) {
        *visible = p[1] == 0xa0; /* NBSP; soft hyphen is invisible */
        return 2;
    }
    if (e - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 && (p[2] <= 0x8b || p[2] == 0xaf || p[2] == 0xa8 || p[2] == 0xa9)) {
        *visible = p[2] != 0x8b;
        return 3;
    }
    if (e - p >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    if (e - p >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
        *visible = false;
        return 3;
    }
    return 0;
}

/* Append t[s,e) with whitespace folded; a space before , . ; : ) left by
 * removed links is dropped ("Holding , owner" -> "Holding, owner").  Writes
 * straight into b, whose room is reserved first (the output is never
 * longer than the input plus one space). */
static void append_folded(ng_buf *b, const char *t, size_t s, size_t e, bool *pending_space)
{
    if (!ng_buf_reserve(b, e - s + 1))
        return;
    const unsigned char *p = (const unsigned char *)t + s, *end = (const unsigned char *)t + e;
    char *o = b->data + b->len;
    while (p < end) {
        bool visible;
        size_t n = *p >= 0x80 || *p <= ' ' ? space_at(p, end, &visible) : 0;
        if (n) {
            *pending_space |= visible;
            p += n;
            continue;
        }
        if (*pending_space) {
            char last = o > b->data ? o[-1] : '\n';
            bool glue = (*p == ',' || *p == '.' || *p == ';' || *p == ':' || *p == ')') &&
                        (p + 1 == end || p[1] == ' ' || p[1] == '\n') && (unsigned char)last >= '0';
            if (!glue && last != '\n')
                *o++ = ' ';
            *pending_space = false;
        }
        *o++ = (char)*p++;
        while (p < end && *p > ' ' && *p < 0x80)
            *o++ = (char)*p++;
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
}

/* Is a sentence of a kept paragraph boilerplate on its own?  Only the
 * unambiguous lists count here: comment forms, copyright notices, promos,
 * sign-offs and contact lines. */
static bool sentence_bad(const char *t, const tx_unit *x)
{
    const unsigned char *s = (const unsigned char *)t + x->start;
    if (x->hits[TX_COMMENT] && (x->lead == TX_COMMENT || x->nwords <= 15))
        return true;
    if (x->hits[TX_COPYRIGHT] >= 2 || x->lead == TX_COPYRIGHT || (s[0] == 0xc2 && s[1] == 0xa9))
        return true;
    if (x->lead == TX_SIGNOFF && (s[0] == '(' || x->hits[TX_SIGNOFF] >= 2))
        return true;
    if (x->hits[TX_PROMO] >= 2 || (x->hits[TX_PROMO] && x->lead == TX_PROMO))
        return true;
    return x->hits[TX_CONTACT] && x->nwords <= 40;
}

static void push_cut(ng_buf *cuts, size_t a, size_t b)
{
    size_t cut[2] = {a, b};
    ng_buf_append(cuts, cut, sizeof cut);
}

/* Sentences of a kept paragraph that are boilerplate (a promo or copyright
 * notice run into the text, as in pages scraped onto one line), and, in the
 * article's last paragraph, an author bio at its end.  Appends cut ranges. */
static void find_bad_sentences(const tx_lex *lx, const char *t, size_t s, size_t e, bool last, tx_out *o)
{
    ng_buf starts;
    ng_buf_init(&starts);
    size_t pos = s, ps = s, pe = s, n = 0;
    tx_word w;
    while (tx_next_word(t, e, &pos, &w)) {
        if (n++ == 0 || tx_sentence_gap(t, ps, pe, w.start))
            ng_buf_append(&starts, &w.start, sizeof w.start);
        ps = w.start, pe = w.end;
    }
    ng_buf_append(&starts, &e, sizeof e);
    const size_t *st = (const size_t *)(void *)starts.data;
    size_t ns = starts.oom ? 0 : starts.len / sizeof *st - 1;
    bool tail = last; /* still walking back through the last paragraph's end */
    for (size_t k = ns; k-- > 0;) {
        tx_unit x = {.start = (uint32_t)st[k], .end = (uint32_t)st[k + 1]};
        const char *xs = t + x.start, *xe = t + x.end;
        ng_trim(&xs, &xe);
        x.end = (uint32_t)(xe - t);
        tx_measure(lx, t, &x);
        tail = tail && k > 0 && is_bio(lx, t, &x);
        if (tail || sentence_bad(t, &x)) {
            push_cut(&o->cuts, st[k], st[k + 1]);
            log_drop(o, tail ? "bio sentence" : "boilerplate sentence", t, x.start, x.end);
        }
    }
    ng_buf_free(&starts);
}

static int cmp_cut(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Sort cut ranges (pairs of offsets) and merge overlaps; returns how many
 * remain.  O(n log n): a long one-line page may hold many cuts. */
static size_t merge_cuts(ng_buf *cuts)
{
    size_t *c = (size_t *)(void *)cuts->data, n = cuts->oom ? 0 : cuts->len / (2 * sizeof *c);
    if (n > 1)
        qsort(c, n, 2 * sizeof *c, cmp_cut);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (out && c[2 * i] <= c[2 * (out - 1) + 1]) {
            c[2 * (out - 1) + 1] = NG_MAX(c[2 * (out - 1) + 1], c[2 * i + 1]);
            continue;
        }
        c[2 * out] = c[2 * i], c[2 * out + 1] = c[2 * i + 1];
        out++;
    }
    return out;
}

/* Does a kept unit need its sentences looked at one by one? */
static bool mixed_unit(const tx_unit *u, bool last)
{
    if (u->nsent < 2)
        return false;
    return u->hits[TX_COMMENT] || u->hits[TX_COPYRIGHT] || u->hits[TX_SIGNOFF] || u->hits[TX_PROMO] ||
           u->hits[TX_CONTACT] || (last && u->hits[TX_BIO]);
}

/* Write one kept unit: bullet, credit, run-in headlines and boilerplate
 * sentences removed.  last: the article's last kept paragraph. */
static void emit_unit(const tx_lex *lx, const char *t, const tx_unit *u, bool boiler, bool last, ng_buf *b,
                      tx_out *o)
{
    size_t s = u->start, e = (u->flags & TX_U_CAPTION) && u->credit > u->start ? u->credit : u->end;
    size_t bl = bullet_len(t + s, t + e);
    if (bl)
        s += bl;
    const char *ps = t + s, *pe = t + e;
    ng_trim(&ps, &pe);
    s = (size_t)(ps - t), e = (size_t)(pe - t);
    if (s >= e)
        return;
    ng_buf_clear(&o->cuts);
    if (boiler && (u->flags & TX_U_RUNIN))
        find_runins(lx, t, s, e, o);
    if (boiler && mixed_unit(u, last))
        find_bad_sentences(lx, t, s, e, last, o);
    size_t ncuts = merge_cuts(&o->cuts), from = s;
    const size_t *c = (const size_t *)(void *)o->cuts.data;
    size_t before = b->len;
    if (b->len)
        ng_buf_puts(b, "\n\n");
    bool space = false;
    for (size_t i = 0; i < ncuts; i++) {
        append_folded(b, t, from, c[2 * i], &space);
        from = c[2 * i + 1];
    }
    append_folded(b, t, from, e, &space);
    if (b->data && b->len == before + (before ? 2 : 0))
        b->len = before, b->data[before] = '\0';
}

/* Which units to write: kept ones, or fallbacks when nothing was kept. */
static bool keep_unit(const tx_unit *u, int level)
{
    if (level == 0)
        return u->kind == TX_K_GOOD;
    if (level == 1)
        return u->kind == TX_K_SHORT || u->kind == TX_K_WEAK || u->kind == TX_K_GOOD;
    if (level == 2)
        return u->kind != TX_K_HEADER;
    return true;
}

static void emit(const tx_lex *lx, const char *t, const tx_unit *u, size_t n, bool boiler, ng_buf *b,
                 ng_text_meta *meta)
{
    static const char *const kinds[] = {"-", "good", "short", "headline-like", "boilerplate", "header"};
    tx_out o = {.log_budget = TX_LOG_BUDGET};
    ng_buf_init(&o.cuts);
    size_t last = n;
    for (size_t i = 0; i < n; i++)
        if (u[i].kind == TX_K_GOOD)
            last = i;
    for (int level = 0; level < 4 && b->len == 0 && !b->oom; level++) {
        meta->dropped = 0;
        for (size_t i = 0; i < n; i++) {
            if (keep_unit(&u[i], level)) {
                emit_unit(lx, t, &u[i], boiler && level == 0, i == last, b, &o);
                continue;
            }
            meta->dropped += u[i].kind != TX_K_HEADER;
            char what[40];
            snprintf(what, sizeof what, "%s paragraph %zu", kinds[u[i].kind % 6], i);
            log_drop(&o, what, t, u[i].start, u[i].end);
        }
    }
    b->oom |= o.cuts.oom;
    ng_buf_free(&o.cuts);
}

int ng_text_extract(const char *text, size_t len, unsigned flags, ng_buf *body, ng_text_meta *meta)
{
    memset(meta, 0, sizeof *meta);
    ng_buf_clear(body);
    ng_buf_reserve(body, len);
    const tx_lex *lx = tx_lex_get();
    units us = {0};
    if (!split_lines(text, len, &us)) {
        ng_free(us.a, us.cap * sizeof *us.a);
        return NG_ENOMEM;
    }
    join_wrapped(text, &us);
    for (size_t i = 0; i < us.n; i++)
        tx_measure(lx, text, &us.a[i]);
    if (flags & NG_TEXT_HEADER)
        tx_header(text, us.a, us.n, lx, meta);
    if (flags & NG_TEXT_BOILER)
        classify(lx, text, us.a, us.n);
    else
        for (size_t i = 0; i < us.n; i++)
            us.a[i].kind = us.a[i].kind == TX_K_HEADER ? TX_K_HEADER : TX_K_GOOD;
    emit(lx, text, us.a, us.n, flags & NG_TEXT_BOILER, body, meta);
    ng_free(us.a, us.cap * sizeof *us.a);
    return body->oom ? NG_ENOMEM : NG_OK;
}
