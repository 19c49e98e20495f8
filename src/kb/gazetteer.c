/*
 * gazetteer.c - loading lexicons/ and longest-match lookups over tokens.
 * Invariant: tables hold 64-bit key hashes only (never 0; collisions among
 * a few hundred thousand keys are vanishingly unlikely), keys are stored
 * with white space runs collapsed to one space, and nothing changes after
 * loading.
 */
#include "gazetteer.h"

#include <errno.h>
#include <stdio.h>
#include <utf8proc.h>

/* A key table slot: the lists holding the key as a whole entry, and the
 * lists of which it is a proper prefix ending at a possible token boundary. */
typedef struct key_slot {
    uint64_t h;
    uint32_t lists, prefix;
} key_slot;

typedef struct key_tab {
    key_slot *slots;
    size_t n, cap; /* cap: a power of two, or 0 */
} key_tab;

/* A value table slot: an entry's fields (or a cluster bit string). */
typedef struct val_slot {
    uint64_t h;
    const char *val;
    int64_t weight; /* clusters: the word's count (the most frequent wins) */
} val_slot;

typedef struct val_tab {
    val_slot *slots;
    size_t n, cap;
} val_tab;

struct ng_lexicons {
    ng_arena arena;         /* value strings */
    key_tab keys[2];        /* [mode]: NG_GAZ_EXACT, NG_GAZ_FOLD */
    val_tab vals[2];        /* [mode]: key hash mixed with the list */
    val_tab cc_canon;       /* ISO alpha-2 code -> canonical country name */
    val_tab clusters[2];    /* [mode]: word -> bit string */
    size_t count[NG_GAZ_NLISTS + 1];
    size_t nentries;
};

/* Files of lexicons/, the list each fills, and its TAB-separated field
 * counts (the entry included). */
static const struct {
    const char *file;
    int list;
    int min_fields, max_fields;
} lexicon_files[] = {
    {"countries.txt", NG_GAZ_COUNTRY, 3, 3},
    {"country_codes.txt", NG_GAZ_COUNTRY_CODE, 3, 3},
    {"demonyms.txt", NG_GAZ_DEMONYM, 2, 2},
    {"subdivisions.txt", NG_GAZ_SUBDIVISION, 1, 3},
    {"cities.txt", NG_GAZ_CITY, 1, 3},
    {"given_names.txt", NG_GAZ_GIVEN_NAME, 1, 2},
    {"surnames.txt", NG_GAZ_SURNAME, 1, 1},
    {"titles.txt", NG_GAZ_TITLE, 2, 2},
    {"org_suffixes.txt", NG_GAZ_ORG_SUFFIX, 1, 2},
    {"event_keywords.txt", NG_GAZ_EVENT_KEYWORD, 1, 2},
    {"known_orgs.txt", NG_GAZ_KNOWN_ORG, 1, 2},
    {"known_orgs_uner.txt", NG_GAZ_KNOWN_ORG_UNER, 1, 2},
    {"known_misc.txt", NG_GAZ_KNOWN_MISC, 1, 2},
    {"known_locations.txt", NG_GAZ_KNOWN_LOC, 1, 2},
    {"known_companies.txt", NG_GAZ_COMPANY, 1, 1},
    {"brands.txt", NG_GAZ_BRAND, 1, 1},
    {"clusters.txt", NG_GAZ_NLISTS, 2, 3},
};

/* ------------------------------------------------------------ hashing */

static uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = ng_hash(s, n, 0x67617a);
    return h ? h : 1;
}

static uint64_t list_hash(uint64_t h, int list)
{
    uint64_t m = ng_hash_mix(h, (uint64_t)list + 1);
    return m ? m : 1;
}

/* Slot of h in a table of cap slots (a power of two): its own or the empty
 * one where it would go. */
#define PROBE(tab, ncap, hv, i)                                         \
    for (i = (size_t)(hv) & ((ncap)-1); (tab)[i].h && (tab)[i].h != (hv); \
         i = (i + 1) & ((ncap)-1))

