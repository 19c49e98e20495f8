/*
 * lexicon.c - the tokenizer lexicons in lexicons/ (abbreviations,
 * contractions, hyphen prefixes, emoticons, sentence starters).  Loaded once
 * per process; after that the tables are read-only and shared by threads.
 */
#include "text/text.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define LEX_MAX_FILE_BYTES ((size_t)4 << 20) /* one lexicon file */

static ng_toklex g_lex;
static _Atomic(const ng_toklex *) g_ready;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;

size_t ng_lex_fold(const char *s, size_t n, char out[NG_LEX_MAX_KEY])
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            c = '\'';
            i += 2;
        } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xB4) {
            c = '\'';
            i += 1;
        } else if (c == '`') {
            c = '\'';
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + 32);
        }
        if (k + 1 >= NG_LEX_MAX_KEY)
            return 0;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return k;
}

/* Make room for value arrays of at least need entries. */
static bool grow_values(ng_toklex *lx, size_t need)
{
    if (need <= lx->cap)
        return true;
    size_t ncap = lx->cap ? lx->cap * 2 : 256;
    while (ncap < need)
        ncap *= 2;
    uint8_t *a = ng_realloc(lx->abbr_class, lx->cap, ncap);
    if (!a)
        return false;
    lx->abbr_class = a;
    uint8_t *b = ng_realloc(lx->abbr_cased, lx->cap, ncap);
    if (!b)
        return false;
    lx->abbr_cased = b;
    void *c = ng_realloc(lx->contr_parts, lx->cap * NG_MWT_MAX, ncap * NG_MWT_MAX);
    if (!c)
        return false;
    lx->contr_parts = c;
    uint8_t *d = ng_realloc(lx->contr_cond, lx->cap, ncap);
    if (!d)
        return false;
    lx->contr_cond = d;
    lx->cap = ncap;
    return true;
}

typedef int (*line_fn)(ng_toklex *lx, char *line, const char *name, int lineno, ng_error *err);

static int bad_line(ng_error *err, const char *name, int lineno, const char *what)
{
    return ng_err(err, NG_EFORMAT, "%s:%d: %s", name, lineno, what);
}

static int abbr_line(ng_toklex *lx, char *line, const char *name, int lineno, ng_error *err)
{
    static const char *const classes[] = {"", "title", "inner", "often", "number"};
    char *tab = strchr(line, '\t');
    if (!tab)
        return bad_line(err, name, lineno, "expected ABBREVIATION<TAB>CLASS");
    *tab = '\0';
    int cls = 0;
    for (int k = 1; k < (int)NG_ARRAY_LEN(classes); k++)
        if (strcmp(tab + 1, classes[k]) == 0)
            cls = k;
    size_t n = strlen(line);
    char key[NG_LEX_MAX_KEY];
    if (!cls || n < 2 || line[n - 1] != '.' || !ng_lex_fold(line, n, key))
        return bad_line(err, name, lineno, "bad abbreviation or class");
    int64_t id = ng_strtab_intern(&lx->abbr, key, strlen(key));
    if (id < 0 || !grow_values(lx, (size_t)id + 1))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    lx->abbr_class[id] = (uint8_t)cls;
    lx->abbr_cased[id] = line[0] >= 'A' && line[0] <= 'Z';
    return NG_OK;
}

/* The words after the third tab of a contractions.txt line: the split
 * applies only before one of them. */
