/*
 * test_parse.c - the dependency parser: transition-system invariants, the
 * dynamic oracle on hand-written trees, projectivisation, well-formed
 * output on random and adversarial input, model round trips.  With
 * NG_ORACLE_CONLLU set, the oracle is also checked on that treebank.
 */
#include "testutil.h"

#include "parse/arcsys.h"
#include "parse/draw.h"
#include "parse/mtable.h"
#include "parse/parse.h"
#include "parse/pclust.h"

/* Hand-written sentences: "id form upos xpos head deprel" per word. */
static const char *const sents[] = {
    "1 The DET DT 2 det|2 council NOUN NN 3 nsubj|3 approved VERB VBD 0 root|4 the DET DT 6 det|"
    "5 new ADJ JJ 6 amod|6 budget NOUN NN 3 obj|7 on ADP IN 8 case|8 Tuesday PROPN NNP 3 obl|"
    "9 . PUNCT . 3 punct",
    "1 She PRON PRP 2 nsubj|2 said VERB VBD 0 root|3 that SCONJ IN 7 mark|4 the DET DT 5 det|"
    "5 mayor NOUN NN 7 nsubj|6 would AUX MD 7 aux|7 attend VERB VB 2 ccomp|8 the DET DT 9 det|"
    "9 summit NOUN NN 7 obj|10 in ADP IN 11 case|11 Paris PROPN NNP 9 nmod|12 . PUNCT . 2 punct",
    "1 The DET DT 2 det|2 bridge NOUN NN 4 nsubj:pass|3 was AUX VBD 4 aux:pass|4 closed VERB VBN 0 root|"
    "5 and CCONJ CC 9 cc|6 the DET DT 7 det|7 roads NOUN NNS 9 nsubj:pass|8 were AUX VBD 9 aux:pass|"
    "9 blocked VERB VBN 4 conj|10 by ADP IN 11 case|11 police NOUN NN 9 obl:agent|12 . PUNCT . 4 punct",
    /* non-projective: "about the plan" belongs to "meeting" */
    "1 A DET DT 2 det|2 meeting NOUN NN 4 nsubj:pass|3 was AUX VBD 4 aux:pass|4 held VERB VBN 0 root|"
    "5 yesterday NOUN NN 4 obl:tmod|6 about ADP IN 8 case|7 the DET DT 8 det|8 plan NOUN NN 2 nmod|"
    "9 . PUNCT . 4 punct",
    "1 Who PRON WP 3 nsubj|2 will AUX MD 3 aux|3 lead VERB VB 0 root|4 the DET DT 6 det|"
    "5 new ADJ JJ 6 amod|6 agency NOUN NN 3 obj|7 ? PUNCT . 3 punct",
    /* a multiword token and an empty node, which the reader skips */
    "1 I PRON PRP 4 nsubj|2-3 don't _ _ _ _|2 do AUX VBP 4 aux|3 n't PART RB 4 advmod|"
    "4 know VERB VB 0 root|4.1 know _ _ _ _|5 . PUNCT . 4 punct",
};

/* Expand the compact sentences into CoNLL-U text (caller frees). */
static char *conllu_text(size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (size_t s = 0; s < sizeof sents / sizeof sents[0]; s++) {
        n += (size_t)snprintf(out + n, cap - n, "# sent_id = t%zu\n", s + 1);
        char line[256];
        const char *p = sents[s];
        while (*p) {
            const char *bar = strchr(p, '|');
            size_t k = bar ? (size_t)(bar - p) : strlen(p);
            memcpy(line, p, k);
            line[k] = '\0';
            char id[16], form[64], upos[16], xpos[16], head[16], rel[32];
            assert_int_equal(sscanf(line, "%15s %63s %15s %15s %15s %31s", id, form, upos, xpos, head, rel), 6);
            n += (size_t)snprintf(out + n, cap - n, "%s\t%s\t_\t%s\t%s\t_\t%s\t%s\t_\t_\n", id, form, upos, xpos,
                                  head, rel);
            p += k + (bar != NULL);
        }
        n += (size_t)snprintf(out + n, cap - n, "\n");
    }
    *len = n;
    return out;
}

static void load_corpus(ng_corpus *c)
{
    size_t len;
    char *text = conllu_text(&len);
    ng_error err;
    assert_int_equal(ng_corpus_parse("hand.conllu", text, len, c, &err), NG_OK);
    free(text);
}

