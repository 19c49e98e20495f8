/*
 * text_lex.c - the word iterator and phrase lists of plain-text cleaning.
 * Phrases are stored as arrays of word hashes, chained per first word in an
 * open-addressing table, so matching costs one probe per word of text.
 * Invariant: a loaded tx_lex is never modified (threads share it).
 */
#include "text_lex.h"

#include <pthread.h>
#include <stdio.h>

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

typedef struct tx_phrase {
    uint64_t h[TX_MAX_PHRASE_WORDS];
    uint8_t n;     /* words */
    uint8_t cls;   /* tx_class */
    int32_t next;  /* next phrase with the same first word, -1 = none */
} tx_phrase;

/* A slot of the first-word table. */
typedef struct tx_slot {
    uint64_t key;  /* first word's hash (0 = empty; a hash of 0 is stored as 1) */
    int32_t head;  /* first phrase of the chain */
    unsigned mask; /* classes of the chain's phrases */
} tx_slot;

struct tx_lex {
    tx_phrase *phr;
    size_t nphr, cap_phr;
    tx_slot *slots;     /* [nslots], a power of two */
    size_t nslots;
    uint64_t *stops;    /* open addressing set of stop-word hashes, 0 = empty */
    size_t nstops, cap_stops;
};

static const char *const class_names[TX_NCLASS] = {
    "promo", "share", "comment", "copyright", "related", "credit", "bio", "contact", "signoff", "nav", "runin",
    "author", "pubmark", "datelabel", "role", "orgword", "agency", "legal", "particle",
};

/* ------------------------------------------------------------- words */

static bool is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
           (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2ffff);
}

/* Non-ASCII code points that are letters (roughly: not punctuation, symbols,
 * spaces or emoji). */
static bool is_letter(int32_t cp)
{
    if (cp < 0xc0)
        return cp == 0xaa || cp == 0xb5 || cp == 0xba;
    if (cp == 0xd7 || cp == 0xf7 || cp == 0xfffd || cp == 0xfeff)
        return false;
    if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xfe30 && cp <= 0xfe4f))
        return false;
    if ((cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0xff3b && cp <= 0xff40) ||
        (cp >= 0xff5b && cp <= 0xff65))
        return false;
    return cp < 0x1f000;
}

/* Case of a non-ASCII letter: 1 upper, 2 lower, 0 unknown (Latin-1,
 * Latin Extended-A, Greek and Cyrillic only). */
static int letter_case(int32_t cp)
{
    if (cp >= 0xc0 && cp <= 0xde)
        return 1;
    if (cp >= 0xdf && cp <= 0xff)
        return 2;
    if (cp >= 0x100 && cp <= 0x17f)
        return cp % 2 ? 2 : 1;
    if ((cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f))
        return 1;
    if ((cp >= 0x3b1 && cp <= 0x3c9) || (cp >= 0x430 && cp <= 0x45f))
        return 2;
    return 0;
}

static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Fold a code point to lower case for hashing (ASCII and Latin-1). */
static int32_t fold(int32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7))
        return cp + 32;
    return cp;
}

static uint64_t hash_cp(uint64_t h, int32_t cp)
{
    char buf[4];
    size_t n = ng_utf8_encode(cp, buf);
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)buf[i]) * FNV_PRIME;
    return h;
}

/* One CJK character as a word. */
static void cjk_word(const char *s, size_t i, size_t n, int32_t cp, tx_word *w)
{
    (void)s;
    w->start = i;
    w->end = i + n;
    w->hash = hash_cp(FNV_BASIS, cp);
    w->flags = TX_W_CJK;
}

/* Skip separators; returns the start of the next word, or end.  A CJK
 * character found on the way is returned through cjk_len and cjk_cp. */
