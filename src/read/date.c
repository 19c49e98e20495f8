/*
 * date.c - dates as news sites write them, normalised to ISO 8601.
 * Grammar: [label] [weekday] (DATE [TIME [ZONE]] | TIME [ZONE] DATE), where
 * DATE is numeric (Y-M-D, D.M.Y, M/D/Y), month-name (D Month Y, Month D, Y)
 * or CJK (Y年M月D日).  Invariants: reads at most len bytes; only dates that
 * exist in the Gregorian calendar (years 1800-2199) are returned.
 */
#include "read.h"

#include <stdio.h>

/* A cursor over the input. */
typedef struct cur {
    const char *p, *e;
} cur;

/* What was parsed so far. */
typedef struct when {
    int y, m, d;
    int hh, mi, ss;  /* -1 when absent */
    int zone;        /* minutes east of UTC, valid when zone_kind != 0 */
    int zone_kind;   /* 0 none, 1 fixed offset, 2 US zone letter ET/CT/MT/PT */
} when;

/* ------------------------------------------------------------- lexing */

static int peek(const cur *c) { return c->p < c->e ? (unsigned char)*c->p : -1; }
static int peek_at(const cur *c, size_t k) { return c->p + k < c->e ? (unsigned char)c->p[k] : -1; }
static bool is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static bool is_alpha(int ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static int lower(int ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }

/* Skip ASCII blanks, NBSP and the ideographic space; true when any. */
static bool skip_spaces(cur *c)
{
    const char *start = c->p;
    for (;;) {
        int ch = peek(c);
        if (ch == ' ' || ch == '\t' || ch == '\n')
            c->p++;
        else if (ch == 0xc2 && peek_at(c, 1) == 0xa0)
            c->p += 2;
        else if (ch == 0xe3 && peek_at(c, 1) == 0x80 && peek_at(c, 2) == 0x80)
            c->p += 3;
        else if (ch == 0xe2 && peek_at(c, 1) == 0x80 && (peek_at(c, 2) == 0xaf || peek_at(c, 2) == 0x89))
            c->p += 3; /* narrow NBSP, thin space */
        else
            return c->p != start;
    }
}

/* Match the ASCII word w case-insensitively, not followed by a letter. */
static bool word(cur *c, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(c->e - c->p) < n || !ng_strnieq(c->p, w, n))
        return false;
    if (c->p + n < c->e && is_alpha((unsigned char)c->p[n]))
        return false;
    c->p += n;
    return true;
}

/* Match bytes exactly (CJK characters, punctuation). */
static bool lit(cur *c, const char *s)
{
    size_t n = strlen(s);
    if ((size_t)(c->e - c->p) < n || memcmp(c->p, s, n) != 0)
        return false;
    c->p += n;
    return true;
}

/* A run of digits: its value (capped) and length in *nd; -1 when none. */
static int number(cur *c, int *nd)
{
    int v = 0, n = 0;
    while (is_digit(peek(c))) {
        if (n < 9)
            v = v * 10 + (*c->p - '0');
        n++;
        c->p++;
    }
    *nd = n;
    return n ? v : -1;
}

/* A number of min..max digits. */
static int number_len(cur *c, int min, int max)
{
    const char *save = c->p;
    int nd, v = number(c, &nd);
    if (v < 0 || nd < min || nd > max) {
        c->p = save;
        return -1;
    }
    return v;
}

/* --------------------------------------------------------- calendar */

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dim[m - 1];
}

