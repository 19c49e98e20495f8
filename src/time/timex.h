/*
 * timex.h - temporal expressions: found in the tokens of a document and
 * normalised against its date (TIMEX3-style values).
 * Invariant: timexes are in text order and do not overlap.
 */
#ifndef NG_TIMEX_H
#define NG_TIMEX_H

#include "core/doc.h"

/* What a temporal expression denotes. */
typedef enum ng_timex_kind {
    NG_TIMEX_DATE,     /* a calendar point or period: 2019, 2019-10, 2019-10-20, 2019-W42-WE, 2019-SU */
    NG_TIMEX_DURATION, /* "for three years" */
    NG_TIMEX_SET       /* "each year", "every Sunday" */
} ng_timex_kind;

/* How the expression relates the event to its value. */
typedef enum ng_timex_mod {
    NG_TMOD_NONE,
    NG_TMOD_SINCE,  /* "since 2014": from then on */
    NG_TMOD_BEFORE, /* "before 2020", "by 2020" */
    NG_TMOD_AFTER,  /* "after 2015" */
    NG_TMOD_START,  /* "early 2020" */
    NG_TMOD_MID,    /* "mid-2020" */
    NG_TMOD_END     /* "late 2020" */
} ng_timex_mod;

typedef struct ng_timex {
    uint32_t first;  /* first token */
    uint32_t last;   /* one past the last token */
    uint8_t kind;    /* ng_timex_kind */
    uint8_t mod;     /* ng_timex_mod */
    bool relative;   /* resolved against the document date or an earlier timex */
    bool resolved;   /* value is anchored: starts with a 4-digit year */
    char value[40];  /* "2019-10-20", "2019", "XXXX-09-23" (year unknown), ... */
} ng_timex;

struct ng_doc_times {
    ng_timex *items; /* [n], in the document's arena */
    size_t n;
};

/* A calendar date; month 1-12, day 1-31. */
typedef struct ng_date {
    int year, month, day;
} ng_date;

/* Days since 1970-01-01 for a proleptic Gregorian date, and back. */
long ng_days_from_civil(int y, int m, int d);
ng_date ng_civil_from_days(long days);
/* 0 = Sunday ... 6 = Saturday. */
int ng_weekday(int y, int m, int d);

/* Find and normalise the temporal expressions of a tokenized document
 * against its NG_F_DATE (when it has none, relative expressions stay
 * unresolved).  Replaces doc->times.  NG_OK or NG_ENOMEM. */
int ng_time_run(ng_doc *doc, ng_error *err);

/* The timex covering token i, or NULL. */
const ng_timex *ng_timex_at(const ng_doc *doc, size_t i);

/* The year of a resolved value ("2019-10-20" -> 2019), or 0. */
int ng_timex_year(const ng_timex *t);

#endif /* NG_TIMEX_H */
