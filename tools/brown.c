/*
 * brown.c - Brown word clusters (Brown et al. 1992) with Liang's (2005)
 * windowed algorithm: a build-time tool, not part of the library.
 * Invariant: at most C+1 clusters are active; D[s][t] (s < t) always holds
 * the change of the corpus' cluster-bigram mutual information (times the
 * bigram count) that merging s and t would cause.
 *
 *   brown [-c CLUSTERS] [-m MIN_COUNT] [-q] CORPUS > paths.txt
 *
 * CORPUS: one sentence a line, tokens separated by spaces.  Words seen fewer
 * than MIN_COUNT times are dropped (no bigram spans them).  Output, one word a
 * line, like Liang's wcluster "paths": bitstring TAB word TAB count, in tree
 * order.  Phase 1 adds words by decreasing frequency into a window of C
 * clusters, merging the best pair after each; phase 2 merges the C clusters
 * into one tree, whose left/right branches give the bit strings.
 *
 * Merge cost uses N*MI = sum f(n_xy) - sum f(L_x) - sum f(R_y) + f(N) with
 * f(n) = n log n; merging s and t changes only terms that involve s or t,
 * and a term f(x+y)-f(x)-f(y) vanishes unless x and y are both non-zero.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LINE (1 << 20)     /* longest corpus line read */
#define MAX_CLUSTERS 4096

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p) {
        fprintf(stderr, "brown: out of memory\n");
        exit(1);
    }
    return p;
}

/* ------------------------------------------------------------ vocabulary */

typedef struct word {
    char *s;
    int64_t count;
} word;

static word *words;            /* [nwords] */
static size_t nwords, cap_words;
static int32_t *wslots;        /* open addressing: word id + 1 */
static size_t nwslots;

static uint64_t hash_str(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static void rehash_words(void)
{
    free(wslots);
    nwslots = nwslots ? nwslots * 2 : 1 << 16;
    wslots = xmalloc(nwslots * sizeof *wslots);
    for (size_t i = 0; i < nwords; i++) {
        size_t j = hash_str(words[i].s, strlen(words[i].s)) & (nwslots - 1);
        while (wslots[j])
            j = (j + 1) & (nwslots - 1);
        wslots[j] = (int32_t)i + 1;
    }
}

/* Id of the word s[0..n), added when new. */
static int32_t intern(const char *s, size_t n)
{
    if (2 * (nwords + 1) > nwslots)
        rehash_words();
    size_t j = hash_str(s, n) & (nwslots - 1);
    for (; wslots[j]; j = (j + 1) & (nwslots - 1)) {
        word *w = &words[wslots[j] - 1];
        if (strncmp(w->s, s, n) == 0 && w->s[n] == '\0')
            return wslots[j] - 1;
    }
    if (nwords == cap_words) {
        cap_words = cap_words ? cap_words * 2 : 1 << 16;
        words = realloc(words, cap_words * sizeof *words);
        if (!words) {
            fprintf(stderr, "brown: out of memory\n");
            exit(1);
        }
    }
    words[nwords].s = xmalloc(n + 1);
    memcpy(words[nwords].s, s, n);
    words[nwords].count = 0;
    wslots[j] = (int32_t)nwords + 1;
    return (int32_t)nwords++;
}

/* The token stream: word ids, -1 between sentences. */
static int32_t *stream;
static size_t nstream, cap_stream, ntokens;

static void push_token(int32_t id)
{
    if (nstream == cap_stream) {
        cap_stream = cap_stream ? cap_stream * 2 : 1 << 20;
        stream = realloc(stream, cap_stream * sizeof *stream);
        if (!stream) {
            fprintf(stderr, "brown: out of memory\n");
            exit(1);
        }
    }
    stream[nstream++] = id;
}

static void read_corpus(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "brown: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    char *line = xmalloc(MAX_LINE);
    while (fgets(line, MAX_LINE, f)) {
        for (char *p = line; *p;) {
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                p++;
            char *q = p;
            while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
                q++;
            if (q > p) {
                int32_t id = intern(p, (size_t)(q - p));
                words[id].count++;
                ntokens++;
                push_token(id);
            }
            p = q;
        }
        push_token(-1);
    }
    free(line);
    fclose(f);
}

/* --------------------------------------------------------------- bigrams */

/* Rank of each kept word (0 = most frequent), -1 for dropped words. */
static int32_t *rank_of;
static int32_t *by_rank;       /* [nkept] word id */
static size_t nkept;

static int cmp_rank(const void *pa, const void *pb)
{
    const word *a = &words[*(const int32_t *)pa], *b = &words[*(const int32_t *)pb];
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->s, b->s);
}

