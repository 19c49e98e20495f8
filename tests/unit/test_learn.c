/*
 * test_learn.c - the learning toolkit: CRC32C, the PRNG, perceptron
 * averaging on a hand-computed case, model round trips through a model file,
 * rejection of corrupt files, the CoNLL-U reader, out-of-memory paths.
 */
#include "testutil.h"

#include "learn/learn.h"

static void test_crc32c(void **state)
{
    (void)state;
    assert_int_equal(ng_crc32c(0, "123456789", 9), 0xe3069283u); /* the standard check value */
    assert_int_equal(ng_crc32c_soft(0, "123456789", 9), 0xe3069283u);
    unsigned char buf[1000];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 7 + 3);
    for (size_t n = 0; n < sizeof buf; n += 37)
        assert_int_equal(ng_crc32c(0, buf, n), ng_crc32c_soft(0, buf, n));
    /* incremental = whole */
    assert_int_equal(ng_crc32c(ng_crc32c(0, buf, 100), buf + 100, 900), ng_crc32c(0, buf, 1000));
}

static void test_rng(void **state)
{
    (void)state;
    ng_rng a, b;
    ng_rng_seed(&a, 42);
    ng_rng_seed(&b, 42);
    for (int i = 0; i < 100; i++)
        assert_true(ng_rng_next(&a) == ng_rng_next(&b));
    uint32_t v[50], seen[50] = {0};
    for (uint32_t i = 0; i < 50; i++)
        v[i] = i;
    ng_shuffle_u32(&a, v, 50);
    int moved = 0;
    for (uint32_t i = 0; i < 50; i++) {
        seen[v[i]]++;
        moved += v[i] != i;
    }
    for (uint32_t i = 0; i < 50; i++)
        assert_int_equal(seen[i], 1);
    assert_true(moved > 10);
}

static void test_features(void **state)
{
    (void)state;
    uint64_t a = ng_feat1(3, 12345), b = ng_feat1(4, 12345), c = ng_feat2(3, 1, 2), d = ng_feat2(3, 2, 1);
    assert_int_equal(ng_feat_tmpl(a), 3);
    assert_int_equal(ng_feat_tmpl(b), 4);
    assert_true(a != b && c != d && a != 0);
    assert_true(ng_feat1(3, 12345) == a); /* pure function */
}

/* Three examples of one feature over two classes; the averaged weights are
 * worked out by hand: after example 1 (gold 0, guess 1) w = (1, -1); after
 * example 2 (correct) the same; after example 3 (gold 1, guess 0) w = (0, 0).
 * The average over the three steps is (2/3, -2/3). */
static void test_averaging(void **state)
{
    (void)state;
    ng_ptrain *t = ng_ptrain_new(2);
    assert_non_null(t);
    uint64_t f = ng_feat1(1, 7);
    assert_int_equal(ng_ptrain_update(t, &f, 1, 0, 1), NG_OK);
    assert_int_equal(ng_ptrain_update(t, &f, 1, 0, 0), NG_OK);
    assert_int_equal(ng_ptrain_update(t, &f, 1, 1, 0), NG_OK);
    float sc[2];
    ng_ptrain_score(t, &f, 1, sc);
    assert_true(sc[0] == 0.0f && sc[1] == 0.0f);
    ng_pmodel m;
    assert_int_equal(ng_ptrain_finalize(t, NULL, &m), NG_OK);
    int32_t w[2];
    assert_true(ng_pmodel_weights(&m, f, w));
    double w0 = w[0] * (double)m.scale, w1 = w[1] * (double)m.scale;
    assert_true(w0 > 0.6666 && w0 < 0.6667 + 1e-4);
    assert_true(w1 < -0.6666 && w1 > -0.6667 - 1e-4);
    int32_t s[2];
    ng_pmodel_score(&m, &f, 1, s);
    assert_true(s[0] > 0 && s[1] < 0);
    assert_int_equal(ng_argmax_i32(s, 2), 0);
    /* pruning: min_weight above 2/3 leaves nothing */
    ng_pmodel_free(&m);
    ng_prune pr = {0.7f, 0};
    assert_int_equal(ng_ptrain_finalize(t, &pr, &m), NG_OK);
    assert_int_equal(m.nfeatures, 0);
    assert_false(ng_pmodel_weights(&m, f, w));
    ng_pmodel_free(&m);
    ng_ptrain_free(t);
}