static bool key_grow(key_tab *t)
{
    if (2 * (t->n + 1) <= t->cap)
        return true;
    size_t cap = t->cap ? 2 * t->cap : 1024;
    key_slot *s = ng_calloc(cap, sizeof *s);
    if (!s)
        return false;
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->slots[j].h)
            continue;
        size_t i;
        PROBE(s, cap, t->slots[j].h, i);
        s[i] = t->slots[j];
    }
    ng_free(t->slots, t->cap * sizeof *t->slots);
    t->slots = s;
    t->cap = cap;
    return true;
}

/* The slot for h, added when absent; NULL when out of memory. */
static key_slot *key_put(key_tab *t, uint64_t h)
{
    if (!key_grow(t))
        return NULL;
    size_t i;
    PROBE(t->slots, t->cap, h, i);
    if (!t->slots[i].h) {
        t->slots[i].h = h;
        t->n++;
    }
    return &t->slots[i];
}

static const key_slot *key_get(const key_tab *t, uint64_t h)
{
    if (!t->cap)
        return NULL;
    size_t i;
    PROBE(t->slots, t->cap, h, i);
    return t->slots[i].h ? &t->slots[i] : NULL;
}

static bool val_grow(val_tab *t)
{
    if (2 * (t->n + 1) <= t->cap)
        return true;
    size_t cap = t->cap ? 2 * t->cap : 1024;
    val_slot *s = ng_calloc(cap, sizeof *s);
    if (!s)
        return false;
    for (size_t j = 0; j < t->cap; j++) {
        if (!t->slots[j].h)
            continue;
        size_t i;
        PROBE(s, cap, t->slots[j].h, i);
        s[i] = t->slots[j];
    }
    ng_free(t->slots, t->cap * sizeof *t->slots);
    t->slots = s;
    t->cap = cap;
    return true;
}

/* Set h -> val unless h is there with a weight >= weight; false when out of
 * memory. */
static bool val_put(val_tab *t, uint64_t h, const char *val, int64_t weight)
{
    if (!val_grow(t))
        return false;
    size_t i;
    PROBE(t->slots, t->cap, h, i);
    if (t->slots[i].h && t->slots[i].weight >= weight)
        return true;
    if (!t->slots[i].h)
        t->n++;
    t->slots[i] = (val_slot){h, val, weight};
    return true;
}

static const char *val_get(const val_tab *t, uint64_t h)
{
    if (!t->cap)
        return NULL;
    size_t i;
    PROBE(t->slots, t->cap, h, i);
    return t->slots[i].h ? t->slots[i].val : NULL;
}

/* ------------------------------------------------------------ keys */

/* Append the lower case form of s[0..n) (valid UTF-8) to out[*pn..cap);
 * false when it does not fit. */
static bool fold_append(char *out, size_t *pn, size_t cap, const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            if (*pn + 1 > cap)
                return false;
            out[(*pn)++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            p++;
            continue;
        }
        int32_t cp = ng_utf8_next(&p, end);
        char buf[4];
        size_t k = ng_utf8_encode(utf8proc_tolower(cp), buf);
        if (*pn + k > cap)
            return false;
        memcpy(out + *pn, buf, k);
        *pn += k;
    }
    return true;
}

/* Copy s[0..n) to out[*pn..cap), folded or not. */
static bool key_append(char *out, size_t *pn, size_t cap, const char *s, size_t n, unsigned mode)
{
    if (mode == NG_GAZ_FOLD)
        return fold_append(out, pn, cap, s, n);
    if (*pn + n > cap)
        return false;
    memcpy(out + *pn, s, n);
    *pn += n;
    return true;
}

/* 0 for white space, 1 for letters, digits and non-ASCII bytes, 2 for ASCII
 * punctuation: a tokenizer may split where the class changes. */
static int char_class(unsigned char c)
{
    if (c == ' ')
        return 0;
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'))
        return 1;
    return 2;
}

/* Record key[0..n) as an entry of list, and each of its prefixes that ends
 * where a tokenizer could end a token. */