static void rank_words(int64_t min_count)
{
    by_rank = xmalloc(nwords * sizeof *by_rank);
    rank_of = xmalloc(nwords * sizeof *rank_of);
    for (size_t i = 0; i < nwords; i++)
        if (words[i].count >= min_count)
            by_rank[nkept++] = (int32_t)i;
    qsort(by_rank, nkept, sizeof *by_rank, cmp_rank);
    for (size_t i = 0; i < nwords; i++)
        rank_of[i] = -1;
    for (size_t r = 0; r < nkept; r++)
        rank_of[by_rank[r]] = (int32_t)r;
}

/* Adjacency of each kept word in CSR form: right neighbours (w x) and left
 * neighbours (x w), by rank, with counts. */
typedef struct adj {
    int64_t *start;            /* [nkept + 1] */
    int32_t *other;            /* [nedges] rank */
    int64_t *count;            /* [nedges] */
} adj;

static adj right_adj, left_adj;
static int64_t total_bigrams;

typedef struct pair_slot {
    uint64_t key;              /* (r1 + 1) << 32 | (r2 + 1); 0 = empty */
    int64_t count;
} pair_slot;

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

/* Build one CSR from the pair table, keyed on the first (right adjacency)
 * or the second (left adjacency) word of the pair. */
static void build_adj(adj *a, const pair_slot *tab, size_t ntab, size_t npairs, bool left)
{
    uint64_t *keys = xmalloc(npairs * sizeof *keys);
    int64_t *cnt = xmalloc(npairs * sizeof *cnt);
    size_t k = 0;
    for (size_t i = 0; i < ntab; i++)
        if (tab[i].key) {
            uint64_t r1 = tab[i].key >> 32, r2 = tab[i].key & 0xffffffffu;
            keys[k] = left ? (r2 << 32 | r1) : tab[i].key;
            k++;
        }
    qsort(keys, npairs, sizeof *keys, cmp_u64);
    a->start = xmalloc((nkept + 1) * sizeof *a->start);
    a->other = xmalloc(npairs * sizeof *a->other);
    a->count = cnt;
    for (size_t i = 0; i < npairs; i++) {
        uint64_t r1 = (keys[i] >> 32) - 1, r2 = (keys[i] & 0xffffffffu) - 1;
        uint64_t orig = left ? ((r2 + 1) << 32 | (r1 + 1)) : keys[i];
        size_t j = (size_t)(orig * 0x9e3779b97f4a7c15ULL >> 20) & (ntab - 1);
        while (tab[j].key != orig)
            j = (j + 1) & (ntab - 1);
        a->other[i] = (int32_t)r2;
        a->count[i] = tab[j].count;
        a->start[r1 + 1]++;
    }
    for (size_t r = 0; r < nkept; r++)
        a->start[r + 1] += a->start[r];
    free(keys);
}

static void count_bigrams(void)
{
    size_t ntab = 1 << 20, npairs = 0;
    pair_slot *tab = xmalloc(ntab * sizeof *tab);
    for (size_t i = 0; i + 1 < nstream; i++) {
        if (stream[i] < 0 || stream[i + 1] < 0)
            continue;
        int32_t r1 = rank_of[stream[i]], r2 = rank_of[stream[i + 1]];
        if (r1 < 0 || r2 < 0)
            continue;
        if (2 * (npairs + 1) > ntab) {
            pair_slot *old = tab;
            size_t nold = ntab;
            ntab *= 2;
            tab = xmalloc(ntab * sizeof *tab);
            for (size_t j = 0; j < nold; j++)
                if (old[j].key) {
                    size_t h = (size_t)(old[j].key * 0x9e3779b97f4a7c15ULL >> 20) & (ntab - 1);
                    while (tab[h].key)
                        h = (h + 1) & (ntab - 1);
                    tab[h] = old[j];
                }
            free(old);
        }
        uint64_t key = (uint64_t)(r1 + 1) << 32 | (uint64_t)(r2 + 1);
        size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 20) & (ntab - 1);
        while (tab[h].key && tab[h].key != key)
            h = (h + 1) & (ntab - 1);
        if (!tab[h].key) {
            tab[h].key = key;
            npairs++;
        }
        tab[h].count++;
        total_bigrams++;
    }
    build_adj(&right_adj, tab, ntab, npairs, false);
    build_adj(&left_adj, tab, ntab, npairs, true);
    free(tab);
    fprintf(stderr, "brown: %zu distinct bigrams, %lld in all\n", npairs, (long long)total_bigrams);
}