/* A small separable problem: class = (x % 3), features name x's residues. */
static ng_ptrain *train_toy(void)
{
    ng_ptrain *t = ng_ptrain_new(3);
    for (int epoch = 0; epoch < 5; epoch++)
        for (uint64_t x = 0; x < 60; x++) {
            uint64_t f[3] = {ng_feat1(1, x % 3), ng_feat1(2, x % 5), ng_feat1(3, x)};
            float sc[3];
            ng_ptrain_score(t, f, 3, sc);
            assert_int_equal(ng_ptrain_update(t, f, 3, (uint32_t)(x % 3), ng_argmax_f(sc, 3)), NG_OK);
        }
    return t;
}

static void test_model_roundtrip(void **state)
{
    (void)state;
    ng_ptrain *t = train_toy();
    ng_pmodel m, l;
    assert_int_equal(ng_ptrain_finalize(t, NULL, &m), NG_OK);
    ng_mwriter *w = ng_mwriter_new("toy");
    assert_int_equal(ng_mwriter_add(w, "meta", "a=1\nbee=two\n", 12), NG_OK);
    assert_int_equal(ng_mwriter_add(w, "meta", "x", 1), NG_EARG); /* duplicate */
    assert_int_equal(ng_pmodel_write(w, "clf", &m), NG_OK);
    void *img;
    size_t len;
    assert_int_equal(ng_mwriter_image(w, &img, &len), NG_OK);
    ng_mfile *f;
    ng_error err;
    assert_int_equal(ng_mfile_open_mem("toy.model", img, len, &f, &err), NG_OK);
    assert_string_equal(ng_mfile_kind(f), "toy");
    char v[16];
    assert_true(ng_mfile_meta(f, "meta", "bee", v, sizeof v));
    assert_string_equal(v, "two");
    assert_false(ng_mfile_meta(f, "meta", "be", v, sizeof v));
    assert_int_equal(ng_mfile_nlines(f, "meta"), 2);
    assert_int_equal(ng_pmodel_load(f, "clf", &l, &err), NG_OK);
    assert_int_equal(l.nfeatures, m.nfeatures);
    for (uint64_t x = 0; x < 60; x++) {
        uint64_t fe[3] = {ng_feat1(1, x % 3), ng_feat1(2, x % 5), ng_feat1(3, x)};
        int32_t s1[3], s2[3];
        ng_pmodel_score(&m, fe, 3, s1);
        ng_pmodel_score(&l, fe, 3, s2);
        assert_memory_equal(s1, s2, sizeof s1);
        assert_int_equal(ng_argmax_i32(s2, 3), x % 3);
    }
    ng_mfile_close(f);
    /* the same through a real file (mmap) */
    char path[64];
    test_tmpfile(path, sizeof path, ".model", img, len);
    assert_int_equal(ng_mfile_open(path, &f, &err), NG_OK);
    assert_int_equal(ng_mfile_size(f), len);
    ng_mfile_close(f);
    unlink(path);
    assert_int_equal(ng_mfile_open(path, &f, &err), NG_ENOTFOUND);
    assert_non_null(strstr(err.msg, path));
    ng_free(img, len);
    ng_mwriter_free(w);
    ng_pmodel_free(&m);
    ng_ptrain_free(t);
}

/* Scores (SIMD for dense rows, scalar for sparse) equal the sum of each
 * feature's weights, with 40 classes so rows of both kinds occur. */