static bool add_key(key_tab *t, const char *key, size_t n, int list)
{
    uint32_t bit = 1u << list;
    for (size_t p = 1; p < n; p++) {
        int a = char_class((unsigned char)key[p - 1]), b = char_class((unsigned char)key[p]);
        if (a == 0 || (a == b && a == 1))
            continue; /* no token ends on a space or inside a word */
        key_slot *s = key_put(t, key_hash(key, p));
        if (!s)
            return false;
        s->prefix |= bit;
    }
    key_slot *s = key_put(t, key_hash(key, n));
    if (!s)
        return false;
    s->lists |= bit;
    return true;
}

/* ------------------------------------------------------------ parsing */

typedef struct line_ctx {
    ng_lexicons *lx;
    int list;
    const char *name;
    size_t lineno;
    size_t *nbad;
} line_ctx;

static void bad_line(const line_ctx *c, const char *why)
{
    ng_log(NG_LOG_WARN, "%s:%zu: %s; line skipped", c->name, c->lineno, why);
    if (c->nbad)
        (*c->nbad)++;
}

static bool valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        size_t k = ng_utf8_seqlen(p, end);
        if (!k || (k == 1 && *p < 0x20 && *p != '\t'))
            return false;
        p += k;
    }
    return true;
}

/* Normalise an entry: trim, collapse white space runs to one space.  Returns
 * the length written to out (>= n + 1 bytes). */
static size_t normalise(const char *s, size_t n, char *out)
{
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\v' || s[i] == '\f') {
            space = k > 0;
            continue;
        }
        if (space)
            out[k++] = ' ';
        space = false;
        out[k++] = s[i];
    }
    return k;
}

static bool all_bits(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '0' && s[i] != '1')
            return false;
    return true;
}

/* Add one cluster line "bits TAB word [TAB count]". */
static int add_cluster(const line_ctx *c, const char **f, const size_t *fn, int nf, ng_error *err)
{
    ng_lexicons *lx = c->lx;
    char word[NG_GAZ_MAX_KEY], folded[NG_GAZ_MAX_KEY];
    if (!all_bits(f[0], fn[0]) || fn[0] > NG_GAZ_MAX_KEY) {
        bad_line(c, "the cluster is not a bit string");
        return NG_OK;
    }
    size_t wn = normalise(f[1], NG_MIN(fn[1], sizeof word - 1), word), kn = 0;
    if (!wn || fn[1] >= sizeof word || !fold_append(folded, &kn, sizeof folded, word, wn)) {
        bad_line(c, "empty or overlong word");
        return NG_OK;
    }
    int64_t count = 0;
    if (nf > 2) {
        char num[24];
        if (fn[2] == 0 || fn[2] >= sizeof num) {
            bad_line(c, "bad count");
            return NG_OK;
        }
        memcpy(num, f[2], fn[2]);
        num[fn[2]] = '\0';
        char *end;
        errno = 0;
        count = strtoll(num, &end, 10);
        if (*end || errno || count < 0) {
            bad_line(c, "bad count");
            return NG_OK;
        }
    }
    char *bits = ng_arena_strndup(&lx->arena, f[0], fn[0]);
    if (!bits || !val_put(&lx->clusters[0], key_hash(word, wn), bits, INT64_MAX) ||
        !val_put(&lx->clusters[1], key_hash(folded, kn), bits, count))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", c->name);
    lx->count[NG_GAZ_NLISTS]++;
    return NG_OK;
}