static int contr_next_words(ng_toklex *lx, const char *key, size_t n, char *list, const char *name, int lineno,
                            ng_error *err)
{
    char pair[2 * NG_LEX_MAX_KEY], word[NG_LEX_MAX_KEY];
    char *save = NULL;
    for (char *w = strtok_r(list, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        size_t k = ng_lex_fold(w, strlen(w), word);
        if (!k || n + 1 + k >= sizeof pair)
            return bad_line(err, name, lineno, "bad next word");
        memcpy(pair, key, n);
        pair[n] = ' ';
        memcpy(pair + n + 1, word, k);
        if (ng_strtab_intern(&lx->contr_next, pair, n + 1 + k) < 0)
            return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    return NG_OK;
}

/* Part lengths of "do nt" into lens; false when malformed. */
static bool contr_parts(const char *p, const char *key, size_t n, uint8_t lens[NG_MWT_MAX])
{
    char parts[NG_LEX_MAX_KEY], folded[NG_LEX_MAX_KEY];
    size_t np = 0, total = 0, plen = 0;
    for (;; p++) {
        if (*p == ' ' || *p == '\0') {
            if (!plen || np + 1 >= NG_MWT_MAX)
                return false;
            lens[np++] = (uint8_t)plen;
            total += plen;
            plen = 0;
            if (!*p)
                break;
            continue;
        }
        if (total + plen + 1 >= NG_LEX_MAX_KEY)
            return false;
        parts[total + plen++] = *p;
    }
    return total == n && ng_lex_fold(parts, total, folded) == n && memcmp(folded, key, n) == 0;
}

static int contr_line(ng_toklex *lx, char *line, const char *name, int lineno, ng_error *err)
{
    char *tab = strchr(line, '\t');
    if (!tab)
        return bad_line(err, name, lineno, "expected SURFACE<TAB>PARTS[<TAB>NEXT WORDS]");
    *tab = '\0';
    char *next = strchr(tab + 1, '\t');
    if (next)
        *next++ = '\0';
    char key[NG_LEX_MAX_KEY];
    size_t n = ng_lex_fold(line, strlen(line), key);
    uint8_t lens[NG_MWT_MAX] = {0};
    if (!n || n >= 32 || !contr_parts(tab + 1, key, n, lens))
        return bad_line(err, name, lineno, "the parts do not spell the surface");
    int64_t id = ng_strtab_intern(&lx->contr, key, n);
    if (id < 0 || !grow_values(lx, (size_t)id + 1))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    memcpy(lx->contr_parts[id], lens, sizeof lens);
    lx->contr_cond[id] = next != NULL;
    lx->contr_lens[key[0] & 31][key[n - 1] & 31] |= 1u << n;
    return next ? contr_next_words(lx, key, n, next, name, lineno, err) : NG_OK;
}

/* A word list: prefixes and starters are folded, emoticons kept as written. */
static int word_line(ng_strtab *t, char *line, bool fold, const char *name, ng_error *err)
{
    char key[NG_LEX_MAX_KEY];
    size_t n = strlen(line);
    if (n >= NG_LEX_MAX_KEY)
        return ng_err(err, NG_EFORMAT, "%s: entry too long: %s", name, line);
    if (fold)
        n = ng_lex_fold(line, n, key);
    else
        memcpy(key, line, n + 1);
    if (ng_strtab_intern(t, key, n) < 0)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    return NG_OK;
}

static int prefix_line(ng_toklex *lx, char *line, const char *name, int lineno, ng_error *err)
{
    (void)lineno;
    return word_line(&lx->prefixes, line, true, name, err);
}

static int starter_line(ng_toklex *lx, char *line, const char *name, int lineno, ng_error *err)
{
    (void)lineno;
    return word_line(&lx->starters, line, true, name, err);
}

static int emoticon_line(ng_toklex *lx, char *line, const char *name, int lineno, ng_error *err)
{
    (void)lineno;
    size_t n = strlen(line);
    if (n > lx->emo_maxlen)
        lx->emo_maxlen = n;
    unsigned char c = (unsigned char)line[0];
    if (c < 128)
        lx->emo_first[c >> 5] |= 1u << (c & 31);
    return word_line(&lx->emoticons, line, false, name, err);
}

/* Read dir/file and hand each non-comment line to fn.  A missing file is
 * logged and skipped (the tokenizer works without it, less well). */
static int load_file(ng_toklex *lx, const char *dir, const char *file, line_fn fn, ng_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "rb");
    if (!f) {
        ng_log(NG_LOG_WARN, "%s: %s; tokenizing without it", path, strerror(errno));
        return NG_OK;
    }
    char line[2048];
    int lineno = 0, rc = NG_OK;
    size_t total = 0;
    while (rc == NG_OK && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        total += n;
        if (total > LEX_MAX_FILE_BYTES || (n == sizeof line - 1 && line[n - 1] != '\n')) {
            rc = ng_err(err, NG_ETOOBIG, "%s:%d: line or file too long", path, lineno);
            break;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        rc = fn(lx, line, path, lineno, err);
    }
    if (rc == NG_OK && ferror(f))
        rc = ng_err(err, NG_EIO, "%s: read error", path);
    fclose(f);
    return rc;
}

static int load_all(ng_toklex *lx, const char *dir, ng_error *err)
{
    static const struct { const char *file; line_fn fn; } files[] = {
        {"abbreviations.txt", abbr_line},   {"contractions.txt", contr_line},
        {"hyphen-prefixes.txt", prefix_line}, {"emoticons.txt", emoticon_line},
        {"sentence-starters.txt", starter_line},
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(files); i++) {
        int rc = load_file(lx, dir, files[i].file, files[i].fn, err);
        if (rc != NG_OK)
            return rc;
    }
    return NG_OK;
}

/* Load the tokenizer lexicons from lexicon_dir (NULL: ng_data_dir) once per
 * process; later calls return NG_OK without reloading.  A missing file is a
 * warning; a malformed one an error (the lexicons loaded before it stay in
 * use, so ng_tokenize still works).  Thread-safe. */
int ng_tokenizer_init(const char *lexicon_dir, ng_error *err)
{
    pthread_mutex_lock(&g_mu);
    int rc = NG_OK;
    if (!atomic_load(&g_ready)) {
        ng_strtab_init(&g_lex.abbr);
        ng_strtab_init(&g_lex.contr);
        ng_strtab_init(&g_lex.contr_next);
        ng_strtab_init(&g_lex.prefixes);
        ng_strtab_init(&g_lex.emoticons);
        ng_strtab_init(&g_lex.starters);
        rc = load_all(&g_lex, lexicon_dir ? lexicon_dir : ng_data_dir("lexicons"), err);
        if (rc == NG_OK)
            rc = grow_values(&g_lex, 1) ? NG_OK : ng_err(err, NG_ENOMEM, "lexicons: out of memory");
        if (rc != NG_OK)
            ng_log(NG_LOG_ERROR, "tokenizer lexicons: %s", err ? err->msg : ng_strerror(rc));
        atomic_store(&g_ready, &g_lex);
    }
    pthread_mutex_unlock(&g_mu);
    return rc;
}

const ng_toklex *ng_toklex_get(void)
{
    const ng_toklex *lx = atomic_load(&g_ready);
    if (lx)
        return lx;
    ng_tokenizer_init(NULL, NULL);
    return atomic_load(&g_ready);
}

int ng_lex_abbr(const ng_toklex *lx, const char *s, size_t n)
{
    char key[NG_LEX_MAX_KEY];
    size_t k = ng_lex_fold(s, n, key);
    if (!k || !lx->abbr.n)
        return NG_ABBR_NONE;
    int64_t id = ng_strtab_find(&lx->abbr, key, k);
    if (id < 0)
        return NG_ABBR_NONE;
    if (lx->abbr_cased[id] && !(s[0] >= 'A' && s[0] <= 'Z'))
        return NG_ABBR_NONE;
    return lx->abbr_class[id];
}

bool ng_lex_starter(const ng_toklex *lx, const char *s, size_t n)
{
    char key[NG_LEX_MAX_KEY];
    size_t k = ng_lex_fold(s, n, key);
    return k && lx->starters.n && ng_strtab_find(&lx->starters, key, k) >= 0;
}
