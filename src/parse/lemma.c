/*
 * lemma.c - the lemmatizer: exception lists first (form and XPOS -> lemma),
 * then suffix rules by XPOS (plurals, verb forms, comparatives) that use a
 * list of known lemmas to choose between candidates (hoped -> hope, not
 * hop; stopped -> stop).  Lists live in lexicons/lemma_*.txt.
 * Invariant: a loaded lemmatizer is read-only; output is NUL-terminated.
 */
#include "parse/lemma.h"
#include "parse/pint.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

struct ng_lemmatizer {
    ng_strtab keys;     /* "form\tXPOS" -> index into lemmas */
    const char **lemmas;/* [keys.n] */
    size_t cap;
    ng_strtab known;    /* "V:lemma", "N:lemma", "A:lemma" */
};

/* The word class of an XPOS for the known-lemma list: 'V', 'N', 'A' or 0. */
static char word_class(int xpos)
{
    const char *x = ng_xpos_name(xpos);
    if (x[0] == 'V' && x[1] == 'B')
        return 'V';
    if (x[0] == 'N' && x[1] == 'N')
        return 'N';
    if ((x[0] == 'J' && x[1] == 'J') || (x[0] == 'R' && x[1] == 'B'))
        return 'A';
    return 0;
}

static bool is_known(const ng_lemmatizer *lz, char cls, const char *s, size_t n)
{
    char buf[LEMMA_MAX_BYTES + 3];
    if (!lz || !cls || n + 2 >= sizeof buf)
        return false;
    buf[0] = cls, buf[1] = ':';
    memcpy(buf + 2, s, n);
    return ng_strtab_find(&lz->known, buf, n + 2) >= 0;
}

static bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static bool ends(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Copy s[0..n) + add into out; returns the length. */
static size_t put(char *out, size_t cap, const char *s, size_t n, const char *add)
{
    size_t k = strlen(add);
    if (cap == 0)
        return 0;
    n = NG_MIN(n, cap - 1);
    k = NG_MIN(k, cap - 1 - n);
    memmove(out, s, n);
    memcpy(out + n, add, k);
    out[n + k] = '\0';
    return n + k;
}

/* Whether s is a known lemma of class cls, or of any class when cls is 0. */
static bool known_any(const ng_lemmatizer *lz, char cls, const char *s, size_t n)
{
    return is_known(lz, cls, s, n) || is_known(lz, 'V', s, n) || is_known(lz, 'N', s, n) || is_known(lz, 'A', s, n);
}

/* Whether a stem that no list knows most likely lost a silent e: endings
 * English words rarely have (-v, -c, -iz, consonant + l, -ps, ...), or a
 * single a/o/u before a final consonant that was not doubled (demot-ed,
 * upgrad-ed; a short vowel would have doubled it: stopp-ed). */
static bool wants_e(const char *s, size_t n)
{
    static const char *const endings[] = {"at", "bl", "iz", "v", "c", "g", "ur", "us", "dg", "yz", "uir", "ps",
                                          "is", "ir", "id"};
    if (ends(s, n, "ng") || ends(s, n, "rg") || ends(s, n, "ll"))
        return false;
    for (size_t i = 0; i < NG_ARRAY_LEN(endings); i++)
        if (ends(s, n, endings[i]) && n > strlen(endings[i]))
            return true;
    if (n >= 3 && s[n - 1] == 'l' && !vowel(s[n - 2]) && s[n - 2] != 'r' && s[n - 2] != 'w')
        return true; /* settl-ed, waffl-ing */
    return n >= 3 && !vowel(s[n - 1]) && !strchr("wxyr", s[n - 1]) && strchr("aou", s[n - 2]) &&
           !vowel(s[n - 3]);
}

/* Undo -ed / -ing / -er / -est whose stem is s[0..n): restore a silent e or
 * undouble a final consonant by the known lists, then by shape. */
static size_t restore_stem(const ng_lemmatizer *lz, char cls, const char *s, size_t n, char *out, size_t cap)
{
    char e[LEMMA_MAX_BYTES + 2];
    bool e_known = false;
    if (n >= 1 && n + 1 < sizeof e) {
        memcpy(e, s, n);
        e[n] = 'e';
        e_known = known_any(lz, cls, e, n + 1);
        if (is_known(lz, cls, e, n + 1) && !is_known(lz, cls, s, n))
            return put(out, cap, s, n, "e");
    }
    if (is_known(lz, cls, s, n))
        return put(out, cap, s, n, "");
    if (n >= 3 && s[n - 1] == s[n - 2] && !vowel(s[n - 1]) && !strchr("lsfz", s[n - 1]))
        return put(out, cap, s, n - 1, "");
    if (n >= 3 && s[n - 1] == s[n - 2] && known_any(lz, cls, s, n - 1))
        return put(out, cap, s, n - 1, "");
    if (e_known && !known_any(lz, cls, s, n))
        return put(out, cap, s, n, "e");
    if (known_any(lz, cls, s, n))
        return put(out, cap, s, n, "");
    return put(out, cap, s, n, wants_e(s, n) ? "e" : "");
}

/* -s plurals and third persons. */
static size_t undo_s(const ng_lemmatizer *lz, char cls, const char *s, size_t n, char *out, size_t cap)
{
    if (n > 4 && ends(s, n, "ies"))
        return put(out, cap, s, n - 3, "y");
    if (n > 4 && (ends(s, n, "ches") || ends(s, n, "shes") || ends(s, n, "sses") || ends(s, n, "xes") ||
                  ends(s, n, "zzes")))
        return put(out, cap, s, n - 2, "");
    if (n > 3 && ends(s, n, "oes") && !is_known(lz, cls, s, n - 1))
        return put(out, cap, s, n - 2, "");
    if (n > 2 && s[n - 1] == 's' && !ends(s, n, "ss") && !ends(s, n, "us") && !ends(s, n, "is"))
        return put(out, cap, s, n - 1, "");
    return put(out, cap, s, n, "");
}

/* The rules for one lowercased form s[0..n) with its XPOS. */
static size_t rules(const ng_lemmatizer *lz, const char *s, size_t n, int xpos, char *out, size_t cap)
{
    const char *x = ng_xpos_name(xpos);
    char cls = word_class(xpos);
    if (strcmp(x, "NNS") == 0 || strcmp(x, "NNPS") == 0 || strcmp(x, "VBZ") == 0)
        return undo_s(lz, cls, s, n, out, cap);
    if ((strcmp(x, "VBD") == 0 || strcmp(x, "VBN") == 0) && n > 3 && ends(s, n, "ed")) {
        if (ends(s, n, "ied") && n > 4)
            return put(out, cap, s, n - 3, "y");
        if (ends(s, n, "eed") && is_known(lz, cls, s, n - 1))
            return put(out, cap, s, n - 1, "");
        return restore_stem(lz, cls, s, n - 2, out, cap);
    }
    if (strcmp(x, "VBG") == 0 && n > 4 && ends(s, n, "ing")) {
        if (ends(s, n, "ying") && n > 5 && !vowel(s[n - 5]) && is_known(lz, cls, s, n - 4))
            return put(out, cap, s, n - 4, "ie"); /* dying -> die */
        return restore_stem(lz, cls, s, n - 3, out, cap);
    }
    if ((strcmp(x, "JJR") == 0 || strcmp(x, "RBR") == 0) && n > 4 && ends(s, n, "er")) {
        if (ends(s, n, "ier"))
            return put(out, cap, s, n - 3, "y");
        return restore_stem(lz, cls, s, n - 2, out, cap);
    }
    if ((strcmp(x, "JJS") == 0 || strcmp(x, "RBS") == 0) && n > 5 && ends(s, n, "est")) {
        if (ends(s, n, "iest"))
            return put(out, cap, s, n - 4, "y");
        return restore_stem(lz, cls, s, n - 3, out, cap);
    }
    return put(out, cap, s, n, "");
}

/* Key "form\tXPOS" into buf; returns its length, 0 when too long. */
static size_t make_key(char *buf, size_t cap, const char *s, size_t n, int xpos)
{
    const char *x = xpos > 0 ? ng_xpos_name(xpos) : "*";
    int k = snprintf(buf, cap, "%.*s\t%s", (int)n, s, x);
    return k > 0 && (size_t)k < cap ? (size_t)k : 0;
}

size_t ng_lemmatize_rules(const ng_lemmatizer *lz, const char *s, size_t n, int upos, int xpos, char *out,
                          size_t cap)
{
    char low[LEMMA_MAX_BYTES + 1];
    if (n > LEMMA_MAX_BYTES || n == 0)
        return put(out, cap, s, NG_MIN(n, (size_t)LEMMA_MAX_BYTES), "");
    bool proper = upos == NG_UPOS_PROPN || ng_xpos_id("NNP") == xpos || ng_xpos_id("NNPS") == xpos;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        low[i] = (char)(!proper && c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return rules(lz, low, n, xpos, out, cap);
}

size_t ng_lemmatize(const ng_lemmatizer *lz, const char *s, size_t n, int upos, int xpos, char *out, size_t cap)
{
    char key[LEMMA_MAX_BYTES + 16], low[LEMMA_MAX_BYTES + 1];
    if (lz && n > 0 && n <= LEMMA_MAX_BYTES) {
        for (size_t i = 0; i < n; i++)
            low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
        size_t k = make_key(key, sizeof key, low, n, xpos);
        int64_t id = k ? ng_strtab_find(&lz->keys, key, k) : -1;
        if (id < 0 && (k = make_key(key, sizeof key, low, n, 0)) > 0)
            id = ng_strtab_find(&lz->keys, key, k);
        if (id >= 0)
            return put(out, cap, lz->lemmas[id], strlen(lz->lemmas[id]), "");
    }
    return ng_lemmatize_rules(lz, s, n, upos, xpos, out, cap);
}

int ng_lemmatize_doc(const ng_lemmatizer *lz, ng_doc *doc, ng_error *err)
{
    char out[LEMMA_MAX_BYTES + 1];
    for (size_t i = 0; i < doc->ntokens; i++) {
        ng_token *t = &doc->tokens[i];
        size_t n = ng_lemmatize(lz, doc->text + t->start, t->end - t->start, t->upos, t->xpos, out, sizeof out);
        t->lemma = ng_arena_strndup(&doc->arena, out, n);
        if (!t->lemma)
            return ng_err(err, NG_ENOMEM, "lemmas: out of memory");
    }
    return NG_OK;
}

/* ------------------------------------------------------------- loading */

void ng_lemmatizer_free(ng_lemmatizer *lz)
{
    if (!lz)
        return;
    ng_strtab_free(&lz->keys);
    ng_strtab_free(&lz->known);
    ng_free(lz->lemmas, lz->cap * sizeof *lz->lemmas);
    ng_free(lz, sizeof *lz);
}

/* Add "form TAG lemma" (TAG an XPOS or *); a later entry for the same key
 * replaces an earlier one. */
static int add_exception(ng_lemmatizer *lz, const char *form, const char *tag, const char *lemma)
{
    char key[LEMMA_MAX_BYTES * 2];
    int k = snprintf(key, sizeof key, "%s\t%s", form, tag);
    if (k <= 0 || (size_t)k >= sizeof key || strlen(lemma) > LEMMA_MAX_BYTES)
        return NG_ETOOBIG;
    int64_t id = ng_strtab_intern(&lz->keys, key, (size_t)k);
    if (id < 0 || !NG_GROW(lz->lemmas, lz->cap, (size_t)id + 1))
        return NG_ENOMEM;
    int64_t lid = ng_strtab_intern(&lz->known, lemma, strlen(lemma)); /* keeps a copy of the string */
    if (lid < 0)
        return NG_ENOMEM;
    lz->lemmas[id] = lz->known.strs[lid];
    return NG_OK;
}

/* One line of a list; NG_OK, NG_EFORMAT or NG_ENOMEM. */
static int load_line(ng_lemmatizer *lz, bool words, char *line)
{
    char *f[3];
    int n = 0;
    for (char *tok = strtok(line, " \t"); tok && n < 3; tok = strtok(NULL, " \t"))
        f[n++] = tok;
    if (n == 0)
        return NG_OK;
    if (words) {
        if (n != 2 || strlen(f[0]) != 1 || !strchr("VNA", f[0][0]) || strlen(f[1]) > LEMMA_MAX_BYTES)
            return NG_EFORMAT;
        char buf[LEMMA_MAX_BYTES + 3];
        int k = snprintf(buf, sizeof buf, "%c:%s", f[0][0], f[1]);
        return ng_strtab_intern(&lz->known, buf, (size_t)k) < 0 ? NG_ENOMEM : NG_OK;
    }
    if (n != 3 || (strcmp(f[1], "*") != 0 && ng_xpos_id(f[1]) == 0))
        return NG_EFORMAT;
    return add_exception(lz, f[0], f[1], f[2]);
}

/* Load one list file; NG_ENOTFOUND when absent. */
static int load_list(ng_lemmatizer *lz, const char *dir, const char *file, bool words, ng_error *err)
{
    char path[PATH_MAX], line[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ng_err(err, errno == ENOENT ? NG_ENOTFOUND : NG_EIO, "%s: cannot open: %s", path, strerror(errno));
    int rc = NG_OK;
    for (size_t lineno = 1; rc == NG_OK && fgets(line, sizeof line, fp); lineno++) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] != '#') /* comments are whole lines: forms may hold '#' */
            rc = load_line(lz, words, line);
        if (rc != NG_OK)
            ng_err(err, rc, "%s:%zu: %s", path, lineno, rc == NG_ENOMEM ? "out of memory" : "bad line");
    }
    fclose(fp);
    return rc;
}

