/*
 * test_ner.c - the named-entity recognizer: BILOU coding, the CoNLL/IOB2
 * reader, conlleval arithmetic, deterministic training, model round trip,
 * corrupt-model rejection, and entity grouping.  All text written for these
 * tests.
 */
#include "testutil.h"

#include "kb/entities.h"

#include "core/doc.h"
#include "tag/ner.h"

/* A tiny CoNLL-2003 style corpus: two documents. */
static const char conll_text[] =
    "-DOCSTART- -X- -X- O\n"
    "\n"
    "Marta NNP B-NP B-PER\n"
    "Quellon NNP I-NP I-PER\n"
    "visited VBD B-VP O\n"
    "Brantoria NNP B-NP B-LOC\n"
    ". . O O\n"
    "\n"
    "She PRP B-NP O\n"
    "works VBZ B-VP O\n"
    "for IN B-PP O\n"
    "Vellmark NNP B-NP B-ORG\n"
    "Industries NNPS I-NP I-ORG\n"
    ". . O O\n"
    "\n"
    "-DOCSTART- -X- -X- O\n"
    "\n"
    "Ostrel NNP B-NP B-PER\n"
    "Danby NNP I-NP I-PER\n"
    "left VBD B-VP O\n"
    "Kavenport NNP B-NP B-LOC\n"
    "for IN B-PP O\n"
    "the DT B-NP O\n"
    "Lumen JJ I-NP B-MISC\n"
    "Cup NNP I-NP I-MISC\n"
    ". . O O\n";

static const char iob2_text[] =
    "# newdoc id = a\n"
    "# sent_id = a-1\n"
    "# text = Tove met Halden Group\n"
    "1\tTove\tB-PER\t-\t-\n"
    "2\tmet\tO\t-\t-\n"
    "3\tHalden\tB-ORG\t-\t-\n"
    "4\tGroup\tI-ORG\t-\t-\n"
    "\n"
    "# newdoc id = b\n"
    "# sent_id = b-1\n"
    "1\tin\tO\t-\t-\n"
    "2\tSorvik\tI-LOC\t-\t-\n";

static void test_corpus_conll(void **state)
{
    (void)state;
    ng_ner_corpus c;
    ng_error err;
    assert_int_equal(ng_ner_corpus_parse("t.txt", conll_text, sizeof conll_text - 1, NG_NER_FMT_AUTO, &c, &err),
                     NG_OK);
    assert_int_equal(c.format, NG_NER_FMT_CONLL);
    assert_int_equal(c.ndocs, 2);
    assert_int_equal(c.nsents, 3);
    assert_int_equal(c.nwords, 20);
    assert_int_equal(c.ntypes, 4);
    assert_string_equal(c.types[1], "PER");
    assert_int_equal(c.iob[1], NG_IOB_I);
    assert_int_equal(c.type[3], ng_ner_corpus_type(&c, "LOC", 3));
    ng_ner_corpus_free(&c);
}

static void test_corpus_iob2(void **state)
{
    (void)state;
    ng_ner_corpus c;
    ng_error err;
    assert_int_equal(ng_ner_corpus_parse("t.iob2", iob2_text, sizeof iob2_text - 1, NG_NER_FMT_AUTO, &c, &err),
                     NG_OK);
    assert_int_equal(c.format, NG_NER_FMT_IOB2);
    assert_int_equal(c.ndocs, 2);
    assert_int_equal(c.nsents, 2);
    assert_int_equal(c.nwords, 6);
    assert_true(c.words[0].n == 4 && memcmp(c.words[0].s, "Tove", 4) == 0);
    assert_int_equal(c.iob[5], NG_IOB_B); /* IOB1-style I after O read as B */
    ng_ner_corpus_free(&c);
}

