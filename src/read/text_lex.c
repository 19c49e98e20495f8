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
    uint64_t key;  /* the word's hash (0 = empty; a hash of 0 is stored as 1) */
    int32_t head;  /* first phrase starting with the word, -1 = none */
    unsigned info; /* classes of those phrases, | TX_STOP for a stop word */
} tx_slot;

/* One table answers both questions about a word (one probe per word of
 * text): is it a stop word, and which phrases start with it. */
struct tx_lex {
    tx_phrase *phr;
    size_t nphr, cap_phr;
    uint64_t *stops;    /* [nstops] stop-word hashes, while loading */
    size_t nstops, cap_stops;
    tx_slot *slots;     /* [nslots], a power of two */
    size_t nslots;
};

static const char *const class_names[TX_NCLASS] = {
    "promo", "share", "comment", "copyright", "related", "credit", "bio", "contact", "signoff", "nav", "thread", "runin",
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

/* ASCII byte classes: 0 separator, 1 upper, 2 lower, 3 digit; bytes from
 * 0x80 are 4 (see byte_kind). */
static const uint8_t ascii_class[128] = {
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3, ['8'] = 3, ['9'] = 3,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
    ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2, ['g'] = 2, ['h'] = 2, ['i'] = 2,
    ['j'] = 2, ['k'] = 2, ['l'] = 2, ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2,
    ['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2, ['y'] = 2, ['z'] = 2,
};

static inline unsigned byte_kind(unsigned char c)
{
    return c < 0x80 ? ascii_class[c] : 4;
}

/* Skip separators; returns the start of the next word, or end.  A CJK
 * character found on the way is returned through cjk_len and cjk_cp. */
static size_t skip_separators(const char *s, size_t end, size_t i, size_t *cjk_len, int32_t *cjk_cp)
{
    const unsigned char *u = (const unsigned char *)s;
    *cjk_len = 0;
    while (i < end) {
        unsigned k = byte_kind(u[i]);
        if (k == 0) {
            i++;
            continue;
        }
        if (k < 4)
            return i;
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

/* A non-ASCII letter inside a word: its case; false at a non-letter. */
static bool wide_letter(const char *s, size_t end, size_t *i, unsigned *kind)
{
    const char *p = s + *i;
    int32_t cp = ng_utf8_next(&p, s + end);
    if (!is_letter(cp) || is_cjk(cp))
        return false;
    *kind = (unsigned)letter_case(cp);
    *i = (size_t)(p - s);
    return true;
}

/* Hash of a word's bytes, case-folded by setting bit 5 of every byte: that
 * lower-cases ASCII letters, keeps digits, and folds Latin-1 capitals onto
 * their small letters (other non-ASCII letters may merge, harmlessly: the
 * lists are matched word by word with the same hash).  Eight bytes a step. */
static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = FNV_BASIS ^ (n * FNV_PRIME);
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = (h ^ (v | 0x2020202020202020ULL)) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)(p[i] | 0x20) << (8 * i);
    h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 32;
    return h * 0xff51afd7ed558ccdULL ^ (h >> 29);
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
    const unsigned char *u = (const unsigned char *)s;
    if (cjk_len) {
        w->start = i;
        w->end = *pos = i + cjk_len;
        w->hash = hash_bytes(u + i, cjk_len);
        w->flags = TX_W_CJK;
        return true;
    }
    unsigned seen = 0, first, kind; /* seen: bit per kind (1 upper, 2 lower, 3 digit) */
    w->start = i;
    kind = byte_kind(u[i]);
    if (kind < 4)
        i++;
    else if (!wide_letter(s, end, &i, &kind))
        kind = 0, i += 1; /* cannot happen: skip_separators stopped at a letter */
    first = kind;
    seen = 1u << kind;
    for (;;) {
        unsigned k = 0;
        while (i < end && (k = byte_kind(u[i])) - 1u < 3u) {
            seen |= 1u << k;
            i++;
        }
        if (i >= end || k != 4 || !wide_letter(s, end, &i, &kind))
            break;
        seen |= 1u << kind;
    }
    w->end = *pos = i;
    w->hash = hash_bytes(u + w->start, i - w->start);
    bool up = seen & 2, low = seen & 4, dig = seen & 8;
    w->flags = (first == 1 ? TX_W_CAP : 0) | (first == 2 ? TX_W_LOWER : 0) | (first == 3 ? TX_W_DIGIT : 0) |
               (up && !low && i - w->start >= 2 ? TX_W_UPPER : 0) | (dig && (up || low) ? TX_W_ALNUM : 0);
    return true;
}

uint64_t tx_hash_word(const char *w)
{
    tx_word word;
    size_t pos = 0;
    return tx_next_word(w, strlen(w), &pos, &word) ? word.hash : 0;
}

/* ------------------------------------------------------------- tables */

static uint64_t key_of(uint64_t h) { return h ? h : 1; }

static size_t slot_of(const tx_lex *lx, uint64_t key)
{
    size_t mask = lx->nslots - 1, i = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 20) & mask;
    while (lx->slots[i].key && lx->slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

static tx_slot *slot_for(tx_lex *lx, uint64_t h)
{
    uint64_t key = key_of(h);
    tx_slot *s = &lx->slots[slot_of(lx, key)];
    if (!s->key) {
        s->key = key;
        s->head = -1;
    }
    return s;
}

/* Chain every phrase under its first word; mark the stop words. */
static bool build_index(tx_lex *lx)
{
    size_t n = 16;
    while (n < (lx->nphr + lx->nstops) * 2 + 2)
        n <<= 1;
    lx->slots = ng_calloc(n, sizeof *lx->slots);
    if (!lx->slots)
        return false;
    lx->nslots = n;
    for (size_t i = lx->nphr; i-- > 0;) { /* backwards, so chains keep file order */
        tx_slot *s = slot_for(lx, lx->phr[i].h[0]);
        lx->phr[i].next = s->head;
        s->head = (int32_t)i;
        s->info |= TX_BIT(lx->phr[i].cls);
    }
    for (size_t i = 0; i < lx->nstops; i++)
        slot_for(lx, lx->stops[i])->info |= TX_STOP;
    return true;
}

unsigned tx_word_info(const tx_lex *lx, uint64_t hash)
{
    const tx_slot *s = &lx->slots[slot_of(lx, key_of(hash))];
    return s->key ? s->info : 0;
}

bool tx_is_stop(const tx_lex *lx, uint64_t h)
{
    return (tx_word_info(lx, h) & TX_STOP) != 0;
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
    if (!tx_next_word(line, (size_t)(e - line), &pos, &w))
        return true;
    if (!NG_GROW(lx->stops, lx->cap_stops, lx->nstops + 1))
        return false;
    lx->stops[lx->nstops++] = w.hash;
    return true;
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
    static tx_slot empty_slot;
    static const tx_lex empty = {.slots = &empty_slot, .nslots = 1};
    pthread_once(&g_once, load_global);
    return g_lex ? g_lex : &empty;
}

/* ------------------------------------------------------------ matching */

bool tx_may_start(const tx_lex *lx, uint64_t hash, unsigned mask)
{
    return (tx_word_info(lx, hash) & mask & ~TX_STOP) != 0;
}

int tx_match(const tx_lex *lx, const char *s, size_t end, const tx_word *w, unsigned mask, size_t *match_end,
             int *nwords)
{
    const tx_slot *slot = &lx->slots[slot_of(lx, key_of(w->hash))];
    if (!slot->key || !(slot->info & mask & ~TX_STOP))
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
        int k = 1;
        for (; k < p->n; k++) { /* read ahead only as far as the phrase matches */
            tx_word nw;
            if (k == have && tx_next_word(s, end, &pos, &nw)) {
                next[have] = nw.hash;
                ends[have++] = nw.end;
            }
            if (k >= have || next[k] != p->h[k])
                break;
        }
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