static void test_reader_skips_ranges(void **state)
{
    (void)state;
    ng_corpus c;
    load_corpus(&c);
    assert_int_equal(c.nsents, sizeof sents / sizeof sents[0]);
    size_t last = c.nsents - 1, first = c.sent_first[last];
    assert_int_equal(c.sent_first[last + 1] - first, 5);
    assert_true(ng_strv_eq(c.words[first + 1].form, "do"));
    assert_int_equal(ng_dep_label_id(c.words[first + 3].deprel), ng_deprel_id("root"));
    assert_int_equal(ng_dep_label_id((ng_strv){"obl:nonesuch", 12}), ng_deprel_id("obl"));
    ng_corpus_free(&c);
}

static void test_oracle_handwritten(void **state)
{
    (void)state;
    ng_corpus c;
    load_corpus(&c);
    ng_error err;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        size_t ok, total;
        assert_int_equal(ng_dep_oracle_check(&c, seed, &ok, &total, &err), NG_OK);
        assert_int_equal(total, c.nsents);
        assert_int_equal(ok, total);
    }
    ng_corpus_free(&c);
}

/* The oracle on a whole treebank, when NG_ORACLE_CONLLU names one. */
static void test_oracle_treebank(void **state)
{
    (void)state;
    const char *path = getenv("NG_ORACLE_CONLLU");
    if (!path || !*path)
        skip();
    ng_corpus c;
    ng_error err;
    assert_int_equal(ng_corpus_read(path, &c, &err), NG_OK);
    size_t ok, total;
    assert_int_equal(ng_dep_oracle_check(&c, 7, &ok, &total, &err), NG_OK);
    printf("oracle: %zu of %zu trees rebuilt\n", ok, total);
    assert_true(total > 0);
    assert_int_equal(ok, total);
    ng_corpus_free(&c);
}

static void test_tree_checks(void **state)
{
    (void)state;
    uint8_t scratch[8];
    int32_t good[] = {1, 4, 1, 2}; /* n = 4, root = 4 */
    assert_true(as_is_tree(good, 4, scratch));
    int32_t two_roots[] = {4, 4, 1, 2};
    assert_false(as_is_tree(two_roots, 4, scratch));
    int32_t cycle[] = {1, 4, 3, 2};
    assert_false(as_is_tree(cycle, 4, scratch));
    int32_t unheaded[] = {1, 4, -1, 2};
    assert_false(as_is_tree(unheaded, 4, scratch));
    int32_t self[] = {0, 4, 1, 2};
    assert_false(as_is_tree(self, 4, scratch));
}

static void test_projectivize(void **state)
{
    (void)state;
    /* "A meeting was held yesterday about the plan ." as 0-based heads, root 9 */
    int32_t h[] = {1, 3, 3, 9, 3, 7, 7, 1, 3};
    uint8_t scratch[9];
    assert_false(as_arc_projective(h, 9, 7));
    assert_int_equal(as_projectivize(h, 9), 1);
    assert_int_equal(h[7], 3);
    for (uint32_t d = 0; d < 9; d++)
        assert_true(as_arc_projective(h, 9, d));
    assert_true(as_is_tree(h, 9, scratch));
}

/* Random valid transitions always end in a tree. */
static void test_random_walks(void **state)
{
    (void)state;
    ng_rng rng;
    ng_rng_seed(&rng, 42);
    const uint32_t nlabels = 5, ncls = as_nclasses(nlabels);
    for (int trial = 0; trial < 300; trial++) {
        uint32_t n = 1 + ng_rng_below(&rng, trial < 290 ? 40 : 1500);
        void *mem = malloc(as_state_bytes(n));
        uint8_t *scratch = malloc(n);
        as_state s;
        as_state_init(&s, n, mem);
        uint32_t steps = 0;
        while (!as_terminal(&s)) {
            uint32_t c;
            do
                c = ng_rng_below(&rng, ncls);
            while (!as_valid(&s, c));
            as_apply(&s, c);
            steps++;
        }
        assert_int_equal(steps, 2 * n);
        assert_true(as_is_tree(s.head, n, scratch));
        free(mem);
        free(scratch);
    }
}