static bool valid_date(int y, int m, int d)
{
    return y >= 1800 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Day of the week, 0 = Sunday (Sakamoto's method). */
static int weekday_of(int y, int m, int d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* Day of month of the n-th (1-based) Sunday of y-m; n = 0: the last. */
static int nth_sunday(int y, int m, int n)
{
    int first = 1 + (7 - weekday_of(y, m, 1)) % 7;
    if (n > 0)
        return first + 7 * (n - 1);
    int d = first;
    while (d + 7 <= days_in_month(y, m))
        d += 7;
    return d;
}

/* US daylight saving time on a date (ignoring the hour of the change). */
static bool us_dst(int y, int m, int d)
{
    int sm = y >= 2007 ? 3 : 4, sd = y >= 2007 ? nth_sunday(y, 3, 2) : nth_sunday(y, 4, 1);
    int em = y >= 2007 ? 11 : 10, ed = y >= 2007 ? nth_sunday(y, 11, 1) : nth_sunday(y, 10, 0);
    int k = m * 100 + d;
    return k >= sm * 100 + sd && k < em * 100 + ed;
}

/* ------------------------------------------------------ name tables */

/* Month by English name or abbreviation ("Sept.", "Oct"), 0 when none. */
static int month_name(cur *c)
{
    static const char *const full[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};
    static const struct { const char *s; int m; } abbr[] = {
        {"sept", 9}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
        {"aug", 8},  {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    };
    for (int i = 0; i < 12; i++)
        if (word(c, full[i]))
            return i + 1;
    for (size_t i = 0; i < NG_ARRAY_LEN(abbr); i++)
        if (word(c, abbr[i].s)) {
            lit(c, ".");
            return abbr[i].m;
        }
    return 0;
}

/* A weekday name with its trailing punctuation ("Sun, ", "Tuesday "). */
static bool weekday(cur *c)
{
    static const char *const names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday", "mon",     "tues",      "tue",      "weds",   "wed",
                                        "thurs",  "thur",    "thu",       "fri",      "sat",    "sun"};
    for (size_t i = 0; i < NG_ARRAY_LEN(names); i++)
        if (word(c, names[i])) {
            lit(c, ".");
            lit(c, ",");
            skip_spaces(c);
            return true;
        }
    return false;
}

/* Labels sites put before a date: "Published:", "Updated on", "發布於". */
static void label(cur *c)
{
    static const char *const words[] = {
        "first published on", "first published", "last updated on", "last updated", "last modified",
        "date published",     "published on",    "published",       "updated on",   "updated",
        "posted on",          "posted",          "modified",        "pubdate",      "dated",
        "date",
    };
    static const char *const cjk[] = {"發布於", "发布于", "發佈於", "更新於", "更新于", "發布時間", "发布时间",
                                      "更新時間", "更新时间", "日期", "公開日", "更新日"};
    bool any = false;
    for (size_t i = 0; i < NG_ARRAY_LEN(words) && !any; i++)
        any = word(c, words[i]);
    for (size_t i = 0; i < NG_ARRAY_LEN(cjk) && !any; i++)
        any = lit(c, cjk[i]);
    if (!any)
        return;
    skip_spaces(c);
    if (lit(c, ":") || lit(c, "：") || lit(c, "-") || lit(c, "–") || lit(c, "—"))
        skip_spaces(c);
}

/* ------------------------------------------------------------- time */

/* "a.m.", "am", "PM", ...: 1 for am, 2 for pm, 0 when none. */
static int meridiem(cur *c)
{
    cur save = *c;
    skip_spaces(c);
    int ch = lower(peek(c));
    if ((ch == 'a' || ch == 'p') && lower(peek_at(c, 1)) == 'm' && !is_alpha(peek_at(c, 2))) {
        c->p += 2;
        return ch == 'a' ? 1 : 2;
    }
    if ((ch == 'a' || ch == 'p') && peek_at(c, 1) == '.' && lower(peek_at(c, 2)) == 'm') {
        c->p += 3;
        lit(c, ".");
        return ch == 'a' ? 1 : 2;
    }
    *c = save;
    return 0;
}

/* CJK day-part before a time: 1 morning, 2 afternoon/evening, 3 noon. */
static int cjk_daypart(cur *c)
{
    if (lit(c, "上午") || lit(c, "午前") || lit(c, "凌晨") || lit(c, "早上"))
        return 1;
    if (lit(c, "下午") || lit(c, "午後") || lit(c, "晚上") || lit(c, "傍晚"))
        return 2;
    if (lit(c, "中午"))
        return 3;
    return 0;
}

/* Minutes and seconds after the hour and its separator. */
static bool time_rest(cur *c, when *t, bool cjk)
{
    t->mi = number_len(c, 2, 2);
    if (t->mi < 0 && cjk)
        t->mi = number_len(c, 1, 1);
    if (t->mi < 0 || t->mi > 59)
        return false;
    if (cjk)
        lit(c, "分");
    t->ss = -1;
    if (peek(c) == ':' && is_digit(peek_at(c, 1))) {
        c->p++;
        t->ss = number_len(c, 2, 2);
        if (t->ss < 0 || t->ss > 60)
            return false;
        if ((peek(c) == '.' || peek(c) == ',') && is_digit(peek_at(c, 1))) {
            int nd;
            c->p++;
            number(c, &nd); /* fraction of a second, dropped */
        }
    } else if (cjk && (is_digit(peek(c)))) {
        const char *save = c->p;
        t->ss = number_len(c, 1, 2);
        if (t->ss < 0 || t->ss > 60 || !lit(c, "秒")) {
            c->p = save;
            t->ss = -1;
        }
    }
    return true;
}

static bool parse_zone(cur *c, when *t, bool direct);

/* A clock time: "16:10", "16:10:05.123", "4:10 p.m.", "4pm", "4.10pm",
 * "16時10分", "下午4:10". */
static bool parse_time(cur *c, when *t)
{
    cur save = *c;
    int part = cjk_daypart(c);
    int h = number_len(c, 1, 2);
    if (h < 0)
        goto fail;
    bool cjk = false, ok = true;
    if (lit(c, "時") || lit(c, "时") || lit(c, "点") || lit(c, "點")) {
        cjk = true;
        if (is_digit(peek(c)))
            ok = time_rest(c, t, true);
        else
            t->mi = 0, t->ss = -1;
    } else if (peek(c) == ':' && is_digit(peek_at(c, 1))) {
        c->p++;
        ok = time_rest(c, t, false);
    } else if (peek(c) == '.' && is_digit(peek_at(c, 1)) && is_digit(peek_at(c, 2))) {
        c->p++; /* "4.10pm", "14.05 GMT": needs an am/pm or a zone after it */
        ok = time_rest(c, t, false) && t->ss < 0;
        cur probe = *c;
        when z = *t;
        bool zone = skip_spaces(&probe) && parse_zone(&probe, &z, false);
        probe = *c;
        ok = ok && (meridiem(&probe) || zone);
    } else {
        t->mi = 0, t->ss = -1; /* "4 p.m.": needs its am/pm */
        cur probe = *c;
        ok = meridiem(&probe) != 0 || part != 0;
    }
    if (!ok)
        goto fail;
    int mer = cjk ? 0 : meridiem(c);
    if (!mer && part)
        mer = part == 3 ? 2 : part;
    if (mer) {
        if (h < 1 || h > 12)
            goto fail;
        h = h % 12 + (mer == 2 ? 12 : 0);
    } else if (h > 23) {
        goto fail;
    }
    if (!cjk && is_alpha(peek(c)) && peek(c) != 'Z')
        goto fail;
    t->hh = h;
    return true;
fail:
    *c = save;
    return false;
}

/* ------------------------------------------------------------- zones */

/* [+-]HH[:]MM or [+-]H[H]; sign already consumed as s (+1/-1). */
static bool offset(cur *c, int sign, when *t, bool need_minutes)
{
    cur save = *c;
    int nd, v = number(c, &nd), h, m = 0;
    if (v < 0)
        goto fail;
    if (nd == 4) {
        h = v / 100, m = v % 100;
    } else if (nd <= 2) {
        h = v;
        if (peek(c) == ':' && is_digit(peek_at(c, 1))) {
            c->p++;
            m = number_len(c, 2, 2);
        } else if (need_minutes) {
            goto fail;
        }
    } else {
        goto fail;
    }
    if (h > 14 || m < 0 || m > 59)
        goto fail;
    t->zone = sign * (h * 60 + m);
    t->zone_kind = 1;
    return true;
fail:
    *c = save;
    return false;
}

static int sign_char(cur *c)
{
    if (lit(c, "+"))
        return 1;
    if (lit(c, "-") || lit(c, "−")) /* ASCII hyphen or U+2212 minus */
        return -1;
    return 0;
}

/* Zone abbreviations; CST is the US one.  Minutes east of UTC. */
static bool named_zone(cur *c, when *t)
{
    static const struct { const char *s; int off; } zones[] = {
        {"AKST", -540}, {"AKDT", -480}, {"AEST", 600}, {"AEDT", 660}, {"ACST", 570}, {"ACDT", 630},
        {"AWST", 480},  {"NZST", 720},  {"NZDT", 780}, {"CEST", 120}, {"EEST", 180}, {"WEST", 60},
        {"EST", -300},  {"EDT", -240},  {"CST", -360}, {"CDT", -300}, {"MST", -420}, {"MDT", -360},
        {"PST", -480},  {"PDT", -420},  {"HST", -600}, {"AST", -240}, {"ADT", -180}, {"NST", -210},
        {"NDT", -150},  {"BST", 60},    {"IST", 330},  {"CET", 60},   {"EET", 120},  {"WET", 0},
        {"MSK", 180},   {"JST", 540},   {"KST", 540},  {"HKT", 480},  {"SGT", 480},  {"PHT", 480},
        {"WIB", 420},   {"ICT", 420},   {"PKT", 300},  {"SAST", 120}, {"GST", 240},
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(zones); i++) {
        size_t n = strlen(zones[i].s);
        if ((size_t)(c->e - c->p) >= n && memcmp(c->p, zones[i].s, n) == 0 &&
            !is_alpha(c->p + n < c->e ? (unsigned char)c->p[n] : 0)) {
            c->p += n;
            t->zone = zones[i].off;
            t->zone_kind = 1;
            return true;
        }
    }
    static const struct { const char *s; int std; } us[] = {{"ET", -300}, {"CT", -360}, {"MT", -420}, {"PT", -480}};
    for (size_t i = 0; i < NG_ARRAY_LEN(us); i++)
        if (c->e - c->p >= 2 && memcmp(c->p, us[i].s, 2) == 0 && !is_alpha(peek_at(c, 2))) {
            c->p += 2;
            t->zone = us[i].std;
            t->zone_kind = 2;
            return true;
        }
    return false;
}

/* UTC/GMT with an optional offset, a numeric offset, a name, or "Beijing
 * time"; optionally in parentheses.  direct: no space before it. */
static bool parse_zone(cur *c, when *t, bool direct)
{
    cur save = *c;
    if (direct && peek(c) == 'Z' && !is_alpha(peek_at(c, 1))) {
        c->p++;
        t->zone = 0, t->zone_kind = 1;
        return true;
    }
    bool paren = lit(c, "(");
    int s;
    if (word(c, "UTC") || word(c, "GMT") || word(c, "UT")) {
        t->zone = 0, t->zone_kind = 1;
        if ((s = sign_char(c)) != 0 && !offset(c, s, t, false))
            goto fail;
    } else if ((s = sign_char(c)) != 0) {
        if (!offset(c, s, t, !direct))
            goto fail;
    } else if (!named_zone(c, t)) {
        static const struct { const char *s; int off; } places[] = {
            {"beijing time", 480}, {"hong kong time", 480}, {"taipei time", 480},
            {"singapore time", 480}, {"tokyo time", 540}, {"seoul time", 540},
        };
        size_t i;
        for (i = 0; i < NG_ARRAY_LEN(places) && !word(c, places[i].s); i++)
            ;
        if (i == NG_ARRAY_LEN(places))
            goto fail;
        t->zone = places[i].off, t->zone_kind = 1;
    }
    if (paren && !lit(c, ")"))
        goto fail;
    if (is_digit(peek(c)) || is_alpha(peek(c)))
        goto fail;
    return true;
fail:
    *c = save;
    t->zone_kind = 0;
    return false;
}

/* A time and an optional zone after it. */
static bool time_and_zone(cur *c, when *t)
{
    if (!parse_time(c, t))
        return false;
    cur save = *c;
    bool direct = !skip_spaces(c);
    if (!parse_zone(c, t, direct))
        *c = save;
    return true;
}

/* ------------------------------------------------------------- dates */

static bool ordinal(cur *c)
{
    static const char *const sfx[] = {"st", "nd", "rd", "th"};
    for (size_t i = 0; i < NG_ARRAY_LEN(sfx); i++)
        if (word(c, sfx[i]))
            return true;
    return false;
}

/* After a 4-digit year: "-10-20", "/10/20", ".10.20", "年10月20日". */
static bool ymd_rest(cur *c, when *t)
{
    int sep = peek(c);
    if (sep == '-' || sep == '/' || sep == '.') {
        c->p++;
        t->m = number_len(c, 1, 2);
        if (t->m < 0 || peek(c) != sep)
            return false;
        c->p++;
        t->d = number_len(c, 1, 2);
        return t->d >= 0;
    }
    bool ko = false;
    skip_spaces(c);
    if (!lit(c, "年") && !(ko = lit(c, "년")))
        return false;
    skip_spaces(c);
    t->m = number_len(c, 1, 2);
    skip_spaces(c);
    if (t->m < 0 || !(ko ? lit(c, "월") : lit(c, "月")))
        return false;
    skip_spaces(c);
    t->d = number_len(c, 1, 2);
    skip_spaces(c);
    if (t->d < 0 || !(ko ? lit(c, "일") : (lit(c, "日") || lit(c, "号") || lit(c, "號"))))
        return false;
    /* A weekday in brackets: "（日）", "(月)". */
    cur save = *c;
    if ((lit(c, "（") || lit(c, "(")) && c->e - c->p >= 3 && (unsigned char)c->p[0] >= 0xe0) {
        c->p += 3;
        if (lit(c, "）") || lit(c, ")"))
            return true;
    }
    *c = save;
    return true;
}

/* "20.10.2019", "10/20/2019", "20-10-2019": slashes read month first
 * unless that cannot be, dots and hyphens day first. */
static bool numeric_dmy(cur *c, int a, when *t)
{
    int sep = peek(c);
    if (sep != '-' && sep != '/' && sep != '.')
        return false;
    c->p++;
    int b = number_len(c, 1, 2);
    if (b < 0 || peek(c) != sep)
        return false;
    c->p++;
    t->y = number_len(c, 4, 4);
    if (t->y < 0)
        return false;
    bool month_first = sep == '/' ? a <= 12 : (a <= 12 && b > 12);
    t->m = month_first ? a : b;
    t->d = month_first ? b : a;
    return true;
}

/* "20 October 2019", "20th Oct. 2019", "20-Oct-2019", "20 of October, 2019". */
static bool day_month_year(cur *c, int d, when *t)
{
    ordinal(c);
    lit(c, ".");
    if (!lit(c, "-") && !skip_spaces(c))
        return false;
    if (word(c, "of"))
        skip_spaces(c);
    t->m = month_name(c);
    if (!t->m)
        return false;
    if (!lit(c, "-")) {
        lit(c, ",");
        if (!skip_spaces(c))
            return false;
    }
    t->d = d;
    t->y = number_len(c, 4, 4);
    return t->y >= 0;
}

/* "October 20, 2019", "Oct. 20 2019", "Oct 20th, 2019". */
static bool month_day_year(cur *c, when *t)
{
    t->m = month_name(c);
    if (!t->m)
        return false;
    if (!lit(c, "-"))
        skip_spaces(c);
    t->d = number_len(c, 1, 2);
    if (t->d < 0)
        return false;
    ordinal(c);
    if (!lit(c, "-")) {
        lit(c, ",");
        if (!skip_spaces(c))
            return false;
    }
    t->y = number_len(c, 4, 4);
    return t->y >= 0;
}

/* The date itself, in any of the forms above. */
static bool date_core(cur *c, when *t)
{
    cur save = *c;
    int nd;
    if (is_digit(peek(c))) {
        int v = number(c, &nd);
        bool ok = false;
        if (nd == 4) {
            t->y = v;
            ok = ymd_rest(c, t);
        } else if (nd == 8 && peek(c) == 'T') {
            t->y = v / 10000, t->m = v / 100 % 100, t->d = v % 100; /* ISO basic */
            ok = true;
        } else if (nd <= 2) {
            cur mark = *c;
            ok = numeric_dmy(c, v, t);
            if (!ok) {
                *c = mark;
                ok = day_month_year(c, v, t);
            }
        }
        if (ok)
            return true;
    } else if (month_day_year(c, t)) {
        return true;
    }
    *c = save;
    return false;
}

/* A word boundary after a date: no letter or digit glued to it, except the
 * ISO "T" before a time. */
static bool boundary(const cur *c)
{
    int ch = peek(c), prev = (unsigned char)c->p[-1];
    if (!is_digit(prev) && !is_alpha(prev) && prev != '.')
        return true; /* after 日, 일: anything may follow */
    if (ch == 'T' && is_digit(peek_at(c, 1)))
        return true;
    return !is_digit(ch) && !is_alpha(ch);
}

/* ISO basic time after "T": HHMM or HHMMSS. */
static bool basic_time(cur *c, when *t)
{
    cur save = *c;
    int nd, v = number(c, &nd);
    if (nd == 4)
        t->hh = v / 100, t->mi = v % 100, t->ss = -1;
    else if (nd == 6)
        t->hh = v / 10000, t->mi = v / 100 % 100, t->ss = v % 100;
    if ((nd != 4 && nd != 6) || t->hh > 23 || t->mi > 59 || t->ss > 60) {
        *c = save;
        t->hh = -1;
        return false;
    }
    if (!parse_zone(c, t, true))
        t->zone_kind = 0;
    return true;
}

/* What may stand between a date and its time. */
static void date_time_gap(cur *c)
{
    if (lit(c, "T"))
        return;
    lit(c, ",");
    skip_spaces(c);
    if (word(c, "at") || lit(c, "@") || lit(c, "-") || lit(c, "–") || lit(c, "|") || lit(c, "·") || lit(c, "/"))
        skip_spaces(c);
}

/* What may stand between a time and a date after it. */
static void time_date_gap(cur *c)
{
    lit(c, ",");
    skip_spaces(c);
    if (word(c, "on") || lit(c, "-") || lit(c, "–") || lit(c, "|") || lit(c, "·"))
        skip_spaces(c);
    lit(c, ",");
    skip_spaces(c);
    weekday(c);
}

/* Date then optional time, or time then date. */
static bool date_and_time(cur *c, when *t)
{
    cur save = *c;
    if (time_and_zone(c, t)) {
        time_date_gap(c);
        if (date_core(c, t) && boundary(c))
            return true;
        *c = save;
        t->hh = -1, t->zone_kind = 0;
    }
    if (!date_core(c, t) || !boundary(c))
        return false;
    cur after = *c;
    date_time_gap(c);
    if (c->p > after.p && c->p[-1] == 'T' && basic_time(c, t))
        return true;
    if (!time_and_zone(c, t)) {
        *c = after;
        t->hh = -1, t->zone_kind = 0;
    }
    return true;
}

static size_t format(const when *t, char *out, size_t outsize)
{
    char buf[48];
    int n = snprintf(buf, sizeof buf, "%04d-%02d-%02d", t->y, t->m, t->d);
    if (t->hh >= 0) {
        n += snprintf(buf + n, sizeof buf - (size_t)n, "T%02d:%02d", t->hh, t->mi);
        if (t->ss >= 0)
            n += snprintf(buf + n, sizeof buf - (size_t)n, ":%02d", t->ss);
        if (t->zone_kind && t->zone == 0)
            snprintf(buf + n, sizeof buf - (size_t)n, "Z");
        else if (t->zone_kind) {
            int z = t->zone < 0 ? -t->zone : t->zone;
            snprintf(buf + n, sizeof buf - (size_t)n, "%c%02d:%02d", t->zone < 0 ? '-' : '+', z / 60, z % 60);
        }
    }
    if (outsize)
        snprintf(out, outsize, "%s", buf);
    return strlen(buf);
}

size_t ng_parse_date(const char *s, size_t len, char *out, size_t outsize)
{
    if (outsize)
        out[0] = '\0';
    if (!s)
        return 0;
    cur c = {s, s + len};
    when t = {.hh = -1, .mi = 0, .ss = -1};
    skip_spaces(&c);
    label(&c);
    weekday(&c);
    if (!date_and_time(&c, &t) || !valid_date(t.y, t.m, t.d))
        return 0;
    if (t.zone_kind == 2)
        t.zone += us_dst(t.y, t.m, t.d) ? 60 : 0;
    format(&t, out, outsize);
    return (size_t)(c.p - s);
}