/* Add an entry (the normalised key) of a gazetteer list, with its value. */
static int add_entry(const line_ctx *c, const char *key, size_t n, const char *rest, size_t rn,
                     ng_error *err)
{
    ng_lexicons *lx = c->lx;
    char folded[NG_GAZ_MAX_KEY];
    size_t kn = 0;
    if (!fold_append(folded, &kn, sizeof folded, key, n)) {
        bad_line(c, "entry too long");
        return NG_OK;
    }
    if (lx->nentries >= NG_GAZ_MAX_ENTRIES)
        return ng_err(err, NG_ETOOBIG, "%s: more than %d lexicon entries", c->name, NG_GAZ_MAX_ENTRIES);
    const char *val = ng_arena_strndup(&lx->arena, rest, rn);
    uint64_t he = key_hash(key, n), hf = key_hash(folded, kn);
    if (!val || !add_key(&lx->keys[0], key, n, c->list) ||
        !add_key(&lx->keys[1], folded, kn, c->list) ||
        !val_put(&lx->vals[0], list_hash(he, c->list), val, 0) ||
        !val_put(&lx->vals[1], list_hash(hf, c->list), val, 0))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", c->name);
    if (c->list == NG_GAZ_COUNTRY || c->list == NG_GAZ_COUNTRY_CODE) {
        /* rest = "canonical TAB CC": index the canonical name by its code. */
        const char *tab = memchr(rest, '\t', rn);
        if (tab) {
            const char *canon = ng_arena_strndup(&lx->arena, rest, (size_t)(tab - rest));
            size_t ccn = rn - (size_t)(tab + 1 - rest);
            if (!canon || !val_put(&lx->cc_canon, key_hash(tab + 1, ccn), canon, 0))
                return ng_err(err, NG_ENOMEM, "%s: out of memory", c->name);
        }
    }
    lx->count[c->list]++;
    lx->nentries++;
    return NG_OK;
}

/* Field bounds of a gazetteer list (cluster lines: 2..3). */
static void field_counts(int list, int *min, int *max)
{
    *min = 1;
    *max = 3;
    for (size_t i = 0; i < NG_ARRAY_LEN(lexicon_files); i++)
        if (lexicon_files[i].list == list) {
            *min = lexicon_files[i].min_fields;
            *max = lexicon_files[i].max_fields;
        }
}

/* Parse one line (without its newline). */
static int add_line(const line_ctx *c, const char *s, size_t n, ng_error *err)
{
    if (n && s[n - 1] == '\r')
        n--;
    size_t lead = 0;
    while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    if (lead == n || s[lead] == '#')
        return NG_OK;
    if (n > NG_GAZ_MAX_LINE) {
        bad_line(c, "line too long");
        return NG_OK;
    }
    if (!valid_utf8(s, n)) {
        bad_line(c, "invalid UTF-8 or control character");
        return NG_OK;
    }
    enum { MAXF = 4 };
    const char *f[MAXF];
    size_t fn[MAXF];
    int nf = 0;
    for (const char *p = s, *end = s + n;; nf++) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (nf == MAXF) {
            nf++;
            break;
        }
        f[nf] = p;
        fn[nf] = (size_t)((tab ? tab : end) - p);
        if (!tab) {
            nf++;
            break;
        }
        p = tab + 1;
    }
    int min, max;
    field_counts(c->list, &min, &max);
    if (nf < min || nf > max) {
        bad_line(c, nf < min ? "too few TAB-separated fields" : "too many TAB-separated fields");
        return NG_OK;
    }
    if (c->list == NG_GAZ_NLISTS)
        return add_cluster(c, f, fn, nf, err);
    char key[NG_GAZ_MAX_KEY + 1];
    if (fn[0] > NG_GAZ_MAX_KEY) {
        bad_line(c, "entry too long");
        return NG_OK;
    }
    size_t kn = normalise(f[0], fn[0], key);
    if (!kn) {
        bad_line(c, "empty entry");
        return NG_OK;
    }
    const char *rest = nf > 1 ? f[1] : s + n;
    return add_entry(c, key, kn, rest, (size_t)(s + n - rest), err);
}

ng_lexicons *ng_lexicons_new(void)
{
    ng_lexicons *lx = ng_calloc(1, sizeof *lx);
    if (lx)
        ng_arena_init(&lx->arena);
    return lx;
}

int ng_lexicons_add_text(ng_lexicons *lx, int list, const char *name, const char *text,
                         size_t len, size_t *nbad, ng_error *err)
{
    if (list < 0 || list > NG_GAZ_NLISTS)
        return ng_err(err, NG_EARG, "%s: no such lexicon list %d", name, list);
    if (len > NG_GAZ_MAX_FILE)
        return ng_err(err, NG_ETOOBIG, "%s: lexicon larger than %u bytes", name, NG_GAZ_MAX_FILE);
    line_ctx c = {lx, list, name, 0, nbad};
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        c.lineno++;
        int rc = add_line(&c, p, (size_t)(e - p), err);
        if (rc != NG_OK)
            return rc;
        p = nl ? nl + 1 : end;
    }
    return NG_OK;
}