/* A small clusters file (bit string, word, count) written for the tests. */
static const char clusters_text[] =
    "# test clusters\n"
    "0010\tthe\t90\n0010\tThe\t40\n0010\ta\t50\n"
    "0110\tcouncil\t5\n0110\tbudget\t4\n0110\tmayor\t3\n0110\tsummit\t2\n0110\tagency\t2\n"
    "0111\tParis\t6\n0111\tTuesday\t3\n"
    "1000\tapproved\t3\n1000\tsaid\t9\n1000\tclosed\t2\n1000\tblocked\t2\n1000\tlead\t2\n"
    "10010\twould\t4\n10010\twas\t8\n10010\twere\t5\n"
    "11\t.\t99\n11\t?\t7\n";

static char clusters_path[64];

/* Train a small model on the hand-written sentences into path, with the
 * test clusters and label groups of the given mode. */
static void train_small_groups(const char *path, uint64_t seed, int groups)
{
    ng_corpus c;
    load_corpus(&c);
    ng_dep_data d = {&c, NULL, NULL};
    ng_dep_train_opts o;
    ng_dep_train_defaults(&o);
    o.epochs = 5;
    o.seed = seed;
    o.train_name = "hand";
    o.clusters = clusters_path;
    o.label_groups = groups;
    ng_error err;
    assert_int_equal(ng_dep_train(&d, &d, &o, path, &err), NG_OK);
    ng_corpus_free(&c);
}

static void train_small(const char *path, uint64_t seed) { train_small_groups(path, seed, NG_DEP_GROUPS_COARSE); }

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static char model_path[64];

static int setup_model(void **state)
{
    (void)state;
    snprintf(clusters_path, sizeof clusters_path, "/tmp/ngclustXXXXXX");
    int cfd = mkstemp(clusters_path);
    if (cfd < 0 || write(cfd, clusters_text, sizeof clusters_text - 1) != (ssize_t)(sizeof clusters_text - 1))
        return -1;
    close(cfd);
    snprintf(model_path, sizeof model_path, "/tmp/ngdepXXXXXX");
    int fd = mkstemp(model_path);
    if (fd < 0)
        return -1;
    close(fd);
    train_small(model_path, 1);
    return 0;
}

static int teardown_model(void **state)
{
    (void)state;
    unlink(model_path);
    unlink(clusters_path);
    return 0;
}

