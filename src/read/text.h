/*
 * text.h - plain-text article cleaning, internal: split a scraped page into
 * paragraphs ("units"), find the headline and byline, drop boilerplate
 * lines, and write the article's own paragraphs as the body.
 * Invariant: units lie inside the text, in order, never overlapping.
 */
#ifndef NG_TEXT_H
#define NG_TEXT_H

#include "read.h"
#include "text_lex.h"

/* Most paragraphs one text is split into; the rest becomes one paragraph. */
#define NG_MAX_TEXT_UNITS ((size_t)1 << 20)
/* How far into a text the headline and byline are looked for. */
#define TX_HEADER_UNITS 12

/* What ng_text_extract does. */
enum {
    NG_TEXT_HEADER = 1 << 0, /* headline, byline, dateline, copyright holder */
    NG_TEXT_BOILER = 1 << 1, /* drop boilerplate paragraphs and sentences */
    NG_TEXT_ALL = 3
};

/* Metadata found in the text; empty strings when not found. */
typedef struct ng_text_meta {
    char title[512];
    char date[64];      /* ISO 8601 */
    char author[256];   /* names joined by ", " */
    char publisher[256];
    char url[512];
    size_t dropped;     /* paragraphs dropped as boilerplate */
} ng_text_meta;

/* Clean text[0..len) (valid UTF-8, no NUL, LF line ends) into body (cleared
 * first): paragraphs separated by one blank line, whitespace folded, the
 * article's own text only.  meta is filled.  NG_OK or NG_ENOMEM. */
int ng_text_extract(const char *text, size_t len, unsigned flags, ng_buf *body, ng_text_meta *meta);

/* ------------------------------------------------ between the modules */

/* Unit kinds. */
enum {
    TX_K_NONE = 0,
    TX_K_GOOD,     /* article prose */
    TX_K_SHORT,    /* too short to tell; decided by its neighbours */
    TX_K_WEAK,     /* headline-like: dropped, but transparent to neighbours */
    TX_K_BAD,      /* boilerplate */
    TX_K_HEADER    /* headline, byline or metadata line: not body */
};

/* Unit flags. */
enum {
    TX_U_TERMINAL = 1 << 0, /* ends with . ! ? … 。 (closing quotes aside) */
    TX_U_COLON = 1 << 1,    /* ends with a colon */
    TX_U_BULLET = 1 << 2,   /* starts with a bullet (•, -, *, ▪) */
    TX_U_TAIL = 1 << 3,     /* ends the article: nothing after it is body */
    TX_U_CAPTION = 1 << 4,  /* ends with a photo credit (cut at credit) */
    TX_U_QUOTE = 1 << 5,    /* starts with a quotation mark */
    TX_U_PARA = 1 << 6,     /* a blank line (or the start of the text) before it */
    TX_U_RUNIN = 1 << 7,    /* may hold a run-in headline (see find_runins) */
    TX_U_FORM = 1 << 8      /* a comment form or thread header: a comment phrase within its first words */
};

/* A paragraph: a line, or lines joined when the text is hard-wrapped. */
typedef struct tx_unit {
    uint32_t start, end;  /* trimmed bytes in the text; start may move past a dateline */
    uint32_t credit;      /* TX_U_CAPTION: where the credit begins */
    uint32_t nwords, nstop, ncap, ncjk, nsent;
    uint32_t nnum;        /* words of digits only ("2019", "6-4" is two) */
    uint8_t hits[TX_NBOILER]; /* phrase hits of the boilerplate classes (saturating) */
    int8_t lead;          /* class of a phrase at the unit's first word, -1 = none */
    uint16_t flags;       /* TX_U_* */
    uint8_t kind;         /* TX_K_* */
    uint8_t prev;         /* revise_short: kind of the nearest decided unit before */
} tx_unit;

/* Measure a unit (again, after its start moved): words, stop words,
 * capitals, sentences, phrase hits, final punctuation, photo credit. */
void tx_measure(const tx_lex *lx, const char *t, tx_unit *u);

/* Find the headline, bylines and label lines among the first units, mark
 * them TX_K_HEADER (or move a unit's start past a dateline), and fill meta.
 * Also the dateline agency and copyright holder as publisher fallbacks. */
void tx_header(const char *text, tx_unit *u, size_t n, const tx_lex *lx, ng_text_meta *meta);

/* Does the gap between a word [ws, we) and the next word at next hold a
 * sentence end (. ! ? 。, not after an initial or a title like "Mr")? */
bool tx_sentence_gap(const char *t, size_t ws, size_t we, size_t next);

/* Is s[start,end) shaped like a person's name ("Jane Doe", "J. R. Doe")? */
bool tx_person_like(const tx_lex *lx, const char *s, size_t start, size_t end, bool single_ok);

#endif /* NG_TEXT_H */