/* Read path whole; NG_ENOTFOUND when it does not exist. */
static int read_file(const char *path, char **out, size_t *len, ng_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? NG_ENOTFOUND : ng_err(err, NG_EIO, "%s: %s", path, strerror(errno));
    ng_buf b;
    ng_buf_init(&b);
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= NG_GAZ_MAX_FILE)
        ng_buf_append(&b, chunk, k);
    int rc = ferror(f) ? ng_err(err, NG_EIO, "%s: read error", path) : NG_OK;
    fclose(f);
    if (rc == NG_OK && b.oom)
        rc = ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    if (rc == NG_OK && b.len > NG_GAZ_MAX_FILE)
        rc = ng_err(err, NG_ETOOBIG, "%s: lexicon larger than %u bytes", path, NG_GAZ_MAX_FILE);
    if (rc != NG_OK) {
        ng_buf_free(&b);
        return rc;
    }
    *out = ng_buf_take(&b, len);
    return NG_OK;
}

int ng_lexicons_load(const char *dir, ng_lexicons **out, ng_error *err)
{
    *out = NULL;
    ng_lexicons *lx = ng_lexicons_new();
    if (!lx)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", dir);
    size_t found = 0;
    for (size_t i = 0; i < NG_ARRAY_LEN(lexicon_files); i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, lexicon_files[i].file);
        char *text = NULL;
        size_t len = 0;
        int rc = read_file(path, &text, &len, err);
        if (rc == NG_ENOTFOUND)
            continue;
        if (rc == NG_OK) {
            rc = ng_lexicons_add_text(lx, lexicon_files[i].list, path, text, len, NULL, err);
            ng_free(text, 0);
        }
        if (rc != NG_OK) {
            ng_lexicons_free(lx);
            return rc;
        }
        found++;
    }
    if (!found) {
        ng_lexicons_free(lx);
        return ng_err(err, NG_ENOTFOUND, "%s: no lexicon files", dir);
    }
    *out = lx;
    return NG_OK;
}

void ng_lexicons_free(ng_lexicons *lx)
{
    if (!lx)
        return;
    for (int m = 0; m < 2; m++) {
        ng_free(lx->keys[m].slots, lx->keys[m].cap * sizeof(key_slot));
        ng_free(lx->vals[m].slots, lx->vals[m].cap * sizeof(val_slot));
        ng_free(lx->clusters[m].slots, lx->clusters[m].cap * sizeof(val_slot));
    }
    ng_free(lx->cc_canon.slots, lx->cc_canon.cap * sizeof(val_slot));
    ng_arena_free(&lx->arena);
    ng_free(lx, sizeof *lx);
}

int ng_lexicons_stage_load(ng_pipeline *p, ng_error *err)
{
    if (p->lexicons)
        return NG_OK;
    return ng_lexicons_load(p->lexicon_dir, &p->lexicons, err);
}

void ng_lexicons_stage_free(ng_pipeline *p)
{
    ng_lexicons_free(p->lexicons);
    p->lexicons = NULL;
}

size_t ng_lexicons_count(const ng_lexicons *lx, int list)
{
    return list >= 0 && list <= NG_GAZ_NLISTS ? lx->count[list] : 0;
}

/* ------------------------------------------------------------ lookups */