static void test_model_round_trip(void **state)
{
    (void)state;
    char other[64];
    snprintf(other, sizeof other, "/tmp/ngdepXXXXXX");
    int fd = mkstemp(other);
    assert_true(fd >= 0);
    close(fd);
    train_small(other, 1); /* the same seed: byte-identical */
    size_t n1, n2;
    char *a = read_all(model_path, &n1), *b = read_all(other, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    unlink(other);
    ng_parser *p;
    ng_error err;
    assert_int_equal(ng_parser_load_mem("mem.model", a, n1, &p, &err), NG_OK);
    assert_true(ng_parser_nlabels(p) >= 2);
    assert_int_equal(ng_parser_label_deprel(p, 0), ng_deprel_id("root"));
    ng_parser_free(p);
    /* A flipped byte is caught, whatever it hits. */
    for (size_t at = 0; at < n1; at += n1 / 37 + 1) {
        a[at] ^= 0x20;
        assert_int_not_equal(ng_parser_load_mem("bad.model", a, n1, &p, &err), NG_OK);
        a[at] ^= 0x20;
    }
    assert_int_equal(ng_parser_load("/nonexistent/dep.model", &p, &err), NG_ENOTFOUND);
    free(a);
    free(b);
}

/* Parse words[n] and check the result is a tree in the public convention. */
static void parse_check(const ng_parser *p, const ng_strv *w, const uint8_t *u, const uint16_t *x, size_t n,
                        ng_parse_work *work)
{
    int32_t *head = malloc(n * 4), *h = malloc(n * 4);
    uint8_t *rel = malloc(n), *scratch = malloc(n);
    assert_int_equal(ng_parse_words(p, w, u, x, n, work, head, rel), NG_OK);
    for (size_t i = 0; i < n; i++) {
        h[i] = head[i] < 0 ? (int32_t)n : head[i];
        assert_true(rel[i] > 0);
        assert_true((head[i] < 0) == (rel[i] == ng_deprel_id("root")) || n > NG_PARSE_MAX_WORDS);
    }
    assert_true(as_is_tree(h, (uint32_t)n, scratch));
    free(head);
    free(h);
    free(rel);
    free(scratch);
}

static void test_wellformed_random(void **state)
{
    (void)state;
    static const char *vocab[] = {"the", "council", "said", ".", ",", "Paris", "and", "would", "?", "(",
                                  "zzz", "", "2019", "of", "\xc3\xa9t\xc3\xa9", "\"", "-", "a"};
    ng_parser *p;
    ng_error err;
    assert_int_equal(ng_parser_load(model_path, &p, &err), NG_OK);
    ng_parse_work work = {0};
    ng_rng rng;
    ng_rng_seed(&rng, 9);
    for (int trial = 0; trial < 400; trial++) {
        size_t n = 1 + ng_rng_below(&rng, trial % 50 == 0 ? 600 : 30);
        ng_strv *w = malloc(n * sizeof *w);
        uint8_t *u = malloc(n);
        uint16_t *x = malloc(n * 2);
        for (size_t i = 0; i < n; i++) {
            const char *s = vocab[ng_rng_below(&rng, sizeof vocab / sizeof vocab[0])];
            w[i] = (ng_strv){s, (uint32_t)strlen(s)};
            u[i] = (uint8_t)ng_rng_below(&rng, NG_NUPOS + 3);   /* out-of-range tags too */
            x[i] = (uint16_t)ng_rng_below(&rng, 70);
        }
        parse_check(p, w, trial & 1 ? u : NULL, trial & 2 ? x : NULL, n, &work);
        free(w);
        free(u);
        free(x);
    }
    ng_parse_work_free(&work);
    ng_parser_free(p);
}

/* Long and degenerate sentences: 1,000 words, beyond the piece size, all
 * punctuation, one word. */
static void test_wellformed_long(void **state)
{
    (void)state;
    ng_parser *p;
    ng_error err;
    assert_int_equal(ng_parser_load(model_path, &p, &err), NG_OK);
    ng_parse_work work = {0};
    size_t sizes[] = {1, 2, 1000, NG_PARSE_MAX_WORDS + 1, 2 * NG_PARSE_MAX_WORDS + 77};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        ng_strv *w = malloc(n * sizeof *w);
        uint8_t *u = malloc(n);
        uint16_t *x = malloc(n * 2);
        for (size_t i = 0; i < n; i++) {
            bool punct = k == 2 || i % 7 == 6;
            w[i] = punct ? (ng_strv){",", 1} : (ng_strv){"report", 6};
            u[i] = (uint8_t)(punct ? NG_UPOS_PUNCT : NG_UPOS_NOUN);
            x[i] = (uint16_t)ng_xpos_id(punct ? "," : "NN");
        }
        parse_check(p, w, u, x, n, &work);
        free(w);
        free(u);
        free(x);
    }
    ng_parse_work_free(&work);
    ng_parser_free(p);
}

/* The model learns its training sentences (gold tags). */
static void test_learns_training_data(void **state)
{
    (void)state;
    ng_parser *p;
    ng_error err;
    assert_int_equal(ng_parser_load(model_path, &p, &err), NG_OK);
    ng_corpus c;
    load_corpus(&c);
    ng_dep_data d = {&c, NULL, NULL};
    ng_dep_counts k = {0};
    assert_int_equal(ng_dep_eval(p, &d, &k, &err), NG_OK);
    assert_int_equal(k.words, c.nwords);
    assert_true(k.uas >= k.words - 2); /* the non-projective arc may be lost */
    assert_true(k.las >= k.words - 3);
    ng_corpus_free(&c);
    ng_parser_free(p);
}

static void test_scores(void **state)
{
    (void)state;
    int32_t gh[] = {2, 0, 2, 2}, ph[] = {2, 0, 1, 2};
    int gr[] = {ng_deprel_id("nsubj:pass"), ng_deprel_id("root"), ng_deprel_id("obj"), ng_deprel_id("punct")};
    int pr[] = {ng_deprel_id("nsubj"), ng_deprel_id("root"), ng_deprel_id("obj"), ng_deprel_id("obj")};
    ng_dep_counts k = {0};
    ng_dep_count(&k, gh, gr, ph, pr, 4);
    assert_int_equal(k.words, 4);
    assert_int_equal(k.uas, 3);
    assert_int_equal(k.las, 2);      /* nsubj matches nsubj:pass universally */
    assert_int_equal(k.las_full, 1); /* only root with subtypes */
}