/* ------------------------------------------------------------ clustering */

static size_t S;               /* slots: C + 1 */
static int64_t *n;             /* [S][S] cluster bigram counts, n[s*S+t] = #(s t) */
static int64_t *nt;            /* [S][S] transposed: nt[t*S+s] = n[s*S+t] */
static int64_t *L, *R;         /* [S] row and column sums */
static double *D;              /* [S][S], upper triangle s < t: merge gain */
static bool *active;           /* [S] */
static int32_t *slot_node;     /* [S] tree node of the cluster in the slot */
static int32_t *slot_of_rank;  /* [nkept] slot of each added word, -1 before */
static int32_t *head, *tail;   /* [S] word lists (by rank) of each slot */
static int32_t *next_word;     /* [nkept] */
static double *ftab;           /* f(n) = n log n for n <= nftab */
static int64_t nftab;

static inline double f(int64_t x)
{
    return x <= nftab ? ftab[x] : (double)x * log((double)x);
}

static inline double g2(int64_t x, int64_t y)
{
    return (x && y) ? f(x + y) - f(x) - f(y) : 0.0;
}

static inline double *dref(size_t s, size_t t)
{
    return s < t ? &D[s * S + t] : &D[t * S + s];
}

static double marg(size_t s, size_t t)
{
    return g2(L[s], L[t]) + g2(R[s], R[t]);
}

/* The full merge gain of s and t (both active, s != t): O(S). */
static double merge_gain(size_t s, size_t t)
{
    const int64_t *ns = &n[s * S], *ntr = &n[t * S], *cs = &nt[s * S], *ct = &nt[t * S];
    double b = f(ns[s] + ns[t] + ntr[s] + ntr[t]) - f(ns[s]) - f(ns[t]) - f(ntr[s]) - f(ntr[t]);
    for (size_t u = 0; u < S; u++) {
        if (u == s || u == t)
            continue;
        b += g2(ns[u], ntr[u]) + g2(cs[u], ct[u]);
    }
    return b - marg(s, t);
}

static void set_count(size_t s, size_t t, int64_t v)
{
    n[s * S + t] = v;
    nt[t * S + s] = v;
}

/* Recompute D for every pair (k, t). */
static void fill_row(size_t k)
{
    for (size_t t = 0; t < S; t++)
        if (t != k && active[t])
            *dref(k, t) = merge_gain(k, t);
}

/* Put word r (by rank) into the free slot k and update every D. */
static void add_word(int32_t r, size_t k)
{
    for (size_t u = 0; u < S; u++) {
        set_count(k, u, 0);
        set_count(u, k, 0);
    }
    slot_of_rank[r] = (int32_t)k;
    active[k] = true;
    for (int64_t e = right_adj.start[r]; e < right_adj.start[r + 1]; e++) {
        int32_t x = slot_of_rank[right_adj.other[e]];
        if (x >= 0)
            set_count(k, (size_t)x, n[k * S + (size_t)x] + right_adj.count[e]);
    }
    for (int64_t e = left_adj.start[r]; e < left_adj.start[r + 1]; e++) {
        int32_t x = slot_of_rank[left_adj.other[e]];
        if (x >= 0 && (size_t)x != k)
            set_count((size_t)x, k, n[(size_t)x * S + k] + left_adj.count[e]);
    }
    /* Neighbours of k: their marginals change, and pairs of them gain g(st,k). */
    size_t *A = xmalloc(S * sizeof *A), nA = 0;
    bool *inA = xmalloc(S * sizeof *inA);
    int64_t *L0 = xmalloc(S * sizeof *L0), *R0 = xmalloc(S * sizeof *R0);
    memcpy(L0, L, S * sizeof *L);
    memcpy(R0, R, S * sizeof *R);
    for (size_t s = 0; s < S; s++)
        if (s != k && active[s] && (n[s * S + k] || n[k * S + s])) {
            A[nA++] = s;
            inA[s] = true;
            L[s] += n[s * S + k];
            R[s] += n[k * S + s];
        }
    L[k] = R[k] = 0;
    for (size_t u = 0; u < S; u++) {
        L[k] += n[k * S + u];
        R[k] += n[u * S + k];
    }
    for (size_t i = 0; i < nA; i++) {
        size_t s = A[i];
        for (size_t t = 0; t < S; t++) {
            if (t == s || t == k || !active[t] || (inA[t] && t < s))
                continue;
            double old = g2(L0[s], L0[t]) + g2(R0[s], R0[t]);
            double d = old - marg(s, t);
            if (inA[t])
                d += g2(n[s * S + k], n[t * S + k]) + g2(n[k * S + s], n[k * S + t]);
            *dref(s, t) += d;
        }
    }
    free(A);
    free(inA);
    free(L0);
    free(R0);
    fill_row(k);
    head[k] = tail[k] = r;
    next_word[r] = -1;
}

