/*
 * resolve.c - match keys for entity names across documents.  A key is the
 * name folded to lowercase ASCII-like words (utf8proc case folding and mark
 * stripping) minus words that do not identify the entity (lexicons/resolve.txt).
 * Invariant: keys are deterministic and depend only on (type class, name, lexicon).
 */
#include "kb/resolve.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

#define NG_LEXICON_LINE 256 /* longest line read from resolve.txt */

/* The word lists, one interning table per section. */
enum { L_ARTICLE, L_HONORIFIC, L_PERSON_SUFFIX, L_ORG_SUFFIX, L_EDITION, NLISTS };
static const char *const list_names[NLISTS] = {"article", "honorific", "person-suffix", "org-suffix", "edition"};

struct ng_resolver {
    ng_strtab lists[NLISTS];
};

/* A name cut into folded words: word i is buf[start[i] .. start[i]+len[i]). */
typedef struct words {
    char buf[NG_KEY_MAX];
    size_t used;
    uint16_t start[NG_NAME_WORDS], len[NG_NAME_WORDS];
    size_t n;
    bool open; /* a word is being built */
} words;

static void words_putc(words *w, char c)
{
    if (!w->open) {
        if (w->n == NG_NAME_WORDS || w->used + 2 >= sizeof w->buf)
            return;
        w->start[w->n] = (uint16_t)w->used;
        w->len[w->n] = 0;
        w->n++;
        w->open = true;
    }
    if (w->used + 2 >= sizeof w->buf)
        return;
    w->buf[w->used++] = c;
    w->len[w->n - 1]++;
}

static void words_put_cp(words *w, int32_t cp)
{
    char enc[4];
    size_t k = ng_utf8_encode(cp, enc);
    if (w->used + k + 2 >= sizeof w->buf)
        return;
    for (size_t i = 0; i < k; i++)
        words_putc(w, enc[i]);
}

static bool is_word_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static bool is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

/* Fold one code point into w: letters and digits extend the current word,
 * apostrophes vanish ("O'Neil" -> "oneil"), everything else ends the word. */
static void fold_cp(words *w, int32_t cp)
{
    utf8proc_int32_t out[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, out, 8,
                                                 UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK,
                                                 &last);
    if (is_apostrophe(cp))
        return;
    if (n <= 0 || n > 8) {
        w->open = false;
        return;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        if (is_word_cp(out[i]))
            words_put_cp(w, out[i]);
        else
            w->open = false;
    }
}

/* Cut name into folded words; a trailing possessive ("Alibaba's") is dropped. */
static void words_split(words *w, const char *name)
{
    memset(w, 0, sizeof *w);
    size_t n = strlen(name);
    if (n >= 2 && name[n - 1] == 's' && name[n - 2] == '\'')
        n -= 2;
    else if (n >= 4 && name[n - 1] == 's' && memcmp(name + n - 4, "\xe2\x80\x99", 3) == 0)
        n -= 4;
    const char *p = name, *end = name + n;
    while (p < end)
        fold_cp(w, ng_utf8_next(&p, end));
}

static void words_remove(words *w, size_t i)
{
    for (size_t k = i + 1; k < w->n; k++) {
        w->start[k - 1] = w->start[k];
        w->len[k - 1] = w->len[k];
    }
    w->n--;
}

static bool in_list(const ng_resolver *r, int list, const words *w, size_t i)
{
    return r && ng_strtab_find(&r->lists[list], w->buf + w->start[i], w->len[i]) >= 0;
}

/* Runs of one-letter words are initials of one word: "U.S." -> "us".  The
 * letters of consecutive words are adjacent in buf (words_putc stores no
 * separators), so joining is widening the first word. */
static void join_initials(words *w)
{
    for (size_t i = 0; i + 1 < w->n; i++) {
        size_t j = i;
        while (j < w->n && w->len[j] == 1 && w->start[j] == w->start[i] + (j - i))
            j++;
        if (j - i < 2)
            continue;
        w->len[i] = (uint16_t)(j - i);
        for (size_t k = i + 1; k < j; k++)
            words_remove(w, i + 1);
    }
}

static bool is_year(const char *s, size_t n)
{
    return n == 4 && (memcmp(s, "19", 2) == 0 || memcmp(s, "20", 2) == 0) &&
           s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
}

/* "6th", "21st", "2nd", "3rd" */
static bool is_ordinal_number(const char *s, size_t n)
{
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == 0 || n - d != 2)
        return false;
    return memcmp(s + d, "st", 2) == 0 || memcmp(s + d, "nd", 2) == 0 || memcmp(s + d, "rd", 2) == 0 ||
           memcmp(s + d, "th", 2) == 0;
}

static void strip_person(const ng_resolver *r, words *w)
{
    while (w->n > 1 && in_list(r, L_HONORIFIC, w, 0))
        words_remove(w, 0);
    while (w->n > 1 && in_list(r, L_PERSON_SUFFIX, w, w->n - 1))
        words_remove(w, w->n - 1);
    for (size_t i = 0; i < w->n && w->n > 2;) /* middle initials: "Jack Y. Ma" */
        if (w->len[i] == 1)
            words_remove(w, i);
        else
            i++;
}

static void strip_org(const ng_resolver *r, words *w)
{
    while (w->n > 1 && in_list(r, L_ORG_SUFFIX, w, w->n - 1))
        words_remove(w, w->n - 1);
}