int ng_lemmatizer_load(const char *dir, ng_lemmatizer **out, ng_error *err)
{
    ng_lemmatizer *lz = ng_calloc(1, sizeof *lz);
    if (!lz)
        return ng_err(err, NG_ENOMEM, "lemmas: out of memory");
    ng_strtab_init(&lz->keys);
    ng_strtab_init(&lz->known);
    /* Derived lists first, so the hand-written irregular forms win. */
    int rc = load_list(lz, dir, LEMMA_WORDS_FILE, true, err);
    if (rc == NG_OK)
        rc = load_list(lz, dir, LEMMA_EXCEPTIONS_FILE, false, err);
    if (rc == NG_OK)
        rc = load_list(lz, dir, LEMMA_IRREGULAR_FILE, false, err);
    if (rc != NG_OK) {
        ng_lemmatizer_free(lz);
        return rc;
    }
    *out = lz;
    return NG_OK;
}

/* ------------------------------------------------- lists from a treebank */

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Write lines[n] sorted to dir/file after a header; tabs become spaces. */
static int write_sorted(const char **lines, size_t n, const char *dir, const char *file, const char *header,
                        ng_error *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    qsort(lines, n, sizeof *lines, cmp_str);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return ng_err(err, NG_EIO, "%s: cannot create: %s", path, strerror(errno));
    fputs(header, fp);
    for (size_t i = 0; i < n; i++) {
        for (const char *p = lines[i]; *p; p++) /* "V:lemma" and tabs become spaces */
            fputc(*p == '\t' || (p == lines[i] + 1 && *p == ':') ? ' ' : *p, fp);
        fputc('\n', fp);
    }
    return fclose(fp) == 0 ? NG_OK : ng_err(err, NG_EIO, "%s: write error", path);
}

