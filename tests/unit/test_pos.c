/*
 * test_pos.c - the POS tagger: training on a tiny treebank written for this
 * test, save/load round trips, deterministic training, rejection of corrupt
 * models, the accuracy arithmetic, and the pipeline stage.
 */
#include "testutil.h"

#include "core/pipeline.h"
#include "tag/posfeat.h"
#include "tag/tag.h"

#include <sys/stat.h>

/* Sentences as "form|XPOS|UPOS" words, written for this test. */
static const char *const sentences[] = {
    "The|DT|DET market|NN|NOUN rose|VBD|VERB sharply|RB|ADV on|IN|ADP Monday|NNP|PROPN .|.|PUNCT",
    "Officials|NNS|NOUN said|VBD|VERB the|DT|DET talks|NNS|NOUN would|MD|AUX resume|VB|VERB .|.|PUNCT",
    "She|PRP|PRON has|VBZ|AUX visited|VBN|VERB Berlin|NNP|PROPN twice|RB|ADV .|.|PUNCT",
    "A|DT|DET new|JJ|ADJ bridge|NN|NOUN opened|VBD|VERB in|IN|ADP the|DT|DET city|NN|NOUN .|.|PUNCT",
    "They|PRP|PRON will|MD|AUX meet|VB|VERB again|RB|ADV next|JJ|ADJ week|NN|NOUN .|.|PUNCT",
    ("The|DT|DET company|NN|NOUN reported|VBD|VERB strong|JJ|ADJ profits|NNS|NOUN ,|,|PUNCT "
     "analysts|NNS|NOUN said|VBD|VERB .|.|PUNCT"),
    "He|PRP|PRON is|VBZ|AUX a|DT|DET teacher|NN|NOUN in|IN|ADP Lagos|NNP|PROPN .|.|PUNCT",
    "Prices|NNS|NOUN fell|VBD|VERB by|IN|ADP 3|CD|NUM percent|NN|NOUN in|IN|ADP March|NNP|PROPN .|.|PUNCT",
};

/* The sentences as CoNLL-U in a temporary file (path in buf). */
static const char *write_treebank(char *buf, size_t size)
{
    char text[4096];
    size_t n = 0;
    for (size_t s = 0; s < sizeof sentences / sizeof *sentences; s++) {
        char line[512];
        snprintf(line, sizeof line, "%s", sentences[s]);
        int id = 1;
        for (char *tok = strtok(line, " "); tok; tok = strtok(NULL, " ")) {
            char *x = strchr(tok, '|'), *u = strrchr(tok, '|');
            *x = *u = '\0';
            n += (size_t)snprintf(text + n, sizeof text - n, "%d\t%s\t_\t%s\t%s\t_\t_\t_\t_\t_\n", id++, tok, u + 1,
                                  x + 1);
        }
        n += (size_t)snprintf(text + n, sizeof text - n, "\n");
    }
    return test_tmpfile(buf, size, ".conllu", text, n);
}

static void train_opts(ng_pos_train_opts *o, uint64_t seed)
{
    ng_pos_train_defaults(o);
    o->epochs = 8;
    o->seed = seed;
    o->dict_min_count = 3;
    o->train_name = "test";
}

/* Train a model from the test treebank into a new temporary file. */
static void train_model(const char *tb, uint64_t seed, char *out, size_t size)
{
    snprintf(out, size, "/tmp/ngpos%ld_%llu.model", (long)getpid(), (unsigned long long)seed);
    ng_pos_train_opts o;
    train_opts(&o, seed);
    ng_error err;
    int rc = ng_pos_train_file(tb, tb, &o, out, &err);
    if (rc != NG_OK)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, NG_OK);
}

static void *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    void *p = malloc(*len);
    assert_int_equal(fread(p, 1, *len, fp), *len);
    fclose(fp);
    return p;
}

/* Tag every sentence of c with m into cls (flattened). */
static void tag_all(const ng_pos *m, const ng_corpus *c, uint32_t *cls)
{
    ng_pos_work w = {0};
    ng_strv words[64];
    for (size_t s = 0; s < c->nsents; s++) {
        uint32_t a = c->sent_first[s], b = c->sent_first[s + 1];
        for (uint32_t i = a; i < b; i++)
            words[i - a] = c->words[i].form;
        assert_int_equal(ng_pos_tag_words(m, words, b - a, &w, cls + a), NG_OK);
    }
    ng_pos_work_free(&w);
}

