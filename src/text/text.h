/*
 * text.h - tokenizer and sentence splitter internals: named limits, the
 * tokenizer lexicons (loaded once, read-only afterwards, shared by threads)
 * and the splitter entry point.  Never installed.
 */
#ifndef NG_TEXT_H
#define NG_TEXT_H

#include "core/doc.h"

/* Hard limits. */
#define NG_TOK_MAX_BYTES 2048u           /* a longer run is cut into pieces */
#define NG_SENT_MAX_TOKENS 512u          /* a longer sentence is split at its best point */
#define NG_TEXT_MAX_BYTES 0xfffffff0u    /* offsets are 32-bit */
#define NG_LEX_MAX_KEY 48u               /* longest lexicon entry */

/* How an abbreviation relates to sentence ends (see lexicons/abbreviations.txt). */
enum ng_abbr_class {
    NG_ABBR_NONE = 0,
    NG_ABBR_TITLE,  /* never ends a sentence */
    NG_ABBR_INNER,  /* ends one only before a sentence starter */
    NG_ABBR_OFTEN,  /* likewise, but often does */
    NG_ABBR_NUMBER  /* an abbreviation only before a number */
};

/* Up to NG_MWT_MAX parts of a listed contraction, as byte lengths. */
#define NG_MWT_MAX 4

/* The tokenizer lexicons.  Keys are stored folded: ASCII lower case, curly
 * apostrophes as straight ones; abbreviation keys keep their case in
 * abbr_cased (1 = the entry began with a capital). */
typedef struct ng_toklex {
    ng_strtab abbr;              /* "mr." ... */
    uint8_t *abbr_class;         /* [abbr.n] ng_abbr_class */
    uint8_t *abbr_cased;         /* [abbr.n] entry must be capitalised in text */
    ng_strtab contr;             /* "dont", "'em" ... */
    uint8_t (*contr_parts)[NG_MWT_MAX]; /* [contr.n] part lengths, 0-terminated */
    uint8_t *contr_cond;         /* [contr.n] 1 = split only before a word of contr_next */
    uint32_t contr_lens[32][32]; /* [first & 31][last & 31] bit L: some key of length L has those bytes */
    ng_strtab contr_next;        /* "its a", "lets go": surface, space, next word */
    ng_strtab prefixes;          /* hyphen prefixes "co", "non" ... */
    ng_strtab emoticons;         /* ":-)" ... */
    size_t emo_maxlen;
    uint32_t emo_first[4];       /* bit c set: some emoticon begins with byte c */
    ng_strtab starters;          /* "the", "he" ... */
    size_t cap;                  /* capacity of the value arrays */
} ng_toklex;

/* The loaded lexicons: ng_tokenizer_init(NULL, NULL) on first use.  Never
 * NULL (empty lexicons when loading failed). */
const ng_toklex *ng_toklex_get(void);

/* Fold s[0..n) into out (ASCII lower case, U+2019 U+2018 U+00B4 '`' -> '\''); returns
 * the folded length, or 0 when it does not fit in NG_LEX_MAX_KEY bytes. */
size_t ng_lex_fold(const char *s, size_t n, char out[NG_LEX_MAX_KEY]);

/* Abbreviation class of the word s[0..n) (which ends with '.'), NG_ABBR_NONE
 * when unlisted. */
int ng_lex_abbr(const ng_toklex *lx, const char *s, size_t n);

/* Whether word s[0..n) is a sentence starter (any case). */
bool ng_lex_starter(const ng_toklex *lx, const char *s, size_t n);

/* ASCII character classes (ng_text_ascii[c]; 0 for bytes >= 0x80). */
enum {
    NG_C_SP = 1,  /* whitespace and control characters */
    NG_C_LO = 2,  /* a-z */
    NG_C_UP = 4,  /* A-Z */
    NG_C_DI = 8,  /* 0-9 */
    NG_C_US = 16, /* '_' */
    NG_C_PU = 32, /* other printable characters */
    NG_C_AL = NG_C_LO | NG_C_UP,
    NG_C_AN = NG_C_AL | NG_C_DI,
    NG_C_WD = NG_C_AN | NG_C_US /* continues a word */
};
extern const uint8_t ng_text_ascii[256];

/* Classes of non-ASCII code points. */
enum ng_uclass {
    NG_U_OTHER = 0, /* punctuation or symbol: a token of its own */
    NG_U_SPACE,     /* whitespace, controls, zero-width space, BOM */
    NG_U_WORD,      /* letters, marks, digits of scripts written with spaces */
    NG_U_UPPER,     /* an upper- or titlecase letter (also a word character) */
    NG_U_HAN,       /* a CJK ideograph: one token each */
    NG_U_HIRA,      /* hiragana: a run is one token */
    NG_U_KATA,      /* katakana: a run is one token */
    NG_U_MOD,       /* joins the previous symbol: ZWJ, variation selectors, skin tones */
    NG_U_APOS,      /* U+2019, the curly apostrophe */
    NG_U_TERM       /* a sentence-final mark: CJK full stop, fullwidth ! ? */
};
int ng_text_uclass(int32_t cp);

/* The code point at s[i] (i < n) and its byte length in *len. */
static inline int32_t ng_text_cp(const char *s, size_t i, size_t n, size_t *len)
{
    const char *p = s + i;
    int32_t cp = ng_utf8_next(&p, s + n);
    *len = (size_t)(p - (s + i));
    return cp;
}

/* Byte length of the whitespace character at s[i] (ASCII or Unicode), 0 if
 * it is not whitespace or i >= n. */
size_t ng_text_space_at(const char *s, size_t i, size_t n);

/* Split doc->tokens into sentences (doc->sents), setting NG_TOK_SENT_START,
 * NG_TOK_PARA_START and each token's sent.  NG_OK or NG_ENOMEM. */
int ng_split_sentences(ng_doc *doc, const ng_toklex *lx, ng_error *err);

#endif /* NG_TEXT_H */
