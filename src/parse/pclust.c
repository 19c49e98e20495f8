/*
 * pclust.c - Brown clusters for the parser: reading a clusters file at
 * training time, storing it in the model, the word -> cluster table.
 * Invariant: a table entry is a 48-bit word hash (never 0) with the cluster
 * id in the top 16 bits; the table is at most half full, so probes end.
 */
#include "parse/pclust.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define SEED_EXACT 0xc1a5
#define SEED_LOWER 0xc1a6
#define HASH48 ((UINT64_C(1) << 48) - 1)

void pclust_free(pclust *c)
{
    ng_free(c->atoms, (size_t)c->nclusters * sizeof *c->atoms);
    ng_free(c->slots, (size_t)c->nslots * 8);
    ng_free(c->paths, c->paths_len + 1);
    ng_free(c->words, c->cap_words * 8);
    memset(c, 0, sizeof *c);
}

static uint64_t word_hash(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = ng_hash(s, n, seed) & HASH48;
    return h ? h : 1;
}

/* ASCII lower case of s[0..n) into out (n bytes). */
static void lower(const char *s, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
}

/* The entry of hash h in the table, or 0. */
static uint64_t lookup(const pclust *c, uint64_t h)
{
    uint32_t mask = c->nslots - 1;
    for (uint32_t i = (uint32_t)(h * UINT64_C(0x9e3779b97f4a7c15) >> 32) & mask; c->slots[i];
         i = (i + 1) & mask)
        if ((c->slots[i] & HASH48) == h)
            return c->slots[i];
    return 0;
}

uint32_t pclust_find(const pclust *c, const char *s, size_t n)
{
    if (!c->nslots || n == 0 || n > 256)
        return 0;
    uint64_t e = lookup(c, word_hash(s, n, SEED_EXACT));
    if (!e) {
        char buf[256];
        lower(s, n, buf);
        e = lookup(c, word_hash(buf, n, SEED_LOWER));
    }
    return (uint32_t)(e >> 48);
}

/* Atoms of every cluster from the bit strings (cluster 0: fixed values). */
static int make_atoms(pclust *c)
{
    c->atoms = ng_calloc(c->nclusters, sizeof *c->atoms);
    if (!c->atoms)
        return NG_ENOMEM;
    c->atoms[0] = (pclust_atoms){0xc0, 0xc1, 0xc2};
    const char *p = c->paths;
    for (uint32_t id = 1; id < c->nclusters; id++) {
        const char *nl = strchr(p, '\n');
        size_t n = (size_t)(nl - p);
        c->atoms[id].c4 = ng_hash(p, NG_MIN(n, (size_t)4), 0x4c4);
        c->atoms[id].c6 = ng_hash(p, NG_MIN(n, (size_t)6), 0x4c6);
        c->atoms[id].cf = ng_hash(p, n, 0x4cf);
        p = nl + 1;
    }
    return NG_OK;
}

/* The lookup table from the sorted entries c->words. */
static int make_table(pclust *c)
{
    c->nslots = 16;
    while (c->nslots < 2 * c->nwords + 2)
        c->nslots *= 2;
    c->slots = ng_calloc(c->nslots, 8);
    if (!c->slots)
        return NG_ENOMEM;
    uint32_t mask = c->nslots - 1;
    for (size_t k = 0; k < c->nwords; k++) {
        uint64_t h = c->words[k] & HASH48;
        uint32_t i = (uint32_t)(h * UINT64_C(0x9e3779b97f4a7c15) >> 32) & mask;
        while (c->slots[i] && (c->slots[i] & HASH48) != h)
            i = (i + 1) & mask;
        c->slots[i] = c->words[k]; /* a duplicate hash keeps the later entry */
    }
    return NG_OK;
}

int pclust_none(pclust *c)
{
    memset(c, 0, sizeof *c);
    c->nclusters = 1;
    c->paths = ng_calloc(1, 1);
    if (!c->paths || make_atoms(c) != NG_OK || make_table(c) != NG_OK) {
        pclust_free(c);
        return NG_ENOMEM;
    }
    return NG_OK;
}

/* ------------------------------------------------------ reading the file */