static void test_roundtrip(void **state)
{
    (void)state;
    char tb[64], model[128];
    write_treebank(tb, sizeof tb);
    train_model(tb, 1, model, sizeof model);
    ng_pos *m, *m2;
    ng_error err;
    assert_int_equal(ng_pos_load(model, &m, &err), NG_OK);
    size_t len;
    void *img = slurp(model, &len);
    assert_int_equal(ng_pos_load_mem("copy.model", img, len, &m2, &err), NG_OK);
    ng_corpus c;
    assert_int_equal(ng_corpus_read(tb, &c, &err), NG_OK);
    uint32_t a[64], b[64];
    tag_all(m, &c, a);
    tag_all(m2, &c, b);
    assert_memory_equal(a, b, c.nwords * sizeof *a);
    /* the training sentences are learnt */
    ng_pos_counts k = {0};
    assert_int_equal(ng_pos_eval(m, &c, &k, &err), NG_OK);
    assert_int_equal(k.words, c.nwords);
    assert_true(k.upos_ok >= c.nwords - 1);
    assert_true(k.xpos_ok >= c.nwords - 2);
    ng_pos_counts k2 = {0};
    assert_int_equal(ng_pos_eval_file(model, tb, &k2, NULL, &err), NG_OK);
    assert_int_equal(k2.upos_ok, k.upos_ok);
    /* labels come from the treebank, ids from the fixed tables */
    for (uint32_t i = 0; i < ng_pos_nclasses(m); i++) {
        assert_true(ng_pos_class_upos(m, i) > 0);
        assert_true(ng_pos_class_xpos(m, i) > 0);
    }
    ng_corpus_free(&c);
    free(img);
    ng_pos_free(m);
    ng_pos_free(m2);
    unlink(model);
    unlink(tb);
}