/* The active pair with the largest gain; OUT *pa < *pb. */
static void best_pair(size_t *pa, size_t *pb)
{
    double best = -INFINITY;
    *pa = *pb = 0;
    for (size_t s = 0; s < S; s++) {
        if (!active[s])
            continue;
        const double *row = &D[s * S];
        for (size_t t = s + 1; t < S; t++)
            if (active[t] && row[t] > best) {
                best = row[t];
                *pa = s;
                *pb = t;
            }
    }
}

/* Merge slot b into slot a (a < b); b becomes free.  join_words appends b's
 * words to a's list (phase 1); phase 2 keeps the leaves' lists apart. */
static void merge(size_t a, size_t b, bool join_words)
{
    size_t *N = xmalloc(S * sizeof *N), nN = 0;
    for (size_t s = 0; s < S; s++)
        if (s != a && s != b && active[s] &&
            (n[s * S + a] || n[a * S + s] || n[s * S + b] || n[b * S + s]))
            N[nN++] = s;
    /* Per-neighbour parts of g(st,ab) - g(st,a) - g(st,b). */
    int64_t *ra = xmalloc(nN * sizeof *ra), *rb = xmalloc(nN * sizeof *rb);
    int64_t *la = xmalloc(nN * sizeof *la), *lb = xmalloc(nN * sizeof *lb);
    double *P = xmalloc(nN * sizeof *P);
    for (size_t i = 0; i < nN; i++) {
        size_t s = N[i];
        ra[i] = n[s * S + a], rb[i] = n[s * S + b];
        la[i] = n[a * S + s], lb[i] = n[b * S + s];
        P[i] = f(ra[i]) + f(rb[i]) - f(ra[i] + rb[i]) + f(la[i]) + f(lb[i]) - f(la[i] + lb[i]);
    }
    for (size_t i = 0; i < nN; i++) {
        double *row = &D[N[i] * S];
        for (size_t j = i + 1; j < nN; j++) {
            double d = P[i] + P[j];
            d += f(ra[i] + rb[i] + ra[j] + rb[j]) - f(ra[i] + ra[j]) - f(rb[i] + rb[j]);
            d += f(la[i] + lb[i] + la[j] + lb[j]) - f(la[i] + la[j]) - f(lb[i] + lb[j]);
            row[N[j]] += d;
        }
    }
    free(N);
    free(ra);
    free(rb);
    free(la);
    free(lb);
    free(P);
    int64_t self = n[a * S + a] + n[a * S + b] + n[b * S + a] + n[b * S + b];
    for (size_t u = 0; u < S; u++) {
        if (u == a || u == b)
            continue;
        set_count(a, u, n[a * S + u] + n[b * S + u]);
        set_count(u, a, n[u * S + a] + n[u * S + b]);
    }
    set_count(a, a, self);
    for (size_t u = 0; u < S; u++) {
        set_count(b, u, 0);
        set_count(u, b, 0);
    }
    L[a] += L[b];
    R[a] += R[b];
    L[b] = R[b] = 0;
    active[b] = false;
    if (join_words) {
        next_word[tail[a]] = head[b];
        tail[a] = tail[b];
        for (int32_t w = head[b]; w >= 0; w = next_word[w])
            slot_of_rank[w] = (int32_t)a;
        head[b] = tail[b] = -1;
    }
    fill_row(a);
}

/* ------------------------------------------------------------ the tree */

static int32_t *left_child, *right_child, *leaf_slot_head; /* by node id */
static int32_t nnodes;

static void tree_merge(size_t a, size_t b)
{
    int32_t id = nnodes++;
    left_child[id] = slot_node[a];
    right_child[id] = slot_node[b];
    slot_node[a] = id;
}

static void print_paths(int32_t node, char *bits, size_t depth)
{
    if (left_child[node] < 0) {
        bits[depth] = '\0';
        for (int32_t w = leaf_slot_head[node]; w >= 0; w = next_word[w])
            printf("%s\t%s\t%lld\n", depth ? bits : "0", words[by_rank[w]].s,
                   (long long)words[by_rank[w]].count);
        return;
    }
    bits[depth] = '0';
    print_paths(left_child[node], bits, depth + 1);
    bits[depth] = '1';
    print_paths(right_child[node], bits, depth + 1);
}