static void strip_event(const ng_resolver *r, words *w)
{
    for (size_t i = 0; i < w->n && w->n > 1;) {
        const char *s = w->buf + w->start[i];
        if (is_year(s, w->len[i]) || is_ordinal_number(s, w->len[i]) || in_list(r, L_EDITION, w, i))
            words_remove(w, i);
        else
            i++;
    }
}

static size_t words_join(const words *w, char out[NG_KEY_MAX])
{
    size_t n = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (n + w->len[i] + 2 > NG_KEY_MAX)
            break;
        if (i)
            out[n++] = ' ';
        memcpy(out + n, w->buf + w->start[i], w->len[i]);
        n += w->len[i];
    }
    out[n] = '\0';
    return n;
}

bool ng_resolve_key(const ng_resolver *r, int type, const char *name, char out[NG_KEY_MAX])
{
    words w;
    words_split(&w, name ? name : "");
    while (w.n > 1 && in_list(r, L_ARTICLE, &w, 0))
        words_remove(&w, 0);
    size_t nwords;
    if (type == NG_ENT_PERSON) {
        strip_person(r, &w);
        nwords = w.n;
    } else {
        join_initials(&w);
        if (type == NG_ENT_ORG)
            strip_org(r, &w);
        else if (type == NG_ENT_EVENT)
            strip_event(r, &w);
        nwords = w.n;
    }
    size_t n = words_join(&w, out);
    if (type == NG_ENT_PERSON)
        return nwords >= 2; /* a bare surname or given name names many people */
    return n >= 2;
}

int ng_resolve_class(int type)
{
    return type == NG_ENT_LOC ? NG_ENT_GPE : type;
}

int ng_resolve_prefer_type(int a, int b)
{
    return (a == NG_ENT_LOC && b == NG_ENT_GPE) ? b : a;
}

bool ng_resolve_same(const ng_resolver *r, int ta, const char *a, int tb, const char *b)
{
    if (ng_resolve_class(ta) != ng_resolve_class(tb))
        return false;
    char ka[NG_KEY_MAX], kb[NG_KEY_MAX];
    bool sa = ng_resolve_key(r, ta, a, ka), sb = ng_resolve_key(r, tb, b, kb);
    return sa && sb && strcmp(ka, kb) == 0;
}

int ng_resolve_edition_year(const char *name)
{
    for (const char *p = name ? name : ""; *p; p++) {
        bool boundary = p == name || !(p[-1] >= '0' && p[-1] <= '9');
        if (boundary && is_year(p, strnlen(p, 4)) && !(p[4] >= '0' && p[4] <= '9'))
            return atoi(p);
    }
    return 0;
}

/* ------------------------------------------------------------ lexicon */

static int section_id(const char *line)
{
    for (int i = 0; i < NLISTS; i++) {
        size_t n = strlen(list_names[i]);
        if (line[0] == '[' && strncmp(line + 1, list_names[i], n) == 0 && line[n + 1] == ']')
            return i;
    }
    return -1;
}

/* Add one lexicon entry, folded the way names are. */
static bool add_word(ng_resolver *r, int list, const char *line)
{
    words w;
    words_split(&w, line);
    for (size_t i = 0; i < w.n; i++)
        if (ng_strtab_intern(&r->lists[list], w.buf + w.start[i], w.len[i]) < 0)
            return false;
    return true;
}

static int load_lexicon(ng_resolver *r, FILE *f, const char *path, ng_error *err)
{
    char line[NG_LEXICON_LINE];
    int section = -1, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        const char *s = line, *e = line + strcspn(line, "#\r\n");
        ng_trim(&s, &e);
        if (s == e)
            continue;
        line[e - line] = '\0';
        if (*s == '[') {
            if ((section = section_id(s)) < 0)
                return ng_err(err, NG_EFORMAT, "%s:%d: unknown section %s", path, lineno, s);
            continue;
        }
        if (section < 0)
            return ng_err(err, NG_EFORMAT, "%s:%d: entry before any [section]", path, lineno);
        if (!add_word(r, section, s))
            return ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    }
    return ferror(f) ? ng_err(err, NG_EIO, "%s: read error", path) : NG_OK;
}

ng_resolver *ng_resolver_new(const char *lexicon_dir, ng_error *err)
{
    ng_resolver *r = ng_calloc(1, sizeof *r);
    if (!r) {
        ng_err(err, NG_ENOMEM, "resolver: out of memory");
        return NULL;
    }
    for (int i = 0; i < NLISTS; i++)
        ng_strtab_init(&r->lists[i]);
    char path[4096];
    snprintf(path, sizeof path, "%s/resolve.txt", lexicon_dir ? lexicon_dir : ng_data_dir("lexicons"));
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno != ENOENT) {
            ng_err(err, NG_EIO, "%s: %s", path, strerror(errno));
            ng_resolver_free(r);
            return NULL;
        }
        ng_log(NG_LOG_WARN, "%s not found: entity names are only case-folded", path);
        return r;
    }
    int rc = load_lexicon(r, f, path, err);
    fclose(f);
    if (rc != NG_OK) {
        ng_resolver_free(r);
        return NULL;
    }
    return r;
}

void ng_resolver_free(ng_resolver *r)
{
    if (!r)
        return;
    for (int i = 0; i < NLISTS; i++)
        ng_strtab_free(&r->lists[i]);
    ng_free(r, sizeof *r);
}