/* The class letter of a gold UPOS for the known list, or 0. */
static char upos_class(int u)
{
    return u == NG_UPOS_VERB || u == NG_UPOS_AUX ? 'V' : u == NG_UPOS_NOUN ? 'N'
         : u == NG_UPOS_ADJ || u == NG_UPOS_ADV ? 'A' : 0;
}

/* Known lemmas of c into lz->known ("V:lemma"). */
static int derive_known(ng_lemmatizer *lz, const ng_corpus *c)
{
    for (size_t i = 0; i < c->nwords; i++) {
        const ng_cword *w = &c->words[i];
        char cls = upos_class(dep_strv_upos(w->upos)), buf[LEMMA_MAX_BYTES + 3];
        if (!cls || w->lemma.n == 0 || w->lemma.n > LEMMA_MAX_BYTES || memchr(w->lemma.s, ' ', w->lemma.n))
            continue;
        int k = snprintf(buf, sizeof buf, "%c:%.*s", cls, (int)w->lemma.n, w->lemma.s);
        for (int j = 2; j < k; j++)
            buf[j] = (char)(buf[j] >= 'A' && buf[j] <= 'Z' ? buf[j] + 32 : buf[j]);
        if (ng_strtab_intern(&lz->known, buf, (size_t)k) < 0)
            return NG_ENOMEM;
    }
    return NG_OK;
}

