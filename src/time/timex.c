/*
 * timex.c - finding temporal expressions in tokens and normalising them
 * against the document date, HeidelTime-style: a rule per expression type,
 * relative expressions resolved against the document creation time, or
 * against the previous expression for anaphoric ones ("the next year").
 *
 * Direction: news reports past events, so a bare "Sunday" or "in December"
 * is the latest such day or month on or before the document date; a sentence
 * with future cues ("will", "expected to", "next") looks forward instead.
 */
#include "timex.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#define WORD_MAX 24 /* longest token the rules look at */

/* ------------------------------------------------------------ calendar */

long ng_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

ng_date ng_civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    ng_date r;
    r.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.year = (int)(yoe + era * 400 + (r.month <= 2));
    return r;
}

int ng_weekday(int y, int m, int d)
{
    long z = ng_days_from_civil(y, m, d);
    return (int)((z % 7 + 11) % 7); /* 1970-01-01 was a Thursday (4) */
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* ISO 8601 week number and its year. */
static void iso_week(ng_date d, int *wyear, int *week)
{
    long z = ng_days_from_civil(d.year, d.month, d.day);
    int wd = (ng_weekday(d.year, d.month, d.day) + 6) % 7; /* Monday = 0 */
    ng_date thu = ng_civil_from_days(z - wd + 3);           /* Thursday of this week */
    long jan1 = ng_days_from_civil(thu.year, 1, 1);
    *wyear = thu.year;
    *week = (int)((ng_days_from_civil(thu.year, thu.month, thu.day) - jan1) / 7 + 1);
}

/* -------------------------------------------------------------- words */

static const char *const months[] = {"january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december"};
static const char *const weekdays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

/* Month number from a full name or an abbreviation ("Sept.", "Oct"), or 0. */
static int month_of(const char *w)
{
    size_t n = strlen(w);
    if (n && w[n - 1] == '.')
        n--;
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++) {
        if (strlen(months[i]) == n && strncmp(w, months[i], n) == 0)
            return i + 1;
        if ((n == 3 || (n == 4 && i == 8)) && strncmp(w, months[i], n) == 0)
            return i + 1; /* "sep", "sept" */
    }
    return 0;
}

/* Weekday 0-6 from a name or abbreviation ("Sun", "Tues."), or -1. */
static int weekday_of(const char *w)
{
    size_t n = strlen(w);
    if (n && w[n - 1] == '.')
        n--;
    if (n < 3)
        return -1;
    for (int i = 0; i < 7; i++)
        if (strncmp(w, weekdays[i], n) == 0 && (n == 3 || n == strlen(weekdays[i]) || (n == 4 && (i == 2 || i == 4))))
            return i;
    return -1;
}

/* Non-negative integer from digits, or -1. */
static int number_of(const char *w)
{
    if (!*w || strlen(w) > 9)
        return -1;
    int v = 0;
    for (; *w; w++) {
        if (!isdigit((unsigned char)*w))
            return -1;
        v = v * 10 + (*w - '0');
    }
    return v;
}

