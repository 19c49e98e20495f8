/*
 * text_lex.h - words and phrase lists for plain-text cleaning: a word
 * iterator (hashes of case-folded words, each CJK character a word) and the
 * phrase classes of lexicons/boilerplate.txt and lexicons/byline.txt.
 */
#ifndef NG_TEXT_LEX_H
#define NG_TEXT_LEX_H

#include "core/core.h"

/* Phrase classes, in the order of tx_class_names (text_lex.c). */
typedef enum tx_class {
    TX_PROMO, TX_SHARE, TX_COMMENT, TX_COPYRIGHT, TX_RELATED, TX_CREDIT, TX_BIO, TX_CONTACT,
    TX_SIGNOFF, TX_NAV, TX_THREAD, TX_RUNIN,
    TX_AUTHOR, TX_PUBMARK, TX_DATELABEL, TX_ROLE, TX_ORGWORD, TX_AGENCY, TX_LEGAL, TX_PARTICLE,
    TX_NCLASS
} tx_class;

#define TX_BIT(c) (1u << (c))
#define TX_NBOILER (TX_RUNIN + 1) /* the classes of boilerplate.txt come first */
#define TX_MAX_PHRASE_WORDS 8

/* Word flags. */
enum {
    TX_W_CAP = 1 << 0,   /* first letter upper case */
    TX_W_LOWER = 1 << 1, /* first letter lower case */
    TX_W_UPPER = 1 << 2, /* two or more letters, all upper case */
    TX_W_DIGIT = 1 << 3, /* starts with a digit */
    TX_W_CJK = 1 << 4,   /* one CJK character (ideograph, kana, hangul) */
    TX_W_ALNUM = 1 << 5  /* contains an ASCII digit and letter ("4pm", "G20") */
};

/* A word: bytes [start, end) of the text, the hash of its case-folded form. */
typedef struct tx_word {
    size_t start, end;
    uint64_t hash;
    unsigned flags;
} tx_word;

/* The next word at or after *pos and before end; advances *pos past it.
 * False when no word is left.  Words are runs of letters and digits; a CJK
 * character is a word by itself; everything else separates words. */
bool tx_next_word(const char *s, size_t end, size_t *pos, tx_word *w);

/* Hash of a word written in lower case ASCII ("the"), as tx_next_word computes it. */
uint64_t tx_hash_word(const char *w);

/* The loaded lexicons (read-only once loaded, shared between threads). */
typedef struct tx_lex tx_lex;

/* The lexicons from ng_data_dir("lexicons"), loaded on first use.  Never
 * NULL: a missing file is logged once and leaves its lists empty. */
const tx_lex *tx_lex_get(void);

/* Load the lexicons from dir into a new tx_lex (for tests); NULL when out of
 * memory.  Free with tx_lex_free. */
tx_lex *tx_lex_load(const char *dir);
void tx_lex_free(tx_lex *lx);

/* What the lexicons know of a word, in one probe: TX_BIT(class) for each
 * class with a phrase starting with it, | TX_STOP for a stop word. */
#define TX_STOP (1u << 31)
unsigned tx_word_info(const tx_lex *lx, uint64_t hash);

/* Is the word a stop word (lexicons/boilerplate-stopwords.txt)? */
bool tx_is_stop(const tx_lex *lx, uint64_t hash);

/* Is there any phrase of a class in mask whose first word is this hash?
 * (a cheap pre-check before tx_match). */
bool tx_may_start(const tx_lex *lx, uint64_t hash, unsigned mask);

/* The longest phrase of a class in mask that starts with word w of
 * s[..end).  Returns its class, or -1; *match_end gets the byte end of the
 * phrase's last word and *nwords its length in words (both may be NULL). */
int tx_match(const tx_lex *lx, const char *s, size_t end, const tx_word *w, unsigned mask, size_t *match_end,
             int *nwords);

/* Does s[start, end) hold a phrase of class cls anywhere? */
bool tx_contains(const tx_lex *lx, const char *s, size_t start, size_t end, tx_class cls);

#endif /* NG_TEXT_LEX_H */