/* Tally "form\tXPOS\tlemma" (form lowercased) of every word with a lemma. */
static int tally_forms(const ng_corpus *c, ng_strtab *t, uint32_t **count, size_t *cap)
{
    for (size_t i = 0; i < c->nwords; i++) {
        const ng_cword *w = &c->words[i];
        char buf[3 * LEMMA_MAX_BYTES];
        if (w->lemma.n == 0 || w->form.n == 0 || w->form.s[0] == '#' || w->form.n > LEMMA_MAX_BYTES ||
            w->lemma.n > LEMMA_MAX_BYTES || w->xpos.n == 0 ||
            memchr(w->form.s, ' ', w->form.n) || memchr(w->lemma.s, ' ', w->lemma.n) ||
            dep_strv_xpos(w->xpos) == 0)
            continue;
        int k = snprintf(buf, sizeof buf, "%.*s\t%.*s\t%.*s", (int)w->form.n, w->form.s, (int)w->xpos.n,
                         w->xpos.s, (int)w->lemma.n, w->lemma.s);
        for (size_t j = 0; j < w->form.n; j++)
            buf[j] = (char)(buf[j] >= 'A' && buf[j] <= 'Z' ? buf[j] + 32 : buf[j]);
        int64_t id = ng_strtab_intern(t, buf, (size_t)k);
        if (id < 0 || !NG_GROW(*count, *cap, (size_t)id + 1))
            return NG_ENOMEM;
        if ((uint32_t)id + 1 == t->n)
            (*count)[id] = 0;
        (*count)[id]++;
    }
    return NG_OK;
}

/* Whether the rules miss lemma entry s ("form\tXPOS\tlemma"); proper
 * nouns compare without case. */
static bool rules_miss(const ng_lemmatizer *lz, const char *s)
{
    const char *tab1 = strchr(s, '\t'), *tab2 = strchr(tab1 + 1, '\t');
    char xp[16], out[LEMMA_MAX_BYTES + 1];
    snprintf(xp, sizeof xp, "%.*s", (int)(tab2 - tab1 - 1), tab1 + 1);
    bool proper = strcmp(xp, "NNP") == 0 || strcmp(xp, "NNPS") == 0;
    ng_lemmatize_rules(lz, s, (size_t)(tab1 - s), proper ? NG_UPOS_PROPN : 0, ng_xpos_id(xp), out, sizeof out);
    return proper ? !ng_strieq(out, tab2 + 1) : strcmp(out, tab2 + 1) != 0;
}

/* Length of the "form\tXPOS\t" prefix of s. */
static size_t key_len(const char *s)
{
    const char *tab1 = strchr(s, '\t');
    return (size_t)(strchr(tab1 + 1, '\t') - s) + 1;
}

/* For each (form, XPOS) group of the sorted entries v[n], keep the most
 * frequent lemma when the rules miss it; writes the kept ones to out. */