/* Small counts written as words or digits ("three", "a", "12"), or -1. */
static int count_of(const char *w)
{
    static const char *const words[] = {"zero", "one", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine", "ten", "eleven", "twelve"};
    if (strcmp(w, "a") == 0 || strcmp(w, "an") == 0)
        return 1;
    for (int i = 0; i < 13; i++)
        if (strcmp(w, words[i]) == 0)
            return i;
    int v = number_of(w);
    return v >= 0 && v < 1000 ? v : -1;
}

/* Day of month from "23", "23rd", "1st", or -1. */
static int day_of(const char *w)
{
    char digits[4];
    size_t n = 0;
    while (isdigit((unsigned char)w[n]) && n < 3) {
        digits[n] = w[n];
        n++;
    }
    if (n == 0 || n > 2)
        return -1;
    digits[n] = '\0';
    const char *suffix = w + n;
    if (*suffix && strcmp(suffix, "st") && strcmp(suffix, "nd") && strcmp(suffix, "rd") && strcmp(suffix, "th"))
        return -1;
    int d = atoi(digits);
    return d >= 1 && d <= 31 ? d : -1;
}

/* A plausible year of news: 1900-2099. */
static int year_of(const char *w)
{
    int v = strlen(w) == 4 ? number_of(w) : -1;
    return v >= 1900 && v <= 2099 ? v : -1;
}

typedef enum unit { U_NONE, U_DAY, U_WEEK, U_WEEKEND, U_MONTH, U_QUARTER, U_YEAR, U_DECADE,
                    U_SPRING, U_SUMMER, U_FALL, U_WINTER } unit;

static unit unit_of(const char *w)
{
    static const struct { const char *w; unit u; } units[] = {
        {"day", U_DAY},       {"days", U_DAY},         {"week", U_WEEK},       {"weeks", U_WEEK},
        {"weekend", U_WEEKEND}, {"weekends", U_WEEKEND}, {"month", U_MONTH},   {"months", U_MONTH},
        {"quarter", U_QUARTER}, {"quarters", U_QUARTER}, {"year", U_YEAR},     {"years", U_YEAR},
        {"decade", U_DECADE}, {"decades", U_DECADE},   {"spring", U_SPRING},   {"summer", U_SUMMER},
        {"fall", U_FALL},     {"autumn", U_FALL},      {"winter", U_WINTER},
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(units); i++)
        if (strcmp(w, units[i].w) == 0)
            return units[i].u;
    return U_NONE;
}

static bool is_season(unit u)
{
    return u >= U_SPRING;
}

/* ------------------------------------------------------------ context */

typedef struct tctx {
    const ng_doc *doc;
    size_t first, end;        /* the sentence's tokens */
    char (*w)[WORD_MAX];      /* lowercased token text, "" when too long */
    bool *cap;                /* token starts with an uppercase letter */
    bool have_dct;            /* the document has a date */
    ng_date dct;
    bool future;              /* the sentence looks forward */
    const ng_timex *items;    /* the timexes found so far */
    long prev;                /* index of the last resolved date timex, -1 if none */
} tctx;

static const char *W(const tctx *c, size_t i)
{
    return i >= c->first && i < c->end ? c->w[i - c->first] : "";
}

static bool is(const tctx *c, size_t i, const char *word)
{
    return strcmp(W(c, i), word) == 0;
}

static bool is_any(const tctx *c, size_t i, const char *const *words)
{
    for (; *words; words++)
        if (is(c, i, *words))
            return true;
    return false;
}

/* Future cues anywhere in the sentence. */
static bool sentence_future(const tctx *c)
{
    static const char *const cues[] = {"will", "'ll", "shall", "expected", "expects", "plans", "planned",
                                       "scheduled", "upcoming", "forthcoming", "next", "going", NULL};
    for (size_t i = c->first; i < c->end; i++)
        if (is_any(c, i, cues))
            return true;
    return false;
}

/* The anchor for relative expressions: the document date. */
static bool anchor(const tctx *c, ng_date *out)
{
    if (!c->have_dct)
        return false;
    *out = c->dct;
    return true;
}

/* The anchor for anaphoric expressions ("the next year"): the previous
 * resolved timex, else the document date. */
static bool anaphor(const tctx *c, ng_date *out)
{
    if (c->prev >= 0) {
        const char *v = c->items[c->prev].value;
        out->year = atoi(v);
        out->month = strlen(v) >= 7 && isdigit((unsigned char)v[5]) ? atoi(v + 5) : 1;
        out->day = strlen(v) >= 10 && isdigit((unsigned char)v[8]) ? atoi(v + 8) : 1;
        return true;
    }
    return anchor(c, out);
}

/* ---------------------------------------------------------- values */

static void set_ymd(ng_timex *t, int y, int m, int d)
{
    if (y > 0 && m > 0 && d > 0)
        snprintf(t->value, sizeof t->value, "%04d-%02d-%02d", y, m, d);
    else if (y > 0 && m > 0)
        snprintf(t->value, sizeof t->value, "%04d-%02d", y, m);
    else if (y > 0)
        snprintf(t->value, sizeof t->value, "%04d", y);
    else if (m > 0 && d > 0)
        snprintf(t->value, sizeof t->value, "XXXX-%02d-%02d", m, d);
    else if (m > 0)
        snprintf(t->value, sizeof t->value, "XXXX-%02d", m);
    else
        snprintf(t->value, sizeof t->value, "XXXX");
    t->resolved = y > 0;
}

/* Shift a date by n units (months clamp the day). */
static ng_date shift(ng_date d, unit u, int n)
{
    switch (u) {
    case U_DAY: return ng_civil_from_days(ng_days_from_civil(d.year, d.month, d.day) + n);
    case U_WEEK:
    case U_WEEKEND: return ng_civil_from_days(ng_days_from_civil(d.year, d.month, d.day) + 7L * n);
    case U_MONTH:
    case U_QUARTER: {
        int k = u == U_QUARTER ? 3 * n : n;
        int m0 = d.year * 12 + (d.month - 1) + k;
        ng_date r = {m0 / 12, m0 % 12 + 1, d.day};
        if (r.day > days_in_month(r.year, r.month))
            r.day = days_in_month(r.year, r.month);
        return r;
    }
    case U_DECADE: d.year += 10 * n; return d;
    default: d.year += n; return d;
    }
}

/* The value of one unit of time containing date d, at its granularity. */
static void set_unit(ng_timex *t, ng_date d, unit u)
{
    static const char *const season[] = {"SP", "SU", "FA", "WI"};
    int wy, wk;
    switch (u) {
    case U_DAY: set_ymd(t, d.year, d.month, d.day); break;
    case U_WEEK:
        iso_week(d, &wy, &wk);
        snprintf(t->value, sizeof t->value, "%04d-W%02d", wy, wk);
        t->resolved = true;
        break;
    case U_WEEKEND: {
        /* the weekend of d's week: its Saturday */
        int wd = ng_weekday(d.year, d.month, d.day);
        ng_date sat = ng_civil_from_days(ng_days_from_civil(d.year, d.month, d.day) + (wd == 0 ? -1 : 6 - wd));
        iso_week(sat, &wy, &wk);
        snprintf(t->value, sizeof t->value, "%04d-W%02d-WE", wy, wk);
        t->resolved = true;
        break;
    }
    case U_MONTH: set_ymd(t, d.year, d.month, 0); break;
    case U_QUARTER:
        snprintf(t->value, sizeof t->value, "%04d-Q%d", d.year, (d.month - 1) / 3 + 1);
        t->resolved = true;
        break;
    case U_DECADE: snprintf(t->value, sizeof t->value, "%03d", d.year / 10); t->resolved = true; break;
    case U_SPRING: case U_SUMMER: case U_FALL: case U_WINTER:
        snprintf(t->value, sizeof t->value, "%04d-%s", d.year, season[u - U_SPRING]);
        t->resolved = true;
        break;
    default: set_ymd(t, d.year, 0, 0); break;
    }
}

/* Unresolved relative value of a given granularity. */
static void set_unknown(ng_timex *t, unit u)
{
    snprintf(t->value, sizeof t->value, "%s", u == U_DAY ? "XXXX-XX-XX" : u == U_MONTH ? "XXXX-XX" : "XXXX");
    t->resolved = false;
}

/* Season start month, for deciding "next spring". */
static int season_month(unit u)
{
    return u == U_SPRING ? 3 : u == U_SUMMER ? 6 : u == U_FALL ? 9 : 12;
}

/* ------------------------------------------------------------ rules */

/* Each rule tries to match at token i; returns the tokens matched, 0 if none. */

/* "September 23rd", "Sept. 23, 2015", "September 2015", "in December", "23 September 2015" */
static size_t rule_month(const tctx *c, size_t i, ng_timex *t)
{
    size_t j = i;
    int day = day_of(W(c, j)), month, year = -1;
    bool day_first = day > 0 && (month_of(W(c, j + 1)) || (is(c, j + 1, "of") && month_of(W(c, j + 2))));
    if (day_first) {
        j += is(c, j + 1, "of") ? 2 : 1;
        month = month_of(W(c, j));
        j++;
    } else {
        month = month_of(W(c, j));
        if (!month || !c->cap[j - c->first])
            return 0;
        j++;
        if (is(c, j, ".") )
            j++;
        day = day_of(W(c, j));
        if (day > 0)
            j++;
    }
    if (!month)
        return 0;
    /* "May" and "March" are also verbs: alone they need a date-like context. */
    if (!day_first && day < 0 && (month == 5 || month == 3)) {
        static const char *const preps[] = {"in", "since", "until", "by", "from", "early", "late", "mid",
                                            "last", "next", "this", "of", "during", "before", "after", NULL};
        if (!(i > c->first && is_any(c, i - 1, preps)) && year_of(W(c, j)) < 0)
            return 0;
    }
    if (is(c, j, ",") && year_of(W(c, j + 1)) > 0)
        j++;
    if (is(c, j, "of") && year_of(W(c, j + 1)) > 0)
        j++;
    if ((year = year_of(W(c, j))) > 0)
        j++;
    if (day > days_in_month(year > 0 ? year : 2000, month))
        return 0;
    t->kind = NG_TIMEX_DATE;
    if (year > 0) {
        set_ymd(t, year, month, day > 0 ? day : 0);
        return j - i;
    }
    t->relative = true;
    ng_date a;
    if (!anchor(c, &a)) {
        set_ymd(t, 0, month, day > 0 ? day : 0);
        return j - i;
    }
    /* latest such date on or before the anchor, or the next one after it */
    int y = a.year;
    int cmp = month != a.month ? month - a.month : (day > 0 ? day - a.day : 0);
    if (!c->future && cmp > 0)
        y--;
    else if (c->future && cmp < 0)
        y++;
    set_ymd(t, y, month, day > 0 ? day : 0);
    return j - i;
}

/* "Sunday", "on Sunday morning", "last Friday", "next Tuesday" (the modifier
 * is matched by rule_relative) */
static void resolve_weekday(const tctx *c, ng_timex *t, int wd, int dir)
{
    ng_date a;
    t->kind = NG_TIMEX_DATE;
    t->relative = true;
    if (!anchor(c, &a)) {
        set_unknown(t, U_DAY);
        return;
    }
    long z = ng_days_from_civil(a.year, a.month, a.day);
    int awd = ng_weekday(a.year, a.month, a.day);
    long delta;
    if (dir < 0) /* last Sunday: strictly before */
        delta = -(long)(((awd - wd) + 7) % 7 ? ((awd - wd) + 7) % 7 : 7);
    else if (dir > 0) /* next Sunday: strictly after */
        delta = ((wd - awd) + 7) % 7 ? ((wd - awd) + 7) % 7 : 7;
    else if (c->future)
        delta = ((wd - awd) + 7) % 7;
    else
        delta = -(long)(((awd - wd) + 7) % 7);
    ng_date d = ng_civil_from_days(z + delta);
    set_ymd(t, d.year, d.month, d.day);
}

static size_t rule_weekday(const tctx *c, size_t i, ng_timex *t)
{
    int wd = weekday_of(W(c, i));
    if (wd < 0 || !c->cap[i - c->first])
        return 0;
    resolve_weekday(c, t, wd, 0);
    size_t j = i + 1;
    static const char *const parts[] = {"morning", "afternoon", "evening", "night", NULL};
    if (is_any(c, j, parts))
        j++;
    return j - i;
}

/* A bare year, "the 1990s", "2019's"; with "early"/"mid"/"late" before it. */
static size_t rule_year(const tctx *c, size_t i, ng_timex *t)
{
    size_t j = i;
    int mod = NG_TMOD_NONE;
    if (is(c, j, "early") || is(c, j, "mid") || is(c, j, "late") || is(c, j, "mid-")) {
        mod = is(c, j, "early") ? NG_TMOD_START : is(c, j, "late") ? NG_TMOD_END : NG_TMOD_MID;
        j++;
        if (is(c, j, "-"))
            j++;
    }
    const char *w = W(c, j);
    int year = year_of(w);
    if (year < 0 && strncmp(w, "mid-", 4) == 0 && (year = year_of(w + 4)) > 0)
        mod = NG_TMOD_MID;
    if (year < 0) {
        /* decades: "1990s" */
        size_t n = strlen(w);
        if (n == 5 && w[4] == 's' && isdigit((unsigned char)w[0]) && w[3] == '0') {
            char y4[5];
            memcpy(y4, w, 4);
            y4[4] = '\0';
            if (year_of(y4) > 0) {
                t->kind = NG_TIMEX_DATE;
                snprintf(t->value, sizeof t->value, "%.3s", w);
                t->resolved = true;
                t->mod = (uint8_t)mod;
                return j + 1 - i;
            }
        }
        return 0;
    }
    /* A number like "2000 people" is a count, not a year. */
    if (j + 1 < c->end && c->doc->tokens[j + 1].upos == NG_UPOS_NOUN && c->doc->tokens[j].upos == NG_UPOS_NUM)
        return 0;
    if (is(c, j + 1, "%") || is(c, j + 1, "percent") || is(c, j + 1, "per"))
        return 0;
    t->kind = NG_TIMEX_DATE;
    t->mod = (uint8_t)mod;
    set_ymd(t, year, 0, 0);
    return j + 1 - i;
}

/* Relative expressions: "today", "this year", "last month", "next spring",
 * "the weekend", "earlier this year", "three years ago", "the next year",
 * "the same day", "each year". */
static size_t rule_relative(const tctx *c, size_t i, ng_timex *t)
{
    ng_date a;
    const char *w = W(c, i);
    t->kind = NG_TIMEX_DATE;
    t->relative = true;
    /* today / yesterday / tomorrow / tonight */
    static const struct { const char *w; int days; } deictic[] = {
        {"today", 0}, {"tonight", 0}, {"yesterday", -1}, {"tomorrow", 1},
    };
    for (size_t k = 0; k < NG_ARRAY_LEN(deictic); k++)
        if (strcmp(w, deictic[k].w) == 0) {
            if (anchor(c, &a))
                set_unit(t, shift(a, U_DAY, deictic[k].days), U_DAY);
            else
                set_unknown(t, U_DAY);
            return 1;
        }
    /* each year, every week, annually */
    if ((is(c, i, "each") || is(c, i, "every")) && unit_of(W(c, i + 1)) != U_NONE) {
        t->kind = NG_TIMEX_SET;
        t->relative = false;
        snprintf(t->value, sizeof t->value, "SET");
        return 2;
    }
    size_t j = i;
    int mod = NG_TMOD_NONE;
    if (is(c, j, "earlier") || is(c, j, "early")) { mod = NG_TMOD_START; j++; }
    else if (is(c, j, "later") || is(c, j, "late")) { mod = NG_TMOD_END; j++; }
    /* this|last|next|coming|past UNIT; the weekend; the next|following|previous|same UNIT */
    int dir = 99;
    bool anaphoric = false;
    if (is(c, j, "this") || is(c, j, "current")) dir = 0;
    else if (is(c, j, "last") || is(c, j, "past") || is(c, j, "previous")) dir = -1;
    else if (is(c, j, "next") || is(c, j, "coming")) dir = 1;
    else if (is(c, j, "the") || is(c, j, "that")) {
        if (is(c, j, "that")) { dir = 0; anaphoric = true; }
        else if (is(c, j + 1, "next") || is(c, j + 1, "following")) { dir = 1; anaphoric = true; j++; }
        else if (is(c, j + 1, "previous") || is(c, j + 1, "preceding")) { dir = -1; anaphoric = true; j++; }
        else if (is(c, j + 1, "same")) { dir = 0; anaphoric = true; j++; }
        else if (is(c, j + 1, "weekend")) dir = 0;
    } else if (is(c, j, "weekend") && j > c->first && (is(c, j - 1, "on") || is(c, j - 1, "over") || is(c, j - 1, "at"))) {
        dir = 0;
        j--; /* treat "on weekend" like "this weekend" */
    }
    if (dir != 99) {
        /* "this coming week" */
        if (dir == 0 && is(c, j + 1, "coming")) { dir = 1; j++; }
        unit u = unit_of(W(c, j + 1));
        int wd = weekday_of(W(c, j + 1));
        if (wd >= 0 && !anaphoric && c->cap[j + 1 - c->first]) {
            resolve_weekday(c, t, wd, dir == 0 ? 0 : dir);
            return j + 2 - i;
        }
        if (u == U_NONE || u == U_DECADE)
            return 0;
        /* plural units ("last years") are not a point in time */
        const char *uw = W(c, j + 1);
        if (uw[strlen(uw) - 1] == 's' && u != U_DAY && strcmp(uw, "days"))
            return 0;
        if (u == U_DAY && strcmp(uw, "day"))
            return 0;
        t->mod = (uint8_t)mod;
        bool ok = anaphoric ? anaphor(c, &a) : anchor(c, &a);
        if (!ok) {
            set_unknown(t, u == U_DAY ? U_DAY : u == U_MONTH ? U_MONTH : U_YEAR);
            return j + 2 - i;
        }
        if (is_season(u)) {
            /* this fall = the fall of the anchor's year; next spring = the first
             * spring after the anchor; last winter = the one before */
            int y = a.year;
            if (dir > 0 && a.month >= season_month(u)) y++;
            if (dir < 0 && a.month <= season_month(u)) y--;
            ng_date d = {y, season_month(u), 1};
            set_unit(t, d, u);
        } else {
            set_unit(t, shift(a, u == U_WEEKEND ? U_WEEK : u, dir), u);
        }
        return j + 2 - i;
    }
    /* N units ago / earlier / later */
    int n = count_of(w);
    unit u = unit_of(W(c, i + 1));
    if (n > 0 && u != U_NONE && !is_season(u) && u != U_WEEKEND) {
        bool ago = is(c, i + 2, "ago");
        /* "a year before." but not "a year after its founder spoke": there the
         * anchor is an event, not a date */
        bool clause_end = i + 3 >= c->end || is(c, i + 3, ".") || is(c, i + 3, ",") || is(c, i + 3, ";");
        bool earlier = is(c, i + 2, "earlier") || (is(c, i + 2, "before") && clause_end);
        bool later = is(c, i + 2, "later") || (is(c, i + 2, "after") && clause_end);
        if (!ago && !earlier && !later)
            return 0;
        bool ok = ago ? anchor(c, &a) : anaphor(c, &a);
        if (!ok) {
            set_unknown(t, u == U_DAY ? U_DAY : u == U_MONTH ? U_MONTH : U_YEAR);
            return 3;
        }
        set_unit(t, shift(a, u, later ? n : -n), u == U_WEEK ? U_DAY : u);
        return 3;
    }
    return 0;
}

/* "for three years", "for a decade": durations carry no date. */
static size_t rule_duration(const tctx *c, size_t i, ng_timex *t)
{
    if (!is(c, i, "for") && !is(c, i, "over"))
        return 0;
    size_t j = i + 1;
    if (is(c, j, "the") && (is(c, j + 1, "past") || is(c, j + 1, "last")))
        j += 2;
    int n = count_of(W(c, j));
    unit u = unit_of(W(c, j + (n >= 0)));
    if (u == U_NONE || is_season(u))
        return 0;
    t->kind = NG_TIMEX_DURATION;
    snprintf(t->value, sizeof t->value, "P%d%c", n > 0 ? n : 1,
             u == U_DAY ? 'D' : u == U_WEEK ? 'W' : u == U_MONTH ? 'M' : 'Y');
    t->resolved = false;
    return j + (n >= 0) + 1 - i;
}

/* Absolute dates in one of the forms the date parser knows ("2019-10-20"). */
static size_t rule_absolute(const tctx *c, size_t i, ng_timex *t)
{
    const ng_token *tok = &c->doc->tokens[i];
    if (!isdigit((unsigned char)c->doc->text[tok->start]))
        return 0;
    uint32_t limit = c->doc->tokens[c->end - 1].end;
    char iso[32];
    size_t used = ng_parse_date(c->doc->text + tok->start, limit - tok->start, iso, sizeof iso);
    if (used < 8 || strlen(iso) < 10)
        return 0;
    size_t j = i;
    while (j < c->end && c->doc->tokens[j].end <= tok->start + used)
        j++;
    if (j == i)
        return 0;
    t->kind = NG_TIMEX_DATE;
    snprintf(t->value, sizeof t->value, "%.10s", iso);
    t->resolved = true;
    return j - i;
}

/* The modifier word before a timex: "since 2014", "before 2020". */
static int mod_before(const tctx *c, size_t i)
{
    if (i <= c->first)
        return NG_TMOD_NONE;
    if (is(c, i - 1, "since") || is(c, i - 1, "from"))
        return NG_TMOD_SINCE;
    if (is(c, i - 1, "before") || is(c, i - 1, "by") || is(c, i - 1, "until") || is(c, i - 1, "till"))
        return NG_TMOD_BEFORE;
    if (is(c, i - 1, "after"))
        return NG_TMOD_AFTER;
    return NG_TMOD_NONE;
}

static size_t match_at(const tctx *c, size_t i, ng_timex *t)
{
    size_t (*const rules[])(const tctx *, size_t, ng_timex *) = {
        rule_absolute, rule_month, rule_relative, rule_weekday, rule_year, rule_duration,
    };
    for (size_t r = 0; r < NG_ARRAY_LEN(rules); r++) {
        memset(t, 0, sizeof *t);
        size_t n = rules[r](c, i, t);
        if (n) {
            if (t->mod == NG_TMOD_NONE)
                t->mod = (uint8_t)mod_before(c, i);
            t->first = (uint32_t)i;
            t->last = (uint32_t)(i + n);
            return n;
        }
    }
    return 0;
}

/* ----------------------------------------------------------- driver */

static void lower_word(const ng_doc *doc, const ng_token *t, char *out)
{
    size_t n = t->end - t->start;
    if (n >= WORD_MAX) {
        out[0] = '\0';
        return;
    }
    for (size_t k = 0; k < n; k++) {
        char ch = doc->text[t->start + k];
        out[k] = (char)tolower((unsigned char)ch);
    }
    out[n] = '\0';
    /* curly apostrophes: "’ll" -> "'ll" */
    if (n >= 3 && (unsigned char)out[0] == 0xe2 && (unsigned char)out[1] == 0x80 && (unsigned char)out[2] == 0x99) {
        out[0] = '\'';
        memmove(out + 1, out + 3, n - 2);
    }
}

static bool doc_date(const ng_doc *doc, ng_date *out)
{
    const char *d = doc->fields[NG_F_DATE];
    if (!d || strlen(d) < 10 || d[4] != '-' || d[7] != '-')
        return false;
    out->year = atoi(d);
    out->month = atoi(d + 5);
    out->day = atoi(d + 8);
    return out->year > 0 && out->month >= 1 && out->month <= 12 && out->day >= 1 &&
           out->day <= days_in_month(out->year, out->month);
}

int ng_time_run(ng_doc *doc, ng_error *err)
{
    struct ng_doc_times *times = ng_arena_calloc(&doc->arena, sizeof *times);
    if (!times)
        return ng_err(err, NG_ENOMEM, "time: out of memory");
    size_t cap = 0;
    ng_timex *items = NULL;
    tctx c = {.doc = doc, .prev = -1};
    c.have_dct = doc_date(doc, &c.dct);
    int rc = NG_OK;
    for (size_t s = 0; s < doc->nsents && rc == NG_OK; s++) {
        const ng_sentence *sent = &doc->sents[s];
        c.first = sent->first;
        c.end = sent->first + sent->ntokens;
        c.w = ng_malloc(sent->ntokens * sizeof *c.w + 1);
        c.cap = ng_malloc(sent->ntokens * sizeof *c.cap + 1);
        if (!c.w || !c.cap) {
            rc = ng_err(err, NG_ENOMEM, "time: out of memory");
        } else {
            for (size_t i = c.first; i < c.end; i++) {
                lower_word(doc, &doc->tokens[i], c.w[i - c.first]);
                c.cap[i - c.first] = isupper((unsigned char)doc->text[doc->tokens[i].start]);
            }
            c.future = sentence_future(&c);
            for (size_t i = c.first; i < c.end;) {
                ng_timex t;
                size_t n = match_at(&c, i, &t);
                if (!n) {
                    i++;
                    continue;
                }
                if (times->n == cap) {
                    size_t ncap = cap ? cap * 2 : 16;
                    ng_timex *bigger = ng_arena_alloc(&doc->arena, ncap * sizeof *bigger);
                    if (!bigger) {
                        rc = ng_err(err, NG_ENOMEM, "time: out of memory");
                        break;
                    }
                    if (times->n)
                        memcpy(bigger, items, times->n * sizeof *items);
                    items = bigger;
                    cap = ncap;
                }
                items[times->n] = t;
                c.items = items;
                if (t.resolved && t.kind == NG_TIMEX_DATE)
                    c.prev = (long)times->n;
                times->n++;
                i += n;
            }
        }
        ng_free(c.w, sent->ntokens * sizeof *c.w + 1);
        ng_free(c.cap, sent->ntokens * sizeof *c.cap + 1);
        c.w = NULL;
        c.cap = NULL;
    }
    times->items = items;
    doc->times = times;
    return rc;
}

const ng_timex *ng_timex_at(const ng_doc *doc, size_t i)
{
    if (!doc->times)
        return NULL;
    /* binary search: timexes are in token order */
    size_t lo = 0, hi = doc->times->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const ng_timex *t = &doc->times->items[mid];
        if (i < t->first)
            hi = mid;
        else if (i >= t->last)
            lo = mid + 1;
        else
            return t;
    }
    return NULL;
}

int ng_timex_year(const ng_timex *t)
{
    if (!t || !t->resolved || !isdigit((unsigned char)t->value[0]) || strlen(t->value) < 4)
        return 0;
    if (strlen(t->value) == 3) /* a decade */
        return 0;
    return atoi(t->value);
}