/* Raw-text evaluation: "# text" lines joined per document, tokenized, parsed
 * and aligned to the gold words by character spans. */
static void test_raw_alignment(void **state)
{
    (void)state;
    static const char text[] =
        "# newdoc id = d1\n# text = The vote passed .\n"
        "1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_\n2\tvote\t_\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
        "3\tpassed\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n4\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n"
        "# text = Nobody came\n"
        "1\tNobody\t_\tPRON\tNN\t_\t2\tnsubj\t_\t_\n2\tcome\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n\n";
    ng_corpus c;
    ng_error err;
    assert_int_equal(ng_corpus_parse("raw.conllu", text, sizeof text - 1, &c, &err), NG_OK);
    ng_parser *p;
    assert_int_equal(ng_parser_load(model_path, &p, &err), NG_OK);
    raw_models m = {p, NULL, NULL};
    ng_dep_counts k = {0};
    assert_int_equal(dep_eval_raw(&m, &c, &k, &err), NG_OK);
    assert_int_equal(k.words, 6);
    assert_int_equal(k.sys_words, 6);
    assert_int_equal(k.aligned, 5); /* "come" is not in the text ("came") */
    assert_true(k.uas <= k.aligned && k.las <= k.uas);
    ng_parser_free(p);
    ng_corpus_free(&c);
}

/* Clusters: exact forms, the lower-case fallback, unknown words, a
 * malformed file. */
static void test_clusters(void **state)
{
    (void)state;
    pclust c;
    ng_error err;
    assert_int_equal(pclust_read(&c, clusters_path, &err), NG_OK);
    assert_int_equal(c.nclusters, 7); /* six bit strings and "none" */
    uint32_t the = pclust_find(&c, "the", 3);
    assert_true(the > 0);
    assert_int_equal(pclust_find(&c, "The", 3), the);
    assert_int_equal(pclust_find(&c, "THE", 3), the);       /* via the lower-case form */
    assert_int_equal(pclust_find(&c, "PARIS", 5), pclust_find(&c, "Paris", 5));
    assert_int_not_equal(pclust_find(&c, "said", 4), the);
    assert_int_equal(pclust_find(&c, "zebra", 5), 0);
    assert_int_equal(pclust_find(&c, "", 0), 0);
    assert_int_equal(pclust_find(&c, "a", 1), the);
    assert_true(c.atoms[the].cf != c.atoms[pclust_find(&c, "said", 4)].cf);
    assert_true(c.atoms[the].c4 != c.atoms[the].cf);
    pclust_free(&c);
    char bad[64];
    snprintf(bad, sizeof bad, "/tmp/ngclustXXXXXX");
    int fd = mkstemp(bad);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "0101\tword\n", 10), 10);
    close(fd);
    assert_int_equal(pclust_read(&c, bad, &err), NG_EFORMAT);
    assert_non_null(strstr(err.msg, ":1:"));
    unlink(bad);
    assert_int_equal(pclust_read(&c, "/nonexistent/clusters.txt", &err), NG_ENOTFOUND);
}

/* A trained perceptron model of nclasses classes with random features. */
static void random_pmodel(ng_pmodel *m, uint32_t nclasses, uint64_t *keys, size_t nkeys)
{
    ng_ptrain *t = ng_ptrain_new(nclasses);
    assert_non_null(t);
    ng_rng r;
    ng_rng_seed(&r, nclasses);
    for (size_t i = 0; i < nkeys; i++)
        keys[i] = ng_feat1(1 + (unsigned)(i % 200), ng_rng_next(&r));
    for (int step = 0; step < 4000; step++) {
        uint64_t f[6];
        for (int k = 0; k < 6; k++)
            f[k] = keys[ng_rng_below(&r, (uint32_t)nkeys)];
        uint32_t gold = ng_rng_below(&r, nclasses), guess = ng_rng_below(&r, nclasses);
        assert_int_equal(ng_ptrain_update(t, f, 6, gold, guess), NG_OK);
    }
    ng_prune pr = {0, 0};
    assert_int_equal(ng_ptrain_finalize(t, &pr, m), NG_OK);
    ng_ptrain_free(t);
}

/* The scoring table gives the model's scores (inline, sparse and dense
 * rows), survives a file round trip, and refuses corrupt entries. */