static void test_deterministic(void **state)
{
    (void)state;
    char tb[64], m1[128], m2[128], m3[128];
    write_treebank(tb, sizeof tb);
    train_model(tb, 7, m1, sizeof m1);
    size_t l1, l2, l3;
    void *a = slurp(m1, &l1);
    unlink(m1);
    train_model(tb, 7, m2, sizeof m2);
    void *b = slurp(m2, &l2);
    train_model(tb, 8, m3, sizeof m3);
    void *c = slurp(m3, &l3);
    assert_int_equal(l1, l2);
    assert_memory_equal(a, b, l1);
    assert_true(l1 != l3 || memcmp(a, c, l1) != 0); /* another seed, another order */
    free(a);
    free(b);
    free(c);
    unlink(m2);
    unlink(m3);
    unlink(tb);
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void test_corrupt(void **state)
{
    (void)state;
    char tb[64], model[128];
    write_treebank(tb, sizeof tb);
    train_model(tb, 1, model, sizeof model);
    size_t len;
    unsigned char *img = slurp(model, &len), *c = malloc(len);
    ng_pos *m;
    ng_error err;
    for (size_t i = 0; i < len; i += 11) {
        memcpy(c, img, len);
        c[i] ^= 1;
        assert_int_equal(ng_pos_load_mem("flip.model", c, len, &m, &err), NG_EMODEL);
        assert_null(m);
        assert_non_null(strstr(err.msg, "flip.model"));
    }
    for (size_t n = 0; n < len; n += len / 17 + 1)
        assert_int_equal(ng_pos_load_mem("short.model", img, n, &m, &err), NG_EMODEL);
    /* a valid file of another kind */
    memcpy(c, img, len);
    memcpy(c + 32, "ner\0", 4);
    put32(c + len - 4, ng_crc32c(0, c, len - 4));
    assert_int_equal(ng_pos_load_mem("ner.model", c, len, &m, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "not a POS model"));
    /* a file that is not a model at all */
    assert_int_equal(ng_pos_load_mem("text.model", "hello, world\n", 13, &m, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "magic"));
    assert_int_equal(ng_pos_load("/nonexistent/pos.model", &m, &err), NG_ENOTFOUND);
    free(c);
    free(img);
    unlink(model);
    unlink(tb);
}

/* Brown clusters: written for this test. */
static const char clusters_text[] =
    "# a comment line\n"
    "0110\tMonday\t50\n"
    "0110\tTuesday\t40\n"
    "0111\tFriday\t10\n"
    "10\tcompany\t30\n"
    "10\tfirm\t20\n"
    "110\tNairobi\t7\n"
    "111\tApple\t9\n"
    "10\tapple\t4\n";

/* A model trained with clusters stores them: exact lookups, the lower-case
 * fallback, unknown words, and a model without clusters. */
static void test_clusters(void **state)
{
    (void)state;
    char tb[64], cl[64], model[128], plain[128];
    write_treebank(tb, sizeof tb);
    test_tmpfile(cl, sizeof cl, ".txt", clusters_text, sizeof clusters_text - 1);
    snprintf(model, sizeof model, "/tmp/ngposclu%ld.model", (long)getpid());
    ng_pos_train_opts o;
    train_opts(&o, 1);
    o.clusters = cl;
    ng_error err;
    assert_int_equal(ng_pos_train_file(tb, tb, &o, model, &err), NG_OK);
    ng_pos *m, *p;
    assert_int_equal(ng_pos_load(model, &m, &err), NG_OK);
    assert_int_equal(pos_clu_find(m, "Tuesday", 7), 0x16);  /* 1 0110 */
    assert_int_equal(pos_clu_find(m, "TUESDAY", 7), 0x16);  /* via "tuesday" */
    assert_int_equal(pos_clu_find(m, "firm", 4), 0x6);      /* 1 10 */
    assert_int_equal(pos_clu_find(m, "NAIROBI", 7), 0xe);   /* 1 110 */
    assert_int_equal(pos_clu_find(m, "APPLE", 5), 0x6);     /* "apple" is a word of its own */
    assert_int_equal(pos_clu_find(m, "Wednesday", 9), 1);   /* not in the clusters */
    pos_atoms a;
    pos_clu_set(&a, 0x16);
    assert_int_equal(a.cp[0], 0x16);                         /* a prefix longer than the path */
    pos_clu_set(&a, UINT64_C(1) << 12 | 0xabc);
    assert_int_equal(a.cp[0], 0x1a);                         /* 1 1010 */
    assert_int_equal(a.cp[1], 0x6a);                         /* 1 101010 */
    ng_corpus c;
    assert_int_equal(ng_corpus_read(tb, &c, &err), NG_OK);
    ng_pos_counts k = {0};
    assert_int_equal(ng_pos_eval(m, &c, &k, &err), NG_OK);
    assert_true(k.upos_ok >= c.nwords - 1);
    train_model(tb, 1, plain, sizeof plain);
    assert_int_equal(ng_pos_load(plain, &p, &err), NG_OK);
    assert_int_equal(pos_clu_find(p, "Tuesday", 7), 0);
    ng_pos_free(p);
    ng_pos_free(m);
    ng_corpus_free(&c);
    unlink(plain);
    unlink(model);
    /* a malformed line is an error naming the file and line */
    static const char bad[] = "0110\tMonday\t50\n01x0\tTuesday\t40\n";
    unlink(cl);
    test_tmpfile(cl, sizeof cl, ".txt", bad, sizeof bad - 1);
    assert_int_equal(ng_pos_train_file(tb, NULL, &o, model, &err), NG_EFORMAT);
    assert_non_null(strstr(err.msg, ":2:"));
    unlink(cl);
    o.clusters = "/nonexistent/clusters.txt";
    assert_int_equal(ng_pos_train_file(tb, NULL, &o, model, &err), NG_ENOTFOUND);
    unlink(tb);
}

/* Hand-computed: 5 words; UPOS right at 0, 2, 4 (3 of 5); XPOS right at 0
 * and 4, and word 3's gold XPOS is unknown (0), which never counts. */
static void test_count(void **state)
{
    (void)state;
    uint8_t gu[5] = {NG_UPOS_DET, NG_UPOS_NOUN, NG_UPOS_VERB, NG_UPOS_ADP, NG_UPOS_PUNCT};
    uint8_t pu[5] = {NG_UPOS_DET, NG_UPOS_PROPN, NG_UPOS_VERB, NG_UPOS_ADV, NG_UPOS_PUNCT};
    uint16_t gx[5] = {3, 1, 14, 0, 7}, px[5] = {3, 4, 13, 0, 7};
    ng_pos_counts k = {0};
    ng_pos_count(&k, gu, gx, pu, px, 5);
    assert_int_equal(k.words, 5);
    assert_int_equal(k.upos_ok, 3);
    assert_int_equal(k.xpos_ok, 2);
    ng_pos_count(&k, gu, gx, gu, gx, 5);
    assert_int_equal(k.words, 10);
    assert_int_equal(k.upos_ok, 8);
    assert_int_equal(k.xpos_ok, 6);
}

static void test_pipeline(void **state)
{
    (void)state;
    char tb[64], model[128], dir[64], dest[192];
    write_treebank(tb, sizeof tb);
    train_model(tb, 1, model, sizeof model);
    snprintf(dir, sizeof dir, "/tmp/ngposdir%ld", (long)getpid());
    assert_int_equal(mkdir(dir, 0700), 0);
    ng_error err;
    ng_pipeline *p = ng_pipeline_open(dir, dir, NG_STAGE_POS, &err);
    assert_non_null(p);
    assert_int_equal(ng_pipeline_stages(p) & NG_STAGE_POS, 0); /* no model: stage dropped */
    ng_pipeline_free(p);
    snprintf(dest, sizeof dest, "%s/pos.model", dir);
    assert_int_equal(rename(model, dest), 0);
    p = ng_pipeline_open(dir, dir, NG_STAGE_POS, &err);
    assert_non_null(p);
    assert_true(ng_pipeline_stages(p) & NG_STAGE_POS);
    static const char text[] = "The company said the market rose on Monday. They will meet again.";
    ng_doc *doc = ng_doc_new(text, sizeof text - 1);
    assert_int_equal(ng_pipeline_run(p, doc, &err), NG_OK);
    ng_token *t = ng_doc_tokens(doc);
    assert_true(ng_doc_ntokens(doc) >= 12);
    for (size_t i = 0; i < ng_doc_ntokens(doc); i++)
        assert_true(t[i].upos > 0 && t[i].xpos > 0);
    assert_int_equal(t[0].upos, NG_UPOS_DET);
    assert_string_equal(ng_xpos_name(t[0].xpos), "DT");
    ng_doc_free(doc);
    ng_pipeline_free(p);
    /* a corrupt model is an error, not a skipped stage */
    FILE *fp = fopen(dest, "r+b");
    fseek(fp, 100, SEEK_SET);
    fputc('!', fp);
    fclose(fp);
    assert_null(ng_pipeline_open(dir, dir, NG_STAGE_POS, &err));
    assert_int_equal(err.code, NG_EMODEL);
    unlink(dest);
    rmdir(dir);
    unlink(tb);
}

/* Every allocation while loading may fail: NG_ENOMEM, no crash, no leak. */
static void test_load_oom(void **state)
{
    (void)state;
    char tb[64], model[128];
    write_treebank(tb, sizeof tb);
    train_model(tb, 1, model, sizeof model);
    size_t len;
    void *img = slurp(model, &len);
    test_alloc a = {0, 0};
    for (long k = 1; k < 100; k++) {
        a.calls = 0;
        a.fail_at = k;
        ng_pos *m = NULL;
        ng_set_allocator(test_alloc_fn, &a);
        int rc = ng_pos_load_mem("oom.model", img, len, &m, NULL);
        ng_set_allocator(NULL, NULL);
        assert_true(rc == NG_OK || rc == NG_ENOMEM);
        ng_pos_free(m);
        if (a.calls < k)
            break;
    }
    free(img);
    unlink(model);
    unlink(tb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip), cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_corrupt),   cmocka_unit_test(test_count),
        cmocka_unit_test(test_pipeline),  cmocka_unit_test(test_load_oom),
        cmocka_unit_test(test_clusters),
    };
    return cmocka_run_group_tests_name("pos", tests, NULL, NULL);
}