void ng_gaz_match(const ng_lexicons *lx, const ng_doc *doc, size_t first, size_t n,
                  unsigned mode, ng_gaz_tag *out)
{
    if (n == 0 || !doc->tokens || first >= doc->ntokens) {
        if (n)
            memset(out, 0, n * sizeof *out);
        return;
    }
    memset(out, 0, n * sizeof *out);
    n = NG_MIN(n, doc->ntokens - first);
    const key_tab *t = &lx->keys[mode == NG_GAZ_FOLD];
    const ng_token *tok = doc->tokens + first;
    size_t busy[NG_GAZ_NLISTS] = {0}; /* per list: first token not yet covered */
    for (size_t i = 0; i < n; i++) {
        char key[NG_GAZ_MAX_KEY];
        size_t kn = 0;
        size_t end[NG_GAZ_NLISTS] = {0}; /* last token of the longest match, per list */
        uint32_t found = 0;
        for (size_t j = i; j < n && j < i + NG_GAZ_MAX_TOKENS; j++) {
            if (j > i && tok[j].start > tok[j - 1].end && !key_append(key, &kn, sizeof key, " ", 1, mode))
                break;
            size_t len;
            const char *s = ng_tok_text(doc, &tok[j], &len);
            if (!key_append(key, &kn, sizeof key, s, len, mode))
                break;
            const key_slot *slot = key_get(t, key_hash(key, kn));
            if (!slot)
                break;
            for (uint32_t m = slot->lists; m; m &= m - 1) {
                int l = __builtin_ctz(m);
                end[l] = j;
                found |= 1u << l;
            }
            if (!slot->prefix)
                break;
        }
        for (uint32_t m = found; m; m &= m - 1) {
            int l = __builtin_ctz(m);
            if (i < busy[l])
                continue;
            out[i].b |= 1u << l;
            for (size_t k = i + 1; k <= end[l]; k++)
                out[k].i |= 1u << l;
            busy[l] = end[l] + 1;
        }
    }
}

/* The hash of s[0..len) normalised as entries are, folded or not; false
 * when it is too long. */
static bool lookup_hash(const char *s, size_t len, unsigned mode, uint64_t *h)
{
    char norm[NG_GAZ_MAX_KEY + 1], key[NG_GAZ_MAX_KEY];
    if (len > NG_GAZ_MAX_KEY)
        return false;
    size_t nn = normalise(s, len, norm), kn = 0;
    if (!key_append(key, &kn, sizeof key, norm, nn, mode))
        return false;
    *h = key_hash(key, kn);
    return true;
}

uint32_t ng_gaz_lists_of(const ng_lexicons *lx, const char *s, size_t len, unsigned mode)
{
    uint64_t h;
    mode = mode == NG_GAZ_FOLD;
    if (!lookup_hash(s, len, mode, &h))
        return 0;
    const key_slot *slot = key_get(&lx->keys[mode], h);
    return slot ? slot->lists : 0;
}

const char *ng_gaz_value(const ng_lexicons *lx, int list, const char *s, size_t len)
{
    if (list < 0 || list >= NG_GAZ_NLISTS)
        return NULL;
    for (unsigned mode = 0; mode < 2; mode++) {
        uint64_t h;
        const char *v;
        if (lookup_hash(s, len, mode, &h) && (v = val_get(&lx->vals[mode], list_hash(h, list))))
            return v;
    }
    return NULL;
}

/* The canonical name of the country whose code opens or follows field. */
static const char *canon_of_code(const ng_lexicons *lx, const char *code)
{
    size_t n = strcspn(code, "\t");
    return val_get(&lx->cc_canon, key_hash(code, n));
}

const char *ng_gaz_country_of(const ng_lexicons *lx, const char *s, size_t len)
{
    const char *v = ng_gaz_value(lx, NG_GAZ_DEMONYM, s, len);
    if (v)
        return canon_of_code(lx, v);
    int lists[] = {NG_GAZ_COUNTRY, NG_GAZ_COUNTRY_CODE};
    for (size_t i = 0; i < NG_ARRAY_LEN(lists); i++) {
        v = ng_gaz_value(lx, lists[i], s, len);
        const char *tab = v ? strchr(v, '\t') : NULL;
        if (tab)
            return canon_of_code(lx, tab + 1);
    }
    return NULL;
}

const char *ng_gaz_title_norm(const ng_lexicons *lx, const char *s, size_t len)
{
    uint64_t h;
    if (!lookup_hash(s, len, NG_GAZ_FOLD, &h))
        return NULL;
    return val_get(&lx->vals[1], list_hash(h, NG_GAZ_TITLE));
}

const char *ng_cluster_path(const ng_lexicons *lx, const char *word, size_t len)
{
    for (unsigned mode = 0; mode < 2; mode++) {
        uint64_t h;
        const char *v;
        if (lookup_hash(word, len, mode, &h) && (v = val_get(&lx->clusters[mode], h)))
            return v;
    }
    return NULL;
}