static void test_mtable(void **state)
{
    (void)state;
    static const uint32_t nclasses[] = {3, 31, 51};
    for (size_t v = 0; v < 3; v++) {
        ng_pmodel m;
        uint64_t keys[700];
        random_pmodel(&m, nclasses[v], keys, 700);
        mtable t;
        size_t dropped;
        assert_int_equal(mtable_build(&t, &m, &dropped), NG_OK);
        assert_int_equal(dropped, 0);
        assert_int_equal(t.nfeatures, m.nfeatures);
        int32_t a[MT_MAX_CLASSES + 16], b[NG_PT_MAX_CLASSES];
        for (size_t i = 0; i + 20 <= 700; i += 20) {
            uint64_t f[21];
            memcpy(f, keys + i, 20 * 8);
            f[20] = ng_feat1(250, i); /* absent */
            mtable_score(&t, f, 21, a);
            ng_pmodel_score(&m, f, 21, b);
            assert_memory_equal(a, b, nclasses[v] * 4);
        }
        ng_mwriter *w = ng_mwriter_new("test");
        assert_int_equal(mtable_write(w, "tab", &t), NG_OK);
        void *img;
        size_t len;
        assert_int_equal(ng_mwriter_image(w, &img, &len), NG_OK);
        ng_mfile *f;
        ng_error err;
        assert_int_equal(ng_mfile_open_mem("t.model", img, len, &f, &err), NG_OK);
        mtable u;
        assert_int_equal(mtable_load(f, "tab", &u, &err), NG_OK);
        mtable_score(&u, keys, 50, a);
        ng_pmodel_score(&m, keys, 50, b);
        assert_memory_equal(a, b, nclasses[v] * 4);
        mtable_free(&u);
        ng_mfile_close(f);
        /* An entry pointing past the rows is refused. */
        uint64_t *bk = (uint64_t *)(uintptr_t)t.buckets;
        size_t i = 0;
        while (!bk[i])
            i++;
        bk[i] = (bk[i] & 0xffff) | (uint64_t)2 << 16 | (uint64_t)t.nrows << 18;
        ng_mwriter_free(w);
        w = ng_mwriter_new("test");
        assert_int_equal(mtable_write(w, "tab", &t), NG_OK);
        ng_free(img, len);
        assert_int_equal(ng_mwriter_image(w, &img, &len), NG_OK);
        assert_int_equal(ng_mfile_open_mem("t.model", img, len, &f, &err), NG_OK);
        assert_int_equal(mtable_load(f, "tab", &u, &err), NG_EMODEL);
        ng_mfile_close(f);
        ng_free(img, len);
        ng_mwriter_free(w);
        mtable_free(&t);
        ng_pmodel_free(&m);
    }
}

/* Every label grouping learns the training sentences. */
static void test_label_groups(void **state)
{
    (void)state;
    for (int g = NG_DEP_GROUPS_NONE; g <= NG_DEP_GROUPS_FULL; g++) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/ngdepXXXXXX");
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        train_small_groups(path, 3, g);
        ng_parser *p;
        ng_error err;
        assert_int_equal(ng_parser_load(path, &p, &err), NG_OK);
        ng_corpus c;
        load_corpus(&c);
        ng_dep_data d = {&c, NULL, NULL};
        ng_dep_counts k = {0};
        assert_int_equal(ng_dep_eval(p, &d, &k, &err), NG_OK);
        assert_true(k.uas >= k.words - 2);
        assert_true(k.las >= k.words - 4);
        ng_corpus_free(&c);
        ng_parser_free(p);
        unlink(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_skips_ranges),
        cmocka_unit_test(test_oracle_handwritten),
        cmocka_unit_test(test_oracle_treebank),
        cmocka_unit_test(test_tree_checks),
        cmocka_unit_test(test_projectivize),
        cmocka_unit_test(test_random_walks),
        cmocka_unit_test(test_scores),
        cmocka_unit_test(test_model_round_trip),
        cmocka_unit_test(test_wellformed_random),
        cmocka_unit_test(test_wellformed_long),
        cmocka_unit_test(test_learns_training_data),
        cmocka_unit_test(test_raw_alignment),
        cmocka_unit_test(test_clusters),
        cmocka_unit_test(test_mtable),
        cmocka_unit_test(test_label_groups),
    };
    return cmocka_run_group_tests(tests, setup_model, teardown_model);
}