static size_t skip_separators(const char *s, size_t end, size_t i, size_t *cjk_len, int32_t *cjk_cp)
{
    *cjk_len = 0;
    while (i < end) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (ascii_alnum(c))
                return i;
            i++;
            continue;
        }
        const char *p = s + i;
        int32_t cp = ng_utf8_next(&p, s + end);
        size_t n = (size_t)(p - (s + i));
        if (is_cjk(cp)) {
            *cjk_len = n;
            *cjk_cp = cp;
            return i;
        }
        if (is_letter(cp))
            return i;
        i += n;
    }
    return end;
}

bool tx_next_word(const char *s, size_t end, size_t *pos, tx_word *w)
{
    size_t cjk_len;
    int32_t cjk_cp = 0;
    size_t i = skip_separators(s, end, *pos, &cjk_len, &cjk_cp);
    if (i >= end) {
        *pos = end;
        return false;
    }
    if (cjk_len) {
        cjk_word(s, i, cjk_len, cjk_cp, w);
        *pos = i + cjk_len;
        return true;
    }
    uint64_t h = FNV_BASIS;
    unsigned nup = 0, nlow = 0, ndig = 0, first = 0;
    w->start = i;
    while (i < end) {
        unsigned char c = (unsigned char)s[i];
        int kind; /* 1 upper, 2 lower, 3 digit, 0 other letter */
        if (c < 0x80) {
            if (!ascii_alnum(c))
                break;
            kind = c <= '9' ? 3 : c <= 'Z' ? 1 : 2;
            h = (h ^ (unsigned char)(kind == 1 ? c + 32 : c)) * FNV_PRIME;
            i++;
        } else {
            const char *p = s + i;
            int32_t cp = ng_utf8_next(&p, s + end);
            if (!is_letter(cp) || is_cjk(cp))
                break;
            kind = letter_case(cp);
            h = hash_cp(h, fold(cp));
            i = (size_t)(p - s);
        }
        nup += kind == 1, nlow += kind == 2, ndig += kind == 3;
        if (!first)
            first = (unsigned)kind + 10; /* remember the first character's kind */
    }
    w->end = i;
    w->hash = h;
    first -= 10;
    w->flags = (first == 1 ? TX_W_CAP : 0) | (first == 2 ? TX_W_LOWER : 0) | (first == 3 ? TX_W_DIGIT : 0) |
               (nup >= 2 && nlow == 0 ? TX_W_UPPER : 0) | (ndig && (nup || nlow) ? TX_W_ALNUM : 0);
    *pos = i;
    return true;
}

uint64_t tx_hash_word(const char *w)
{
    tx_word word;
    size_t pos = 0;
    return tx_next_word(w, strlen(w), &pos, &word) ? word.hash : 0;
}

/* ------------------------------------------------------------- tables */