static void test_score_paths(void **state)
{
    (void)state;
    ng_ptrain *t = ng_ptrain_new(40);
    ng_rng r;
    ng_rng_seed(&r, 3);
    for (int i = 0; i < 3000; i++) {
        uint64_t f[4] = {ng_feat1(1, 0), ng_feat1(2, ng_rng_below(&r, 5)), ng_feat1(3, ng_rng_below(&r, 300)),
                         ng_feat1(4, ng_rng_below(&r, 40))};
        assert_int_equal(ng_ptrain_update(t, f, 4, ng_rng_below(&r, 40), ng_rng_below(&r, 40)), NG_OK);
    }
    ng_pmodel m;
    assert_int_equal(ng_ptrain_finalize(t, NULL, &m), NG_OK);
    int dense = 0, sparse = 0;
    for (uint32_t i = 0; i < m.nslots; i++)
        if (m.slots[2 * (size_t)i])
            m.slots[2 * (size_t)i + 1] & NG_PSLOT_DENSE ? dense++ : sparse++;
    assert_true(dense > 0 && sparse > 0);
    for (uint64_t x = 0; x < 300; x++) {
        uint64_t f[4] = {ng_feat1(1, 0), ng_feat1(2, x % 5), ng_feat1(3, x), ng_feat1(9, x)}; /* last: absent */
        int32_t s[40], sum[40] = {0}, w[40];
        ng_pmodel_score(&m, f, 4, s);
        for (int k = 0; k < 4; k++)
            if (ng_pmodel_weights(&m, f[k], w))
                for (int c = 0; c < 40; c++)
                    sum[c] += w[c];
        assert_memory_equal(s, sum, sizeof s);
    }
    ng_pmodel_free(&m);
    ng_ptrain_free(t);
}

/* Build a toy image; caller frees. */
static void *toy_image(size_t *len)
{
    ng_ptrain *t = train_toy();
    ng_pmodel m;
    assert_int_equal(ng_ptrain_finalize(t, NULL, &m), NG_OK);
    ng_mwriter *w = ng_mwriter_new("toy");
    assert_int_equal(ng_pmodel_write(w, "clf", &m), NG_OK);
    void *img;
    assert_int_equal(ng_mwriter_image(w, &img, len), NG_OK);
    ng_mwriter_free(w);
    ng_pmodel_free(&m);
    ng_ptrain_free(t);
    return img;
}

