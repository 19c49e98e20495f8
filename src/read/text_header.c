/*
 * text_header.c - the top of a scraped article: the headline, byline and
 * dateline lines ("Publisher 發布於 DATE • Author", "By Jane Doe, Staff
 * Reporter", "Jane Doe | Agency | March 3, 2021", "date 2022-11-10 body..."),
 * "Key: value" lines, and publisher fallbacks from a wire dateline
 * ("BEIJING (Reuters) -") and the copyright line.
 * Invariant: a field already found is never overwritten by a weaker source.
 */
#include "text.h"

#include <stdio.h>

/* Part kinds of a byline. */
enum { P_EMPTY, P_LABEL, P_AUTHOR, P_PUBLISHER, P_ROLE, P_UNKNOWN };

/* ------------------------------------------------------------- helpers */

/* Copy t[s,e) into dst with whitespace folded and the ends trimmed. */
static void put_field(char *dst, size_t size, const char *t, size_t s, size_t e)
{
    const char *ps = t + s, *pe = t + e;
    ng_trim(&ps, &pe);
    size_t n = 0;
    bool space = false;
    for (const char *p = ps; p < pe && n + 1 < size; p++) {
        if (ng_is_space_ascii((unsigned char)*p)) {
            space = true;
            continue;
        }
        if (space && n)
            dst[n++] = ' ';
        space = false;
        dst[n++] = *p;
    }
    while (n > 0 && ((unsigned char)dst[n - 1] & 0xc0) == 0x80 && n + 1 >= size)
        n--; /* never cut a UTF-8 sequence in half */
    dst[n] = '\0';
}

/* Trim blanks and byline punctuation (: , ; - |) from both ends. */
static void trim_part(const char *t, size_t *s, size_t *e)
{
    for (;;) {
        const char *ps = t + *s, *pe = t + *e;
        ng_trim(&ps, &pe);
        *s = (size_t)(ps - t), *e = (size_t)(pe - t);
        if (*s < *e && strchr(":,;-|", t[*s]))
            (*s)++;
        else if (*s < *e && strchr(":,;-|", t[*e - 1]))
            (*e)--;
        else
            return;
    }
}

/* The first word of t[s,e), if any. */
static bool first_word(const char *t, size_t s, size_t e, tx_word *w)
{
    size_t pos = s;
    return tx_next_word(t, e, &pos, w);
}

/* Does a phrase of cls start at the first word of t[s,e)?  *after: its end. */
static bool starts_with(const tx_lex *lx, const char *t, size_t s, size_t e, tx_class cls, size_t *after)
{
    tx_word w;
    size_t mend;
    if (!first_word(t, s, e, &w) || tx_match(lx, t, e, &w, TX_BIT(cls), &mend, NULL) < 0)
        return false;
    if (after)
        *after = mend;
    return true;
}

/* Is t[s,e) one phrase of cls, nothing else but punctuation? */
static bool whole(const tx_lex *lx, const char *t, size_t s, size_t e, tx_class cls)
{
    size_t after;
    tx_word w;
    return starts_with(lx, t, s, e, cls, &after) && !first_word(t, after, e, &w);
}

/* A news outlet's name: an outlet word ("Post", "Times"), a known agency,
 * an acronym ("BBC"), or a domain. */
static bool org_like(const tx_lex *lx, const char *t, size_t s, size_t e)
{
    if (whole(lx, t, s, e, TX_AGENCY))
        return true;
    size_t pos = s, nwords = 0;
    tx_word w;
    bool outlet = false, caps = true;
    while (tx_next_word(t, e, &pos, &w)) {
        nwords++;
        caps &= (w.flags & (TX_W_CAP | TX_W_CJK | TX_W_DIGIT)) != 0 || tx_is_stop(lx, w.hash);
        outlet |= tx_match(lx, t, e, &w, TX_BIT(TX_ORGWORD), NULL, NULL) >= 0;
        if (nwords == 1 && (w.flags & TX_W_UPPER) && w.end - w.start <= 5 && !first_word(t, w.end, e, &w))
            return true;
    }
    for (size_t i = s; i + 4 < e; i++)
        if (t[i] == '.' && (ng_strnieq(t + i, ".com", 4) || ng_strnieq(t + i, ".net", 4) || ng_strnieq(t + i, ".org", 4)))
            return true;
    return outlet && caps && nwords <= 8;
}