static void test_corpus_errors(void **state)
{
    (void)state;
    ng_ner_corpus c;
    ng_error err;
    static const char bad[] = "word NN X-PER\n";
    assert_int_equal(ng_ner_corpus_parse("bad.txt", bad, sizeof bad - 1, NG_NER_FMT_AUTO, &c, &err), NG_EFORMAT);
    assert_non_null(strstr(err.msg, "bad.txt:1"));
    ng_ner_corpus_free(&c);
    static const char short_line[] = "1\tword\n";
    assert_int_equal(ng_ner_corpus_parse("s.iob2", short_line, sizeof short_line - 1, NG_NER_FMT_AUTO, &c, &err),
                     NG_EFORMAT);
    ng_ner_corpus_free(&c);
    assert_int_equal(ng_ner_corpus_read("/nonexistent/ner.txt", NG_NER_FMT_AUTO, &c, &err), NG_ENOTFOUND);
    ng_ner_corpus_free(&c);
}

static void test_bilou_round_trip(void **state)
{
    (void)state;
    /* O B-1 I-1 I-1 B-2 B-2 O B-1 I-1 B-3 */
    const uint8_t iob[] = {NG_IOB_O, NG_IOB_B, NG_IOB_I, NG_IOB_I, NG_IOB_B, NG_IOB_B, NG_IOB_O, NG_IOB_B, NG_IOB_I, NG_IOB_B};
    const uint8_t type[] = {0, 1, 1, 1, 2, 2, 0, 1, 1, 3};
    uint32_t cls[10];
    ng_bilou_encode(iob, type, 10, cls);
    assert_int_equal(cls[0], 0);
    assert_int_equal(cls[1], ng_bilou_class(1, NG_BILOU_B));
    assert_int_equal(cls[2], ng_bilou_class(1, NG_BILOU_I));
    assert_int_equal(cls[3], ng_bilou_class(1, NG_BILOU_L));
    assert_int_equal(cls[4], ng_bilou_class(2, NG_BILOU_U));
    assert_int_equal(cls[5], ng_bilou_class(2, NG_BILOU_U));
    assert_int_equal(cls[9], ng_bilou_class(3, NG_BILOU_U));
    uint8_t iob2[10], type2[10];
    ng_bilou_decode(cls, 10, iob2, type2);
    assert_memory_equal(iob, iob2, 10);
    for (int i = 0; i < 10; i++)
        if (iob[i] != NG_IOB_O)
            assert_int_equal(type[i], type2[i]);
}

static void test_bilou_constraints(void **state)
{
    (void)state;
    uint32_t b1 = ng_bilou_class(1, NG_BILOU_B), i1 = ng_bilou_class(1, NG_BILOU_I);
    uint32_t l1 = ng_bilou_class(1, NG_BILOU_L), u1 = ng_bilou_class(1, NG_BILOU_U);
    uint32_t l2 = ng_bilou_class(2, NG_BILOU_L);
    assert_true(ng_bilou_allowed(0, b1, false));
    assert_false(ng_bilou_allowed(0, b1, true)); /* nothing can close it */
    assert_false(ng_bilou_allowed(0, i1, false));
    assert_true(ng_bilou_allowed(b1, l1, true));
    assert_false(ng_bilou_allowed(b1, i1, true));
    assert_false(ng_bilou_allowed(b1, l2, false));
    assert_false(ng_bilou_allowed(b1, 0, false));
    assert_true(ng_bilou_allowed(l1, u1, false));
    assert_true(ng_bilou_allowed(u1, 0, false));
    /* an invalid sequence still decodes to spans: I-1 L-1 after O */
    uint32_t bad[] = {0, i1, l1, u1};
    uint8_t iob[4], type[4];
    ng_bilou_decode(bad, 4, iob, type);
    assert_int_equal(iob[1], NG_IOB_B);
    assert_int_equal(iob[2], NG_IOB_I);
    assert_int_equal(iob[3], NG_IOB_B);
}

/* conlleval semantics, counted by hand:
 * gold: [PER 0-1] [LOC 3] [ORG 5-6]     pred: [PER 0-1] [LOC 3-4] [ORG 6]
 * correct 1 (PER); found 3; gold 3 -> P = R = F1 = 1/3. */