/* A word of the file while reading: its hashes, cluster and count. */
typedef struct rword {
    uint64_t exact, low;
    uint32_t id, count;
} rword;

typedef struct reader {
    rword *w;
    size_t nw, cap_w;
    ng_buf paths;
    char last[PCLUST_MAX_PATH + 1];
    uint32_t nclusters;
} reader;

/* One "bits TAB word TAB count" line; false when malformed. */
static bool read_line(reader *r, char *line, int *rc)
{
    char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t1 || !t2 || t1 == line || t1 - line > PCLUST_MAX_PATH || t2 == t1 + 1 || t2 - t1 - 1 > 256)
        return false;
    size_t plen = (size_t)(t1 - line), wlen = (size_t)(t2 - t1 - 1);
    if (strspn(line, "01") != plen)
        return false;
    if (strlen(r->last) != plen || memcmp(r->last, line, plen) != 0) {
        if (r->nclusters >= PCLUST_MAX) {
            *rc = NG_ETOOBIG;
            return false;
        }
        memcpy(r->last, line, plen);
        r->last[plen] = '\0';
        ng_buf_printf(&r->paths, "%s\n", r->last);
        r->nclusters++;
    }
    if (r->nw >= PCLUST_MAX_WORDS || !NG_GROW(r->w, r->cap_w, r->nw + 1)) {
        *rc = r->nw >= PCLUST_MAX_WORDS ? NG_ETOOBIG : NG_ENOMEM;
        return false;
    }
    char low[256];
    lower(t1 + 1, wlen, low);
    long count = strtol(t2 + 1, NULL, 10);
    r->w[r->nw++] = (rword){word_hash(t1 + 1, wlen, SEED_EXACT), word_hash(low, wlen, SEED_LOWER),
                            r->nclusters - 1, count > 0 ? (uint32_t)NG_MIN(count, 1L << 30) : 0};
    return true;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a & HASH48, y = *(const uint64_t *)b & HASH48;
    return x < y ? -1 : x > y;
}

/* Lower-cased forms first by hash, then by decreasing count: the first of
 * each hash is the most frequent variant. */
static int cmp_low(const void *a, const void *b)
{
    const rword *x = a, *y = b;
    if (x->low != y->low)
        return x->low < y->low ? -1 : 1;
    return x->count > y->count ? -1 : x->count < y->count;
}

/* The entries: every word's exact hash, and each lower-cased form once. */
static int collect(pclust *c, reader *r)
{
    c->cap_words = 2 * r->nw + 1;
    c->words = ng_malloc(c->cap_words * 8);
    if (!c->words)
        return NG_ENOMEM;
    for (size_t i = 0; i < r->nw; i++)
        c->words[c->nwords++] = r->w[i].exact | (uint64_t)(r->w[i].id + 1) << 48;
    qsort(r->w, r->nw, sizeof *r->w, cmp_low);
    for (size_t i = 0; i < r->nw; i++)
        if (i == 0 || r->w[i].low != r->w[i - 1].low)
            c->words[c->nwords++] = r->w[i].low | (uint64_t)(r->w[i].id + 1) << 48;
    qsort(c->words, c->nwords, 8, cmp_u64);
    return NG_OK;
}

/* Read the lines of fp into r. */
static int read_lines(FILE *fp, const char *path, reader *r, ng_error *err)
{
    char line[1024];
    size_t lineno = 0;
    int rc = NG_OK;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        else if (!feof(fp))
            return ng_err(err, NG_EFORMAT, "%s:%zu: line too long", path, lineno);
        if (n == 0 || line[0] == '#')
            continue;
        if (!read_line(r, line, &rc))
            return rc != NG_OK ? ng_err(err, rc, "%s:%zu: too many clusters or words, or out of memory", path, lineno)
                               : ng_err(err, NG_EFORMAT, "%s:%zu: expected 'bits TAB word TAB count'", path, lineno);
    }
    return ferror(fp) ? ng_err(err, NG_EIO, "%s: read error", path) : NG_OK;
}