/* Open and load; the code of whichever fails first. */
static int open_and_load(const void *p, size_t len, ng_error *err)
{
    ng_mfile *f;
    int rc = ng_mfile_open_mem("bad.model", p, len, &f, err);
    if (rc != NG_OK)
        return rc;
    ng_pmodel m;
    rc = ng_pmodel_load(f, "clf", &m, err);
    ng_mfile_close(f);
    return rc;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* Patch the image and fix its checksum, so deeper checks are reached. */
static void reseal(unsigned char *p, size_t len)
{
    put32(p + len - 4, ng_crc32c(0, p, len - 4));
}

static void test_corrupt(void **state)
{
    (void)state;
    size_t len;
    unsigned char *img = toy_image(&len), *c = malloc(len);
    ng_error err;
    assert_int_equal(open_and_load(img, len, &err), NG_OK);
    /* every flipped byte is caught */
    for (size_t i = 0; i < len; i += 7) {
        memcpy(c, img, len);
        c[i] ^= 0x20;
        assert_int_equal(open_and_load(c, len, &err), NG_EMODEL);
        assert_non_null(strstr(err.msg, "bad.model"));
    }
    /* truncation at any length */
    for (size_t n = 0; n < len; n += 13) {
        assert_int_equal(open_and_load(img, n, &err), NG_EMODEL);
    }
    assert_int_equal(open_and_load(img, len - 1, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "truncated"));
    /* wrong magic */
    memcpy(c, img, len);
    c[1] = 'X';
    assert_int_equal(open_and_load(c, len, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "magic"));
    /* newline conversion breaks the canary */
    memcpy(c, img, len);
    c[8] = '\n';
    assert_int_equal(open_and_load(c, len, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "canary"));
    /* another format version, even with a valid checksum */
    memcpy(c, img, len);
    put32(c + 12, NG_MF_VERSION + 1);
    reseal(c, len);
    assert_int_equal(open_and_load(c, len, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "version"));
    /* a section pointing past the end, checksum fixed */
    memcpy(c, img, len);
    put32(c + NG_MF_HEADER + NG_MF_NAME, (uint32_t)len + 16);
    reseal(c, len);
    assert_int_equal(open_and_load(c, len, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "outside"));
    /* a weight row pointing outside the weights, checksum fixed: find the
     * slots section (second) and corrupt its first occupied slot's offset */
    memcpy(c, img, len);
    ng_mfile *f;
    assert_int_equal(ng_mfile_open_mem("bad.model", img, len, &f, &err), NG_OK);
    uint64_t off = 0, slen64 = 0;
    for (size_t i = 0; i < ng_mfile_nsections(f); i++)
        if (strcmp(ng_mfile_section_at(f, i, &off, &slen64), "clf.slots") == 0)
            break;
    ng_mfile_close(f);
    for (size_t s = 0; s < slen64; s += 16)
        if (memcmp(c + off + s, "\0\0\0\0\0\0\0\0", 8) != 0) {
            put32(c + off + s + 8, 0x7fffffff);
            break;
        }
    reseal(c, len);
    assert_int_equal(open_and_load(c, len, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "outside the weights"));
    free(c);
    ng_free(img, len);
}

static const char conllu[] =
    "# sent_id = 1\n"
    "# text = We'll see.\n"
    "1-2\tWe'll\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
    "2\t'll\twill\tAUX\tMD\t_\t3\taux\t_\t_\n"
    "3\tsee\tsee\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "3.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t3:conj\t_\n"
    "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "1\tOK\tok\tINTJ\tUH\t_\t0\troot\t_\t_\r\n"
    "\n\n";

static void test_corpus(void **state)
{
    (void)state;
    ng_corpus c;
    ng_error err;
    assert_int_equal(ng_corpus_parse("t.conllu", conllu, sizeof conllu - 1, &c, &err), NG_OK);
    assert_int_equal(c.nsents, 2);
    assert_int_equal(c.nwords, 5);
    assert_int_equal(c.sent_first[1], 4);
    assert_true(ng_strv_eq(c.words[1].form, "'ll"));
    assert_true(ng_strv_eq(c.words[1].xpos, "MD"));
    assert_int_equal(c.words[2].head, 0);
    assert_true(ng_strv_eq(c.words[2].misc, "SpaceAfter=No"));
    assert_true(ng_strv_eq(c.words[4].misc, "")); /* "_" is empty; CR stripped */
    assert_true(ng_strv_eq(c.words[4].upos, "INTJ"));
    ng_corpus_free(&c);
    static const char bad[] = "1\tno\tcolumns\n";
    assert_int_equal(ng_corpus_parse("bad.conllu", bad, sizeof bad - 1, &c, &err), NG_EFORMAT);
    assert_non_null(strstr(err.msg, "bad.conllu:1"));
    assert_int_equal(ng_corpus_read("/nonexistent/x.conllu", &c, &err), NG_ENOTFOUND);
}

/* Every allocation in training, finalizing, writing and loading may fail:
 * a clean error, no crash, no leak (ASan checks). */
static void test_oom(void **state)
{
    (void)state;
    test_alloc a = {0, 0};
    for (long k = 1; k < 400; k++) {
        a.calls = 0;
        a.fail_at = k;
        ng_set_allocator(test_alloc_fn, &a);
        ng_ptrain *t = ng_ptrain_new(3);
        int rc = t ? NG_OK : NG_ENOMEM;
        for (uint64_t x = 0; rc == NG_OK && x < 40; x++) {
            uint64_t f[2] = {ng_feat1(1, x % 3), ng_feat1(3, x)};
            rc = ng_ptrain_update(t, f, 2, (uint32_t)(x % 3), (uint32_t)((x + 1) % 3));
        }
        ng_pmodel m = {0};
        if (rc == NG_OK)
            rc = ng_ptrain_finalize(t, NULL, &m);
        ng_mwriter *w = rc == NG_OK ? ng_mwriter_new("toy") : NULL;
        if (rc == NG_OK)
            rc = w ? ng_pmodel_write(w, "clf", &m) : NG_ENOMEM;
        void *img = NULL;
        size_t len = 0;
        if (rc == NG_OK)
            rc = ng_mwriter_image(w, &img, &len);
        ng_mfile *f = NULL;
        if (rc == NG_OK)
            rc = ng_mfile_open_mem("oom.model", img, len, &f, NULL);
        ng_set_allocator(NULL, NULL);
        assert_true(rc == NG_OK || rc == NG_ENOMEM);
        ng_mfile_close(f);
        if (img)
            ng_free(img, len);
        ng_mwriter_free(w);
        ng_pmodel_free(&m);
        ng_ptrain_free(t);
        if (a.calls < k)
            break;
    }
}

/* A hand-laid model with only sparse rows (as older trainers wrote them):
 * densify makes the rows with a quarter of the classes or more dense, keeps
 * a row that names a class twice sparse, and leaves the scores exactly as
 * they were. */
static void test_densify(void **state)
{
    (void)state;
    enum { NC = 9, NS = 16 };
    uint64_t slots[2 * NS] = {0}, keys[4] = {ng_feat1(1, 11), ng_feat1(2, 22), ng_feat1(3, 33), ng_feat1(5, 55)};
    uint32_t ents[32], ne = 0, counts[4] = {5, 2, 9, 7};
    for (int k = 0; k < 4; k++) {
        uint32_t first = ne, step = k < 3 ? 2 * (uint32_t)k + 1 : 3; /* the last row repeats classes */
        for (uint32_t j = 0; j < counts[k]; j++) /* weights of both signs */
            ents[ne++] = (k < 3 ? j * step % NC : j % step) |
                         (uint32_t)(uint16_t)(int16_t)(j % 2 ? -300 * (int)j - k : 77 * (int)j + 1) << 16;
        uint32_t s = (uint32_t)keys[k] & (NS - 1);
        while (slots[2 * s])
            s = (s + 1) & (NS - 1);
        slots[2 * s] = keys[k];
        slots[2 * s + 1] = first | (uint64_t)counts[k] << 32;
    }
    ng_pmodel m = {.nclasses = NC, .nslots = NS, .nfeatures = 4, .nents = ne, .scale = 1.0f,
                   .slots = slots, .ents = ents};
    uint64_t f[7] = {keys[0], keys[1], keys[2], ng_feat1(4, 44), keys[0], keys[3], keys[2]};
    int32_t before[5][NC], after[5][NC];
    for (int k = 0; k < 5; k++)
        ng_pmodel_score(&m, f + k, 3, before[k]);
    assert_int_equal(ng_pmodel_densify(&m), NG_OK);
    assert_non_null(m.owned);
    for (int k = 0; k < 5; k++) {
        ng_pmodel_score(&m, f + k, 3, after[k]);
        assert_memory_equal(before[k], after[k], sizeof before[k]);
    }
    int dense = 0;
    for (uint32_t s = 0; s < NS; s++)
        dense += m.slots[2 * s] && (m.slots[2 * s + 1] & NG_PSLOT_DENSE);
    assert_int_equal(dense, 2); /* 5 and 9 weights of 9 classes; 2 weights, and a repeated class, stay sparse */
    int32_t w[NC];
    assert_true(ng_pmodel_weights(&m, keys[1], w));
    assert_int_equal(w[0], 1);
    assert_int_equal(w[3], -301);
    assert_int_equal(ng_pmodel_densify(&m), NG_OK); /* nothing left to change */
    ng_pmodel_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc32c),    cmocka_unit_test(test_rng),
        cmocka_unit_test(test_features),  cmocka_unit_test(test_averaging),
        cmocka_unit_test(test_model_roundtrip), cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_corpus),    cmocka_unit_test(test_oom),
        cmocka_unit_test(test_score_paths), cmocka_unit_test(test_densify),
    };
    return cmocka_run_group_tests_name("learn", tests, NULL, NULL);
}