static void test_count_arithmetic(void **state)
{
    (void)state;
    const uint8_t giob[] = {NG_IOB_B, NG_IOB_I, NG_IOB_O, NG_IOB_B, NG_IOB_O, NG_IOB_B, NG_IOB_I};
    const uint8_t gtype[] = {1, 1, 0, 2, 0, 3, 3};
    const uint8_t piob[] = {NG_IOB_B, NG_IOB_I, NG_IOB_O, NG_IOB_B, NG_IOB_I, NG_IOB_O, NG_IOB_B};
    const uint8_t ptype[] = {1, 1, 0, 2, 2, 0, 3};
    ng_ner_counts k;
    memset(&k, 0, sizeof k);
    ng_ner_count(&k, giob, gtype, piob, ptype, 7);
    assert_int_equal(k.tokens, 7);
    assert_int_equal(k.tokens_ok, 4);
    assert_int_equal(k.gold[0], 3);
    assert_int_equal(k.found[0], 3);
    assert_int_equal(k.correct[0], 1);
    assert_int_equal(k.correct[1], 1);
    assert_int_equal(k.correct[2], 0);
    double p, r, f;
    ng_ner_prf(&k, 0, &p, &r, &f);
    assert_true(p > 0.3333 && p < 0.3334);
    assert_true(f > 0.3333 && f < 0.3334);
    ng_ner_prf(&k, 1, &p, &r, &f);
    assert_true(f == 1.0);
    ng_ner_prf(&k, 4, &p, &r, &f); /* a type never seen: 0, not NaN */
    assert_true(p == 0 && r == 0 && f == 0);
}

static void *read_all(const char *path, size_t *len)
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

/* Train on the tiny corpus; returns the model bytes. */
static void *train_tiny(size_t *len, uint64_t seed)
{
    ng_ner_corpus c;
    ng_error err;
    assert_int_equal(ng_ner_corpus_parse("t.txt", conll_text, sizeof conll_text - 1, NG_NER_FMT_AUTO, &c, &err),
                     NG_OK);
    ng_ner_train_opts o;
    ng_ner_train_defaults(&o);
    o.epochs = 5;
    o.seed = seed;
    char path[64];
    snprintf(path, sizeof path, "/tmp/ngner%dXXXXXX", (int)getpid());
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(ng_ner_train(&c, &c, &o, NULL, path, &err), NG_OK);
    void *img = read_all(path, len);
    unlink(path);
    ng_ner_corpus_free(&c);
    return img;
}

static void test_train_deterministic(void **state)
{
    (void)state;
    size_t n1, n2;
    void *a = train_tiny(&n1, 7), *b = train_tiny(&n2, 7);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
}

static void test_model_round_trip(void **state)
{
    (void)state;
    size_t len;
    void *img = train_tiny(&len, 1);
    ng_ner *m;
    ng_error err;
    assert_int_equal(ng_ner_load_mem("tiny.model", img, len, NULL, &m, &err), NG_OK);
    assert_int_equal(ng_ner_ntypes(m), 4);
    assert_string_equal(ng_ner_type_name(m, 0), "O");
    ng_ner_corpus c;
    assert_int_equal(ng_ner_corpus_parse("t.txt", conll_text, sizeof conll_text - 1, NG_NER_FMT_AUTO, &c, &err),
                     NG_OK);
    ng_ner_counts k;
    memset(&k, 0, sizeof k);
    assert_int_equal(ng_ner_eval(m, &c, false, &k, &err), NG_OK);
    double p, r, f;
    ng_ner_prf(&k, 0, &p, &r, &f);
    assert_true(f > 0.99); /* it learnt its training data */
    ng_ner_corpus_free(&c);
    ng_ner_free(m);
    free(img);
}

static void test_corrupt_model(void **state)
{
    (void)state;
    size_t len;
    unsigned char *img = train_tiny(&len, 1);
    ng_ner *m = NULL;
    ng_error err;
    img[len / 2] ^= 0x40; /* the checksum catches it */
    assert_int_equal(ng_ner_load_mem("flip.model", img, len, NULL, &m, &err), NG_EMODEL);
    assert_null(m);
    assert_non_null(strstr(err.msg, "flip.model"));
    img[len / 2] ^= 0x40;
    assert_int_equal(ng_ner_load_mem("short.model", img, len - 9, NULL, &m, &err), NG_EMODEL);
    assert_int_equal(ng_ner_load_mem("empty.model", img, 0, NULL, &m, &err), NG_EMODEL);
    assert_int_equal(ng_ner_load("/nonexistent/ner.model", NULL, &m, &err), NG_ENOTFOUND);
    /* a valid model file of another kind */
    ng_mwriter *w = ng_mwriter_new("pos");
    assert_non_null(w);
    assert_int_equal(ng_mwriter_add(w, "meta", "features=1\n", 11), NG_OK);
    void *other;
    size_t olen;
    assert_int_equal(ng_mwriter_image(w, &other, &olen), NG_OK);
    assert_int_equal(ng_ner_load_mem("pos.model", other, olen, NULL, &m, &err), NG_EMODEL);
    assert_non_null(strstr(err.msg, "not a NER model"));
    ng_free(other, olen);
    ng_mwriter_free(w);
    free(img);
}