int pclust_read(pclust *c, const char *path, ng_error *err)
{
    memset(c, 0, sizeof *c);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ng_err(err, errno == ENOENT ? NG_ENOTFOUND : NG_EIO, "%s: cannot open: %s", path, strerror(errno));
    reader r = {0};
    ng_buf_init(&r.paths);
    int rc = read_lines(fp, path, &r, err);
    fclose(fp);
    if (rc == NG_OK && (r.paths.oom || r.nclusters == 0))
        rc = ng_err(err, r.paths.oom ? NG_ENOMEM : NG_EFORMAT, "%s: %s", path,
                    r.paths.oom ? "out of memory" : "no clusters");
    if (rc == NG_OK) {
        c->nclusters = r.nclusters + 1;
        c->paths_len = r.paths.len;
        c->paths = ng_malloc(r.paths.len + 1);
        if (c->paths)
            memcpy(c->paths, r.paths.data, r.paths.len + 1);
        if (!c->paths || collect(c, &r) != NG_OK || make_atoms(c) != NG_OK || make_table(c) != NG_OK)
            rc = ng_err(err, NG_ENOMEM, "%s: out of memory", path);
    }
    ng_free(r.w, r.cap_w * sizeof *r.w);
    ng_buf_free(&r.paths);
    if (rc != NG_OK)
        pclust_free(c);
    return rc;
}

/* ------------------------------------------------------ the model file */

int pclust_write(ng_mwriter *w, const pclust *c)
{
    if (c->nclusters <= 1)
        return NG_OK;
    int rc = ng_mwriter_add(w, "clusters", c->paths, c->paths_len);
    return rc == NG_OK ? ng_mwriter_add_u64s(w, "cluster.words", c->words, c->nwords) : rc;
}

/* Check the bit strings (nclusters - 1 lines of 0/1) and copy them. */
static int load_paths(pclust *c, const char *s, size_t len, const char *name, ng_error *err)
{
    uint32_t lines = 0;
    for (size_t i = 0, start = 0; i < len; i++) {
        if (s[i] == '\n') {
            if (i == start || i - start > PCLUST_MAX_PATH)
                return ng_err(err, NG_EMODEL, "%s: bad cluster bit string", name);
            start = i + 1, lines++;
        } else if (s[i] != '0' && s[i] != '1') {
            return ng_err(err, NG_EMODEL, "%s: bad cluster bit string", name);
        }
    }
    if (len == 0 || s[len - 1] != '\n' || lines >= PCLUST_MAX)
        return ng_err(err, NG_EMODEL, "%s: bad cluster section", name);
    c->nclusters = lines + 1;
    c->paths_len = len;
    c->paths = ng_malloc(len + 1);
    if (!c->paths)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    memcpy(c->paths, s, len);
    c->paths[len] = '\0';
    return NG_OK;
}

int pclust_load(pclust *c, ng_mfile *f, ng_error *err)
{
    const char *name = ng_mfile_name(f);
    size_t len, n;
    const char *s = ng_mfile_section(f, "clusters", &len);
    if (!s)
        return pclust_none(c) == NG_OK ? NG_OK : ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    memset(c, 0, sizeof *c);
    const uint64_t *words;
    int rc = load_paths(c, s, len, name, err);
    if (rc == NG_OK)
        rc = ng_mfile_u64s(f, "cluster.words", &words, &n, err);
    for (size_t i = 0; rc == NG_OK && i < n; i++)
        if ((words[i] & HASH48) == 0 || words[i] >> 48 == 0 || words[i] >> 48 >= c->nclusters)
            rc = ng_err(err, NG_EMODEL, "%s: bad cluster word entry %zu", name, i);
    if (rc == NG_OK && n > PCLUST_MAX_WORDS * 2)
        rc = ng_err(err, NG_EMODEL, "%s: too many cluster words", name);
    if (rc == NG_OK) {
        c->cap_words = n + 1;
        c->words = ng_malloc(c->cap_words * 8);
        if (!c->words)
            rc = ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    if (rc == NG_OK) {
        memcpy(c->words, words, n * 8);
        c->nwords = n;
        if (make_atoms(c) != NG_OK || make_table(c) != NG_OK)
            rc = ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    }
    if (rc != NG_OK)
        pclust_free(c);
    return rc;
}