static void alloc_state(size_t C)
{
    S = C + 1;
    n = xmalloc(S * S * sizeof *n);
    nt = xmalloc(S * S * sizeof *nt);
    D = xmalloc(S * S * sizeof *D);
    L = xmalloc(S * sizeof *L);
    R = xmalloc(S * sizeof *R);
    active = xmalloc(S * sizeof *active);
    slot_node = xmalloc(S * sizeof *slot_node);
    head = xmalloc(S * sizeof *head);
    tail = xmalloc(S * sizeof *tail);
    next_word = xmalloc(nkept * sizeof *next_word);
    slot_of_rank = xmalloc(nkept * sizeof *slot_of_rank);
    for (size_t r = 0; r < nkept; r++)
        slot_of_rank[r] = -1;
    nftab = total_bigrams < (1 << 26) ? total_bigrams : (1 << 26);
    ftab = xmalloc((size_t)(nftab + 1) * sizeof *ftab);
    for (int64_t x = 1; x <= nftab; x++)
        ftab[x] = (double)x * log((double)x);
    size_t maxnodes = 2 * S + 1;
    left_child = xmalloc(maxnodes * sizeof *left_child);
    right_child = xmalloc(maxnodes * sizeof *right_child);
    leaf_slot_head = xmalloc(maxnodes * sizeof *leaf_slot_head);
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#ifdef BROWN_CHECK
/* Debug builds: compare every incrementally kept gain with a fresh one. */
static void check_gains(void)
{
    double worst = 0;
    for (size_t s = 0; s < S; s++)
        for (size_t t = s + 1; t < S; t++)
            if (active[s] && active[t]) {
                double e = fabs(*dref(s, t) - merge_gain(s, t));
                worst = e > worst ? e : worst;
            }
    if (worst > 1e-6)
        fprintf(stderr, "brown: gain drift %g\n", worst);
}
#else
static void check_gains(void) {}
#endif

/* Phase 1: every word joins the window; C clusters remain. */
static void phase1(size_t C, bool quiet)
{
    double t0 = seconds();
    size_t first = nkept < C ? nkept : C;
    for (size_t r = 0; r < first; r++)
        add_word((int32_t)r, r);
    for (size_t r = first; r < nkept; r++) {
        size_t k = 0;
        while (active[k])
            k++;
        add_word((int32_t)r, k);
        check_gains();
        size_t a, b;
        best_pair(&a, &b);
        merge(a, b, true);
        check_gains();
        if (!quiet && (r % 1000 == 0 || r + 1 == nkept))
            fprintf(stderr, "brown: %zu/%zu words, %.0f s\n", r + 1, nkept, seconds() - t0);
    }
}

/* Phase 2: the remaining clusters become leaves of one binary tree. */
static void phase2(void)
{
    for (size_t s = 0; s < S; s++) {
        if (!active[s])
            continue;
        int32_t id = nnodes++;
        left_child[id] = right_child[id] = -1;
        leaf_slot_head[id] = head[s];
        slot_node[s] = id;
    }
    for (;;) {
        size_t nactive = 0;
        for (size_t s = 0; s < S; s++)
            nactive += active[s];
        if (nactive < 2)
            break;
        size_t a, b;
        best_pair(&a, &b);
        tree_merge(a, b);
        merge(a, b, false);
    }
}

int main(int argc, char **argv)
{
    size_t C = 1000;
    int64_t min_count = 3;
    bool quiet = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
            C = (size_t)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
            min_count = strtoll(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-q") == 0)
            quiet = true;
        else
            break;
    }
    if (i + 1 != argc || C < 2 || C > MAX_CLUSTERS || min_count < 1) {
        fprintf(stderr, "usage: brown [-c CLUSTERS (2..%d)] [-m MIN_COUNT] [-q] CORPUS > paths\n", MAX_CLUSTERS);
        return 2;
    }
    double t0 = seconds();
    read_corpus(argv[i]);
    rank_words(min_count);
    fprintf(stderr, "brown: %zu tokens, %zu types, %zu with count >= %lld\n", ntokens, nwords,
            nkept, (long long)min_count);
    if (nkept < 2) {
        fprintf(stderr, "brown: too few words\n");
        return 1;
    }
    count_bigrams();
    alloc_state(C);
    phase1(C, quiet);
    phase2();
    char *bits = xmalloc(2 * S + 2);
    print_paths(nnodes - 1, bits, 0);
    fprintf(stderr, "brown: done in %.1f s\n", seconds() - t0);
    return ferror(stdout) ? 1 : 0;
}