/* A document with tokens and NER labels set by hand. */
static ng_doc *labelled_doc(void)
{
    static const char text[] = "Ilse Brann met Ilse Brann at Corvo Labs.";
    ng_doc *doc = ng_doc_new(text, sizeof text - 1);
    assert_non_null(doc);
    static const struct { uint32_t a, b; uint8_t iob, type; } toks[] = {
        {0, 4, NG_IOB_B, NG_ENT_PERSON}, {5, 10, NG_IOB_I, NG_ENT_PERSON}, {11, 14, NG_IOB_O, 0},
        {15, 19, NG_IOB_B, NG_ENT_PERSON}, {20, 25, NG_IOB_I, NG_ENT_PERSON}, {26, 28, NG_IOB_O, 0},
        {29, 34, NG_IOB_B, NG_ENT_ORG}, {35, 39, NG_IOB_I, NG_ENT_ORG}, {39, 40, NG_IOB_O, 0},
    };
    for (size_t i = 0; i < sizeof toks / sizeof toks[0]; i++) {
        ng_token t = {.start = toks[i].a, .end = toks[i].b, .head = -1, .ent_iob = toks[i].iob,
                      .ent_type = toks[i].type};
        assert_true(ng_doc_push_token(doc, &t));
    }
    ng_sentence s = {0, 9, 0, 40};
    assert_true(ng_doc_push_sentence(doc, &s));
    return doc;
}

static void test_group_mentions(void **state)
{
    (void)state;
    ng_doc *doc = labelled_doc();
    ng_error err;
    assert_int_equal(ng_entities_run(NULL, NULL, doc, &err), NG_OK); /* the entity stage, no lexicons */
    assert_int_equal(ng_doc_nentities(doc), 2);
    const ng_entity *e = ng_doc_entities(doc);
    assert_string_equal(e[0].name, "Ilse Brann");
    assert_int_equal(e[0].type, NG_ENT_PERSON);
    assert_int_equal(e[0].nmentions, 2);
    assert_int_equal(e[0].mentions[1].start, 15);
    assert_string_equal(e[1].name, "Corvo Labs");
    assert_int_equal(e[1].type, NG_ENT_ORG);
    ng_doc_free(doc);
}

static void test_corpus_doc(void **state)
{
    (void)state;
    ng_ner_corpus c;
    ng_error err;
    assert_int_equal(ng_ner_corpus_parse("t.txt", conll_text, sizeof conll_text - 1, NG_NER_FMT_AUTO, &c, &err),
                     NG_OK);
    ng_doc *doc;
    assert_int_equal(ng_ner_corpus_doc(&c, 1, &doc), NG_OK);
    assert_int_equal(ng_doc_ntokens(doc), 9);
    assert_int_equal(ng_doc_nsentences(doc), 1);
    size_t n;
    const char *s = ng_tok_text(doc, &doc->tokens[0], &n);
    assert_true(n == 6 && memcmp(s, "Ostrel", 6) == 0);
    ng_doc_free(doc);
    ng_ner_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_conll),      cmocka_unit_test(test_corpus_iob2),
        cmocka_unit_test(test_corpus_errors),     cmocka_unit_test(test_bilou_round_trip),
        cmocka_unit_test(test_bilou_constraints), cmocka_unit_test(test_count_arithmetic),
        cmocka_unit_test(test_train_deterministic), cmocka_unit_test(test_model_round_trip),
        cmocka_unit_test(test_corrupt_model),     cmocka_unit_test(test_group_mentions),
        cmocka_unit_test(test_corpus_doc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