static size_t slot_of(const tx_lex *lx, uint64_t key)
{
    size_t mask = lx->nslots - 1, i = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 20) & mask;
    while (lx->slots[i].key && lx->slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

static uint64_t key_of(uint64_t h) { return h ? h : 1; }

/* Chain every phrase under its first word. */
static bool build_index(tx_lex *lx)
{
    size_t n = 16;
    while (n < lx->nphr * 2 + 2)
        n <<= 1;
    lx->slots = ng_calloc(n, sizeof *lx->slots);
    if (!lx->slots)
        return false;
    lx->nslots = n;
    for (size_t i = lx->nphr; i-- > 0;) { /* backwards, so chains keep file order */
        uint64_t key = key_of(lx->phr[i].h[0]);
        tx_slot *s = &lx->slots[slot_of(lx, key)];
        if (!s->key) {
            s->key = key;
            s->head = -1;
        }
        lx->phr[i].next = s->head;
        s->head = (int32_t)i;
        s->mask |= TX_BIT(lx->phr[i].cls);
    }
    return true;
}

static bool stop_add(tx_lex *lx, uint64_t h)
{
    if ((lx->nstops + 1) * 2 > lx->cap_stops) {
        size_t cap = lx->cap_stops ? lx->cap_stops * 2 : 256;
        uint64_t *t = ng_calloc(cap, sizeof *t);
        if (!t)
            return false;
        for (size_t i = 0; i < lx->cap_stops; i++) {
            uint64_t k = lx->stops[i];
            if (!k)
                continue;
            size_t j = (size_t)(k * 0x9e3779b97f4a7c15ULL >> 20) & (cap - 1);
            while (t[j])
                j = (j + 1) & (cap - 1);
            t[j] = k;
        }
        ng_free(lx->stops, lx->cap_stops * sizeof *lx->stops);
        lx->stops = t;
        lx->cap_stops = cap;
    }
    uint64_t k = key_of(h);
    size_t j = (size_t)(k * 0x9e3779b97f4a7c15ULL >> 20) & (lx->cap_stops - 1);
    while (lx->stops[j] && lx->stops[j] != k)
        j = (j + 1) & (lx->cap_stops - 1);
    if (!lx->stops[j])
        lx->nstops++;
    lx->stops[j] = k;
    return true;
}

bool tx_is_stop(const tx_lex *lx, uint64_t h)
{
    if (!lx->cap_stops)
        return false;
    uint64_t k = key_of(h);
    size_t j = (size_t)(k * 0x9e3779b97f4a7c15ULL >> 20) & (lx->cap_stops - 1);
    while (lx->stops[j]) {
        if (lx->stops[j] == k)
            return true;
        j = (j + 1) & (lx->cap_stops - 1);
    }
    return false;
}

/* ------------------------------------------------------------- files */

static int class_id(const char *name, size_t n)
{
    for (int i = 0; i < TX_NCLASS; i++)
        if (strlen(class_names[i]) == n && memcmp(class_names[i], name, n) == 0)
            return i;
    return -1;
}

/* Add one "CLASS PHRASE" line; false only when out of memory. */
static bool add_phrase_line(tx_lex *lx, const char *line, const char *path, int lineno)
{
    const char *s = line, *e = line + strlen(line);
    ng_trim(&s, &e);
    if (s == e || *s == '#')
        return true;
    const char *sp = s;
    while (sp < e && !ng_is_space_ascii((unsigned char)*sp))
        sp++;
    int cls = class_id(s, (size_t)(sp - s));
    tx_phrase p = {.n = 0, .cls = (uint8_t)cls};
    size_t pos = (size_t)(sp - line);
    tx_word w;
    while (p.n < TX_MAX_PHRASE_WORDS && tx_next_word(line, (size_t)(e - line), &pos, &w))
        p.h[p.n++] = w.hash;
    if (cls < 0 || p.n == 0 || tx_next_word(line, (size_t)(e - line), &pos, &w)) {
        ng_log(NG_LOG_WARN, "%s:%d: skipped (unknown class, empty or over %d words)", path, lineno,
               TX_MAX_PHRASE_WORDS);
        return true;
    }
    if (!NG_GROW(lx->phr, lx->cap_phr, lx->nphr + 1))
        return false;
    lx->phr[lx->nphr++] = p;
    return true;
}

static bool add_stop_line(tx_lex *lx, const char *line, const char *path, int lineno)
{
    (void)path, (void)lineno;
    const char *s = line, *e = line + strlen(line);
    ng_trim(&s, &e);
    if (s == e || *s == '#')
        return true;
    size_t pos = (size_t)(s - line);
    tx_word w;
    return !tx_next_word(line, (size_t)(e - line), &pos, &w) || stop_add(lx, w.hash);
}

/* Read dir/name line by line into lx; NG_ENOTFOUND when it is absent. */
static int load_file(tx_lex *lx, const char *dir, const char *name,
                     bool (*add)(tx_lex *, const char *, const char *, int))
{
    char path[4096], line[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return NG_ENOTFOUND;
    int lineno = 0, rc = NG_OK;
    while (rc == NG_OK && fgets(line, sizeof line, f)) {
        lineno++;
        if (!add(lx, line, path, lineno))
            rc = NG_ENOMEM;
    }
    fclose(f);
    return rc;
}

tx_lex *tx_lex_load(const char *dir)
{
    tx_lex *lx = ng_calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    static const char *const phrase_files[] = {"boilerplate.txt", "byline.txt"};
    int rc = NG_OK;
    for (size_t i = 0; i < NG_ARRAY_LEN(phrase_files) && rc != NG_ENOMEM; i++) {
        rc = load_file(lx, dir, phrase_files[i], add_phrase_line);
        if (rc == NG_ENOTFOUND)
            ng_log(NG_LOG_WARN, "%s/%s: not found; text cleaning runs without it", dir, phrase_files[i]);
    }
    if (rc != NG_ENOMEM) {
        rc = load_file(lx, dir, "boilerplate-stopwords.txt", add_stop_line);
        if (rc == NG_ENOTFOUND)
            ng_log(NG_LOG_WARN, "%s/boilerplate-stopwords.txt: not found; text cleaning runs without it", dir);
    }
    if (rc == NG_ENOMEM || !build_index(lx)) {
        tx_lex_free(lx);
        return NULL;
    }
    return lx;
}

void tx_lex_free(tx_lex *lx)
{
    if (!lx)
        return;
    ng_free(lx->phr, lx->cap_phr * sizeof *lx->phr);
    ng_free(lx->slots, lx->nslots * sizeof *lx->slots);
    ng_free(lx->stops, lx->cap_stops * sizeof *lx->stops);
    ng_free(lx, sizeof *lx);
}

static tx_lex *g_lex;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void load_global(void)
{
    g_lex = tx_lex_load(ng_data_dir("lexicons"));
}

const tx_lex *tx_lex_get(void)
{
    static const tx_slot empty_slot;
    static const tx_lex empty = {.slots = (tx_slot *)&empty_slot, .nslots = 1};
    pthread_once(&g_once, load_global);
    return g_lex ? g_lex : &empty;
}

/* ------------------------------------------------------------ matching */

bool tx_may_start(const tx_lex *lx, uint64_t hash, unsigned mask)
{
    const tx_slot *s = &lx->slots[slot_of(lx, key_of(hash))];
    return s->key && (s->mask & mask);
}

int tx_match(const tx_lex *lx, const char *s, size_t end, const tx_word *w, unsigned mask, size_t *match_end,
             int *nwords)
{
    const tx_slot *slot = &lx->slots[slot_of(lx, key_of(w->hash))];
    if (!slot->key || !(slot->mask & mask))
        return -1;
    uint64_t next[TX_MAX_PHRASE_WORDS];
    size_t ends[TX_MAX_PHRASE_WORDS];
    int have = 1, best = -1, best_n = 0;
    next[0] = w->hash;
    ends[0] = w->end;
    size_t pos = w->end;
    for (int32_t i = slot->head; i >= 0; i = lx->phr[i].next) {
        const tx_phrase *p = &lx->phr[i];
        if (!(mask & TX_BIT(p->cls)) || p->n <= best_n)
            continue;
        tx_word nw;
        while (have < p->n && tx_next_word(s, end, &pos, &nw)) {
            next[have] = nw.hash;
            ends[have++] = nw.end;
        }
        int k = 1;
        while (k < p->n && k < have && next[k] == p->h[k])
            k++;
        if (k == p->n) {
            best = p->cls;
            best_n = p->n;
        }
    }
    if (best >= 0) {
        if (match_end)
            *match_end = ends[best_n - 1];
        if (nwords)
            *nwords = best_n;
    }
    return best;
}

bool tx_contains(const tx_lex *lx, const char *s, size_t start, size_t end, tx_class cls)
{
    size_t pos = start;
    tx_word w;
    while (tx_next_word(s, end, &pos, &w))
        if (tx_match(lx, s, end, &w, TX_BIT(cls), NULL, NULL) >= 0)
            return true;
    return false;
}