bool tx_person_like(const tx_lex *lx, const char *t, size_t s, size_t e, bool single_ok)
{
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80 && !(c == ' ' || c == '.' || c == '-' || c == '\'' || ((c | 32) >= 'a' && (c | 32) <= 'z')))
            return false;
    }
    size_t pos = s, names = 0, cjk = 0;
    tx_word w;
    while (tx_next_word(t, e, &pos, &w)) {
        if (w.flags & TX_W_CJK) {
            cjk++;
            continue;
        }
        if (tx_match(lx, t, e, &w, TX_BIT(TX_PARTICLE), NULL, NULL) >= 0 && (w.flags & TX_W_LOWER))
            continue;
        if (!(w.flags & TX_W_CAP) || tx_is_stop(lx, w.hash) ||
            tx_match(lx, t, e, &w, TX_BIT(TX_ORGWORD) | TX_BIT(TX_ROLE) | TX_BIT(TX_DATELABEL), NULL, NULL) >= 0)
            return false;
        names++;
    }
    if (cjk)
        return names == 0 && cjk >= 2 && cjk <= 4;
    return names >= (single_ok ? 1u : 2u) && names <= 5;
}

/* Append a name to a ", "-separated list, title-casing an all-caps name. */
static void add_name(char *list, size_t size, const char *t, size_t s, size_t e)
{
    char name[128];
    put_field(name, sizeof name, t, s, e);
    bool caps = true;
    for (char *p = name; *p; p++)
        caps &= !(*p >= 'a' && *p <= 'z');
    for (char *p = name; caps && *p; p++)
        if (*p >= 'A' && *p <= 'Z' && p > name && ((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z'))
            *p = (char)(*p + 32);
    if (!name[0] || strstr(list, name))
        return;
    size_t n = strlen(list);
    snprintf(list + n, size - n, "%s%s", n ? ", " : "", name);
}

/* Find word w (lower-case ASCII, e.g. " and ") in t[s,e); e when absent. */
static size_t find_ci(const char *t, size_t s, size_t e, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = s; i + n <= e; i++)
        if (ng_strnieq(t + i, w, n))
            return i;
    return e;
}

/* Names in t[s,e): "Jane Doe and John Roe", "Jane Doe in Beijing", "Jane
 * Doe for Agency".  Returns how many were added to cand, or -1 when a piece
 * is not a name. */
static int add_names(const tx_lex *lx, const char *t, size_t s, size_t e, bool after_mark, ng_text_meta *cand)
{
    int added = 0;
    while (s < e) {
        size_t a = find_ci(t, s, e, " and "), b = find_ci(t, s, e, " & "), next = NG_MIN(a, b);
        size_t stop = next, in = find_ci(t, s, stop, " in "), at = find_ci(t, s, stop, " at ");
        at = NG_MIN(at, find_ci(t, s, stop, " on "));
        size_t f = find_ci(t, s, stop, " for ");
        if (f < stop && org_like(lx, t, f + 5, stop) && !cand->publisher[0])
            put_field(cand->publisher, sizeof cand->publisher, t, f + 5, stop);
        stop = NG_MIN(NG_MIN(stop, in), NG_MIN(at, f));
        size_t ps = s, pe = stop;
        trim_part(t, &ps, &pe);
        if (ps < pe) {
            if (!tx_person_like(lx, t, ps, pe, after_mark))
                return -1;
            add_name(cand->author, sizeof cand->author, t, ps, pe);
            added++;
        }
        s = next < e ? next + (next == a ? 5 : 3) : e;
    }
    return added;
}

/* ------------------------------------------------------------- bylines */

static size_t count_words(const char *t, size_t s, size_t e)
{
    size_t pos = s, n = 0;
    tx_word w;
    while (tx_next_word(t, e, &pos, &w))
        n++;
    return n;
}

/* Cut phrases of cls off the end of t[s,e) ("Jane Doe on" -> "Jane Doe");
 * returns the new end. */
static size_t strip_trailing(const tx_lex *lx, const char *t, size_t s, size_t e, tx_class cls)
{
    for (bool again = true; again;) {
        again = false;
        size_t pos = s, mend;
        tx_word w, rest;
        while (tx_next_word(t, e, &pos, &w))
            if (w.start > s && tx_match(lx, t, e, &w, TX_BIT(cls), &mend, NULL) >= 0 && !first_word(t, mend, e, &rest)) {
                e = w.start;
                again = true;
                break;
            }
    }
    return e;
}

/* A job title: a phrase of the role list ends the piece, which is short
 * ("Staff Reporter", "Aviation Correspondent", "Senior Technology Editor"). */
static bool role_like(const tx_lex *lx, const char *t, size_t s, size_t e)
{
    size_t pos = s, n = 0, mend;
    tx_word w, rest;
    while (tx_next_word(t, e, &pos, &w)) {
        if (++n > 5)
            return false;
        if (tx_match(lx, t, e, &w, TX_BIT(TX_ROLE), &mend, NULL) >= 0 && !first_word(t, mend, e, &rest))
            return true;
    }
    return false;
}

/* What one piece of a byline is; fills cand.  pub: the piece stands before
 * a publisher mark ("X 發布於 DATE"). */
static int classify_part(const tx_lex *lx, const char *t, size_t s, size_t e, bool pub, ng_text_meta *cand)
{
    trim_part(t, &s, &e);
    size_t after;
    bool labelled = false;
    while (s < e && starts_with(lx, t, s, e, TX_DATELABEL, &after) && !whole(lx, t, s, e, TX_AUTHOR))
        s = after, labelled = true, trim_part(t, &s, &e);
    e = strip_trailing(lx, t, s, e, TX_DATELABEL); /* "Jane Doe on", "X published" */
    trim_part(t, &s, &e);
    if (s >= e)
        return labelled ? P_LABEL : P_EMPTY;
    if (labelled && count_words(t, s, e) <= 5 && !starts_with(lx, t, s, e, TX_AUTHOR, NULL))
        return P_LABEL; /* "Updated 2 hours ago" */
    if (pub) {
        if (!cand->publisher[0])
            put_field(cand->publisher, sizeof cand->publisher, t, s, e);
        return P_PUBLISHER;
    }
    if (role_like(lx, t, s, e))
        return P_ROLE;
    if (starts_with(lx, t, s, e, TX_AUTHOR, &after)) {
        size_t ns = after, ne = e;
        trim_part(t, &ns, &ne);
        return add_names(lx, t, ns, ne, true, cand) > 0 ? P_AUTHOR : P_UNKNOWN;
    }
    if (org_like(lx, t, s, e)) {
        if (!cand->publisher[0])
            put_field(cand->publisher, sizeof cand->publisher, t, s, e);
        return P_PUBLISHER;
    }
    return add_names(lx, t, s, e, false, cand) > 0 ? P_AUTHOR : P_UNKNOWN;
}

/* Length of a byline separator at t[i] (• · | ｜ / ; , — – " - "), or 0. */
static size_t separator(const char *t, size_t i, size_t e)
{
    static const char *const seps[] = {"•", "·", "｜", "—", "–", "●", "▪", "│", "¦", " - "};
    char c = t[i];
    if (c == '|' || c == '/' || c == ';' || c == ',' || c == '\t')
        return 1;
    for (size_t k = 0; k < NG_ARRAY_LEN(seps); k++) {
        size_t n = strlen(seps[k]);
        if (e - i >= n && memcmp(t + i, seps[k], n) == 0)
            return n;
    }
    return 0;
}

/* Classify every piece of t[s,e); counts what was recognised. pub_last:
 * the last piece stands before a publisher mark. */
static void classify_parts(const tx_lex *lx, const char *t, size_t s, size_t e, bool pub_last, ng_text_meta *cand,
                           size_t *known, size_t *unknown, size_t *parts)
{
    size_t from = s;
    for (size_t i = s; i <= e; i++) {
        size_t n = i < e ? separator(t, i, e) : 1;
        if (!n)
            continue;
        int k = classify_part(lx, t, from, i, pub_last && i == e, cand);
        *parts += k != P_EMPTY;
        *unknown += k == P_UNKNOWN;
        *known += k == P_AUTHOR || k == P_PUBLISHER;
        from = i + n;
        i += n - 1;
    }
}

/* The first date among the words of t[s,scan) (a date may run on to e). */
static bool find_date(const char *t, size_t s, size_t scan, size_t e, size_t *ds, size_t *de, char *iso)
{
    size_t pos = s;
    tx_word w;
    while (tx_next_word(t, scan, &pos, &w)) {
        size_t n = ng_parse_date(t + w.start, NG_MIN(e - w.start, (size_t)160), iso, 64);
        if (n) {
            *ds = w.start, *de = w.start + n;
            return true;
        }
    }
    return false;
}

/* Fill empty fields of meta from cand. */
static void merge(ng_text_meta *meta, const ng_text_meta *cand)
{
    if (!meta->date[0])
        memcpy(meta->date, cand->date, sizeof meta->date);
    if (!meta->author[0])
        memcpy(meta->author, cand->author, sizeof meta->author);
    if (!meta->publisher[0])
        memcpy(meta->publisher, cand->publisher, sizeof meta->publisher);
}

/* Skip separators and blanks after a date; true when there was one. */
static bool skip_separators(const char *t, size_t *p, size_t e)
{
    bool sep = false;
    for (;;) {
        size_t n;
        if (*p < e && (t[*p] == ' ' || t[*p] == '\t'))
            (*p)++;
        else if (*p < e && ((n = separator(t, *p, e)) != 0 || (t[*p] == ':' && (n = 1))))
            *p += n, sep = true;
        else
            return sep;
    }
}

/* The rest of a byline after its date: names, roles, labels and more
 * dates ("| Updated March 4, 2021").  True when every piece is known. */
static bool byline_rest(const tx_lex *lx, const char *t, size_t s, size_t e, ng_text_meta *cand)
{
    size_t known = 0, unknown = 0, parts = 0;
    while (s < e && !unknown) {
        size_t ds, de;
        char iso[64];
        bool more = find_date(t, s, e, e, &ds, &de, iso);
        classify_parts(lx, t, s, more ? ds : e, false, cand, &known, &unknown, &parts);
        s = more ? de : e;
    }
    return !unknown;
}

/* A byline without a date: "By Jane Doe, Staff Reporter", "Jane Doe | Agency". */
static int byline_undated(const tx_lex *lx, const char *t, tx_unit *u, ng_text_meta *meta)
{
    if (u->end - u->start > 200)
        return 0;
    ng_text_meta cand = {0};
    size_t known = 0, unknown = 0, parts = 0;
    classify_parts(lx, t, u->start, u->end, false, &cand, &known, &unknown, &parts);
    bool marked = starts_with(lx, t, u->start, u->end, TX_AUTHOR, NULL);
    if (unknown || !known || (!marked && parts < 2))
        return 0;
    merge(meta, &cand);
    return 1;
}

/* 0: not a byline; 1: a byline line; 2: a dateline whose line goes on with
 * the article (u->start moved to it). */
static int byline(const tx_lex *lx, const char *t, tx_unit *u, ng_text_meta *meta)
{
    size_t s = u->start, e = u->end, ds, de;
    ng_text_meta cand = {0};
    if (!find_date(t, s, NG_MIN(e, s + 300), e, &ds, &de, cand.date) || ds - s > 150)
        return byline_undated(lx, t, u, meta);
    bool pub = starts_with(lx, t, ds, de, TX_PUBMARK, NULL);
    bool labelled = pub || starts_with(lx, t, ds, de, TX_DATELABEL, NULL);
    size_t known = 0, unknown = 0, parts = 0;
    classify_parts(lx, t, s, ds, pub, &cand, &known, &unknown, &parts);
    if (unknown)
        return 0;
    size_t rest = de;
    bool sep = skip_separators(t, &rest, e);
    if (rest >= e) {
        merge(meta, &cand);
        return 1;
    }
    ng_text_meta tail = cand;
    if (e - rest <= 150 && byline_rest(lx, t, rest, e, &tail)) {
        merge(meta, &tail);
        return 1;
    }
    /* The article on the same line: only after a labelled date ("date
     * 2022-11-10 ...", "Published: ... ") or a byline with a name. */
    tx_unit probe = *u;
    probe.start = (uint32_t)rest;
    tx_measure(lx, t, &probe);
    if ((labelled || (known && sep)) && probe.nwords >= 8) {
        merge(meta, &cand);
        *u = probe;
        return 2;
    }
    return 0;
}

/* ------------------------------------------------------- labelled lines */

/* "Title: ...", "Author: ...", "Source: ..." lines.  True when u is one. */
static bool label_line(const tx_lex *lx, const char *t, tx_unit *u, ng_text_meta *meta)
{
    static const struct { const char *key; int field; } keys[] = {
        {"title", 0},     {"headline", 0},  {"author", 1},      {"authors", 1},          {"byline", 1},
        {"by", 1},        {"writer", 1},    {"date", 2},        {"published", 2},        {"publish date", 2},
        {"pubdate", 2},   {"dateline", 2},  {"publication date", 2}, {"source", 3},     {"publisher", 3},
        {"publication", 3}, {"outlet", 3},  {"url", 4},         {"link", 4},             {"source url", 4},
    };
    size_t s = u->start, e = u->end;
    for (size_t i = 0; i < NG_ARRAY_LEN(keys); i++) {
        size_t n = strlen(keys[i].key), p = s + n;
        if (e - s <= n || !ng_strnieq(t + s, keys[i].key, n))
            continue;
        while (p < e && t[p] == ' ')
            p++;
        if (p < e && t[p] == ':')
            p++;
        else if (e - p >= 3 && memcmp(t + p, "：", 3) == 0)
            p += 3;
        else
            continue;
        size_t vs = p, ve = e;
        trim_part(t, &vs, &ve);
        if (vs >= ve)
            return false;
        ng_text_meta cand = {0};
        switch (keys[i].field) {
        case 0: put_field(meta->title, sizeof meta->title, t, vs, ve); return true;
        case 1:
            if (add_names(lx, t, vs, ve, true, &cand) <= 0)
                put_field(cand.author, sizeof cand.author, t, vs, ve);
            memcpy(meta->author, cand.author, sizeof meta->author);
            return true;
        case 2:
            if (ng_parse_date(t + vs, ve - vs, cand.date, sizeof cand.date) + 2 < ve - vs)
                return false; /* no date, or the line goes on: a byline, not a label */
            memcpy(meta->date, cand.date, sizeof meta->date);
            return true;
        case 3: put_field(meta->publisher, sizeof meta->publisher, t, vs, ve); return true;
        default: put_field(meta->url, sizeof meta->url, t, vs, ve); return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------- headline */

/* A headline: one sentence of 3 to 30 words (fewer stop words than prose
 * when long), no full stop at the end, not a short all-caps line. */
static bool title_like(const char *t, const tx_unit *u)
{
    size_t words = u->nwords - u->ncjk;
    if (u->ncjk ? u->ncjk < 6 || u->ncjk > 80 : words < 3 || words > 30)
        return false;
    if (u->end - u->start > 350 || u->nsent > 1)
        return false;
    if (words > 16 && (u->nstop < 2 || u->nstop * 100 >= words * 35))
        return false; /* long: only an English headline, with fewer stop words than prose */
    if (u->flags & (TX_U_BULLET | TX_U_CAPTION | TX_U_COLON))
        return false;
    bool upper = true;
    for (uint32_t i = u->start; i < u->end && upper; i++)
        upper = !(t[i] >= 'a' && t[i] <= 'z');
    if (upper && words <= 4)
        return false;
    if (u->lead >= 0 && u->lead != TX_CREDIT && u->lead != TX_RUNIN)
        return false;
    char last = t[u->end - 1];
    if ((u->flags & TX_U_TERMINAL) && last != '?' && last != '!')
        return false;
    return u->ncap > 0 || u->ncjk > 0;
}

/* Set the title, moving a " | Outlet" or " - Outlet" suffix to publisher. */
static void set_title(const tx_lex *lx, const char *t, const tx_unit *u, ng_text_meta *meta)
{
    size_t s = u->start, e = u->end;
    static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: "};
    for (size_t k = 0; k < NG_ARRAY_LEN(seps); k++) {
        size_t n = strlen(seps[k]), at = e;
        for (size_t i = s; i + n <= e; i++)
            if (memcmp(t + i, seps[k], n) == 0)
                at = i;
        if (at < e && at > s && org_like(lx, t, at + n, e)) {
            if (!meta->publisher[0])
                put_field(meta->publisher, sizeof meta->publisher, t, at + n, e);
            e = at;
            break;
        }
    }
    put_field(meta->title, sizeof meta->title, t, s, e);
}

/* ---------------------------------------------------- publisher fallbacks */

/* "BEIJING (Reuters) -", "WASHINGTON, March 3 (AP) —": the agency. */
static bool dateline_agency(const tx_lex *lx, const char *t, const tx_unit *u, ng_text_meta *meta)
{
    size_t e = NG_MIN((size_t)u->end, (size_t)u->start + 120);
    for (size_t i = u->start; i < e; i++) {
        if (t[i] != '(')
            continue;
        const char *close = memchr(t + i, ')', e - i);
        if (!close || close - (t + i) > 40)
            return false;
        size_t c = (size_t)(close - t), p = c + 1;
        while (p < u->end && t[p] == ' ')
            p++;
        bool dash = p < u->end && (t[p] == '-' || t[p] == ':' || (u->end - p >= 3 && (memcmp(t + p, "—", 3) == 0 ||
                                                                                        memcmp(t + p, "–", 3) == 0)));
        if (!dash)
            return false;
        if (org_like(lx, t, i + 1, c) || tx_person_like(lx, t, i + 1, c, true)) {
            put_field(meta->publisher, sizeof meta->publisher, t, i + 1, c);
            return true;
        }
        return false;
    }
    return false;
}

/* Cut company-form words ("Publishers Ltd.", "Inc.") off the end of a name. */
static size_t strip_legal(const tx_lex *lx, const char *t, size_t s, size_t e)
{
    for (bool again = true; again;) {
        again = false;
        size_t pos = s;
        tx_word w;
        while (tx_next_word(t, e, &pos, &w)) {
            size_t mend;
            tx_word rest;
            if (w.start > s && tx_match(lx, t, e, &w, TX_BIT(TX_LEGAL), &mend, NULL) >= 0 &&
                !first_word(t, mend, e, &rest)) {
                e = w.start;
                while (e > s && strchr(" ,.&", t[e - 1]))
                    e--;
                again = true;
                break;
            }
        }
    }
    return e;
}

/* "Copyright (c) 2019. X Publishers Ltd. All rights reserved." -> X. */
static bool copyright_holder(const tx_lex *lx, const char *t, const tx_unit *u, ng_text_meta *meta)
{
    size_t p = u->start, e = u->end;
    /* The notice may close a paragraph: start at "Copyright", "©" or "(c)". */
    for (size_t i = u->start; i + 3 <= e; i++)
        if (ng_strnieq(t + i, "copyright", NG_MIN((size_t)9, e - i)) || memcmp(t + i, "©", 2) == 0 ||
            ng_strnieq(t + i, "(c)", 3)) {
            p = i;
            break;
        }
    for (bool skipped = true; skipped && p < e;) {
        skipped = false;
        static const char *const skip[] = {"copyright", "©", "(c)", "by ", " ", ".", ",", ":", "-", "–"};
        for (size_t k = 0; k < NG_ARRAY_LEN(skip); k++) {
            size_t n = strlen(skip[k]);
            if (e - p >= n && ng_strnieq(t + p, skip[k], n)) {
                p += n, skipped = true;
                break;
            }
        }
        while (!skipped && p < e && t[p] >= '0' && t[p] <= '9')
            p++, skipped = true; /* years */
    }
    size_t end = p;
    while (end < e && !(t[end] == '.' && (end + 1 == e || t[end + 1] == ' ')) && !strchr(",;|", t[end]) &&
           !ng_strnieq(t + end, " all rights", 11))
        end++;
    end = strip_legal(lx, t, p, end);
    tx_word w;
    size_t pos = p, words = 0;
    bool cap = first_word(t, p, end, &w) && (w.flags & (TX_W_CAP | TX_W_UPPER | TX_W_CJK));
    while (tx_next_word(t, end, &pos, &w))
        words++;
    if (!cap || words == 0 || words > 8)
        return false;
    put_field(meta->publisher, sizeof meta->publisher, t, p, end);
    return true;
}

/* -------------------------------------------------------------- the top */

void tx_header(const char *t, tx_unit *u, size_t n, const tx_lex *lx, ng_text_meta *meta)
{
    size_t lim = NG_MIN(n, (size_t)TX_HEADER_UNITS), i;
    bool prose = false, titled = false, body = false;
    for (i = 0; i < lim; i++) {
        tx_unit *x = &u[i];
        if (label_line(lx, t, x, meta)) {
            titled |= meta->title[0] != '\0';
            x->kind = TX_K_HEADER;
            continue;
        }
        int r = byline(lx, t, x, meta);
        if (r == 1)
            x->kind = TX_K_HEADER;
        prose |= r == 2; /* the line goes on with the article */
        if (r)
            continue;
        if (!titled && !prose && !body && title_like(t, x)) {
            set_title(lx, t, x, meta);
            x->kind = TX_K_HEADER;
            titled = true;
            continue;
        }
        prose |= (x->flags & TX_U_TERMINAL) && x->nwords >= 8;
        /* The headline comes first, after metadata lines and a kicker
         * ("Opinion", "Breaking news") only. */
        body |= x->nwords > 3 || (x->flags & TX_U_TERMINAL);
    }
    /* Metadata lines at the foot: "Source: Agency", "Published: ...". */
    for (size_t j = NG_MAX(i, n > 8 ? n - 8 : 0); j < n; j++) {
        bool marked = starts_with(lx, t, u[j].start, u[j].end, TX_DATELABEL, NULL) ||
                      starts_with(lx, t, u[j].start, u[j].end, TX_AUTHOR, NULL);
        if (label_line(lx, t, &u[j], meta) || (marked && u[j].nwords <= 15 && byline(lx, t, &u[j], meta) == 1))
            u[j].kind = TX_K_HEADER;
    }
    for (size_t j = 0; j < n && !meta->publisher[0]; j++)
        if (u[j].kind != TX_K_HEADER && u[j].nwords >= 8 && (u[j].flags & TX_U_TERMINAL)) {
            dateline_agency(lx, t, &u[j], meta);
            break;
        }
    for (size_t j = n; j-- > 0 && !meta->publisher[0];)
        if (u[j].hits[TX_COPYRIGHT] || (u[j].end - u[j].start > 2 && memcmp(t + u[j].start, "©", 2) == 0))
            copyright_holder(lx, t, &u[j], meta);
}