static size_t pick_exceptions(const ng_lemmatizer *lz, const ng_strtab *t, const uint32_t *count,
                              const char **v, size_t n, const char **out)
{
    size_t nout = 0;
    for (size_t a = 0; a < n;) {
        size_t k = key_len(v[a]), b = a + 1, best = a;
        while (b < n && strncmp(v[b], v[a], k) == 0)
            b++;
        for (size_t i = a; i < b; i++)
            if (count[ng_strtab_find(t, v[i], strlen(v[i]))] > count[ng_strtab_find(t, v[best], strlen(v[best]))])
                best = i;
        if (rules_miss(lz, v[best]))
            out[nout++] = v[best];
        a = b;
    }
    return nout;
}

/* The known-lemma lines ("V lemma") of lz->known. */
static size_t known_lines(const ng_lemmatizer *lz, const char **out)
{
    size_t n = 0;
    for (uint32_t i = 0; i < lz->known.n; i++)
        if (lz->known.lens[i] > 2 && lz->known.strs[i][1] == ':')
            out[n++] = lz->known.strs[i];
    return n;
}

static const char words_header[] =
    "# lemma_words.txt - known lemmas by word class (V verb, N noun, A adjective\n"
    "# or adverb), derived by `newsgraph train lemma` from UD English EWT train\n"
    "# (CC BY-SA 4.0).  The rules use it to choose between candidate lemmas.\n";
static const char exc_header[] =
    "# lemma_exceptions.txt - form, XPOS, lemma: words whose usual lemma in UD\n"
    "# English EWT train (CC BY-SA 4.0) the suffix rules miss; derived by\n"
    "# `newsgraph train lemma`.  lemma_irregular.txt (hand-written) wins.\n";

int ng_lemma_derive(const ng_corpus *c, const char *dir, ng_error *err)
{
    ng_lemmatizer lz = {0};
    ng_strtab t;
    uint32_t *count = NULL;
    size_t cap = 0;
    ng_strtab_init(&lz.known);
    ng_strtab_init(&lz.keys);
    ng_strtab_init(&t);
    int rc = derive_known(&lz, c);
    if (rc == NG_OK)
        rc = tally_forms(c, &t, &count, &cap);
    size_t nv = NG_MAX(t.n, lz.known.n) + 1;
    const char **v = ng_malloc(nv * sizeof *v), **ex = ng_malloc(nv * sizeof *ex);
    if (rc != NG_OK || !v || !ex) {
        rc = ng_err(err, NG_ENOMEM, "lemmas: out of memory");
    } else {
        rc = write_sorted(v, known_lines(&lz, v), dir, LEMMA_WORDS_FILE, words_header, err);
        for (uint32_t i = 0; i < t.n; i++)
            v[i] = t.strs[i];
        qsort(v, t.n, sizeof *v, cmp_str);
        size_t ne = pick_exceptions(&lz, &t, count, v, t.n, ex);
        if (rc == NG_OK)
            rc = write_sorted(ex, ne, dir, LEMMA_EXCEPTIONS_FILE, exc_header, err);
    }
    ng_free(v, nv * sizeof *v);
    ng_free(ex, nv * sizeof *ex);
    ng_free(count, cap * sizeof *count);
    ng_strtab_free(&t);
    ng_strtab_free(&lz.known);
    ng_strtab_free(&lz.keys);
    return rc;
}

void ng_lemma_count(const ng_lemmatizer *lz, const ng_corpus *c, size_t first, size_t n, const uint8_t *upos,
                    const uint16_t *xpos, size_t *ok)
{
    char out[LEMMA_MAX_BYTES + 1];
    for (size_t i = first; i < first + n; i++) {
        const ng_cword *w = &c->words[i];
        size_t k = ng_lemmatize(lz, w->form.s, w->form.n, upos[i], xpos[i], out, sizeof out);
        *ok += k == w->lemma.n && memcmp(out, w->lemma.s, k) == 0;
    }
}

int ng_lemma_train_file(const char *train_path, const char *out_dir, ng_error *err)
{
    ng_corpus c;
    int rc = ng_corpus_read(train_path, &c, err);
    if (rc != NG_OK)
        return rc;
    rc = ng_lemma_derive(&c, out_dir, err);
    ng_corpus_free(&c);
    return rc;
}
