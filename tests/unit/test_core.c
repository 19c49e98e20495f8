/*
 * test_core.c - arena, buffers, interning, UTF-8 repair, JSON escaping,
 * sha256, document fields, tag tables, and out-of-memory paths.
 */
#include "testutil.h"

#include "core/core.h"
#include "core/doc.h"
#include "write/json.h"

static void test_arena(void **state)
{
    (void)state;
    ng_arena a;
    ng_arena_init(&a);
    char *prev = NULL;
    for (int i = 0; i < 10000; i++) {
        char *p = ng_arena_alloc(&a, (size_t)(i % 97) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 8, 0);
        memset(p, 'x', (size_t)(i % 97) + 1);
        assert_true(p != prev);
        prev = p;
    }
    char *big = ng_arena_calloc(&a, 100000);
    assert_non_null(big);
    assert_int_equal(big[99999], 0);
    assert_string_equal(ng_arena_strndup(&a, "hello world", 5), "hello");
    ng_arena_free(&a);
}

static void test_buf(void **state)
{
    (void)state;
    ng_buf b;
    ng_buf_init(&b);
    ng_buf_puts(&b, "abc");
    ng_buf_putc(&b, '-');
    ng_buf_printf(&b, "%d/%s", 42, "x");
    assert_string_equal(b.data, "abc-42/x");
    char big[1000];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ng_buf_printf(&b, "%s", big);
    assert_int_equal(b.len, 8 + 999);
    size_t len;
    char *p = ng_buf_take(&b, &len);
    assert_int_equal(len, 1007);
    assert_null(b.data);
    ng_free(p, 0);
}

static void test_strtab(void **state)
{
    (void)state;
    ng_strtab t;
    ng_strtab_init(&t);
    char word[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(word, sizeof word, "w%d", i);
        assert_int_equal(ng_strtab_intern(&t, word, strlen(word)), i);
    }
    for (int i = 0; i < 5000; i += 7) {
        snprintf(word, sizeof word, "w%d", i);
        assert_int_equal(ng_strtab_find(&t, word, strlen(word)), i);
        assert_int_equal(ng_strtab_intern(&t, word, strlen(word)), i);
        assert_string_equal(t.strs[i], word);
    }
    assert_int_equal(ng_strtab_find(&t, "absent", 6), -1);
    assert_int_equal(t.n, 5000);
    ng_strtab_free(&t);
}

static void test_utf8_repair(void **state)
{
    (void)state;
    ng_buf b;
    ng_buf_init(&b);
    /* invalid byte, NUL, overlong, surrogate, truncated, CRLF */
    const char in[] = "a\xff" "b\0c\xc0\xaf" "d\xed\xa0\x80" "e\r\nf\rg\xe2\x82";
    size_t repairs = ng_utf8_repair(&b, in, sizeof in - 1);
    assert_string_equal(b.data, "a\xef\xbf\xbd" "bc\xef\xbf\xbd\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                                "e\nf\ng\xef\xbf\xbd\xef\xbf\xbd");
    assert_int_equal(repairs, 9);
    ng_buf_clear(&b);
    assert_int_equal(ng_utf8_repair(&b, "naïve 中文 😀", strlen("naïve 中文 😀")), 0);
    assert_string_equal(b.data, "naïve 中文 😀");
    const char *s = "é€😀", *e = s + strlen(s);
    assert_int_equal(ng_utf8_next(&s, e), 0xe9);
    assert_int_equal(ng_utf8_next(&s, e), 0x20ac);
    assert_int_equal(ng_utf8_next(&s, e), 0x1f600);
    assert_ptr_equal(s, e);
    ng_buf_free(&b);
}

static void test_json_escape(void **state)
{
    (void)state;
    ng_buf b;
    ng_buf_init(&b);
    ng_json_str(&b, "q\"b\\n\n\t\x01\xff", 9);
    assert_string_equal(b.data, "\"q\\\"b\\\\n\\n\\t\\u0001\xef\xbf\xbd\"");
    ng_buf_clear(&b);
    ng_buf_putc(&b, '{');
    ng_json_kv_str(&b, "a", "x");
    ng_json_kv_int(&b, "b", -3);
    ng_json_kv_str(&b, "c", NULL);
    ng_buf_putc(&b, '}');
    assert_string_equal(b.data, "{\"a\":\"x\",\"b\":-3,\"c\":null}");
    ng_buf_free(&b);
}

static void test_sha256(void **state)
{
    (void)state;
    char hex[65];
    ng_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_doc_fields(void **state)
{
    (void)state;
    ng_doc *doc = ng_doc_new("body\xff text", 10);
    assert_non_null(doc);
    assert_int_equal(ng_doc_repairs(doc), 1);
    size_t len;
    assert_string_equal(ng_doc_text(doc, &len), "body\xef\xbf\xbd text");
    assert_int_equal(ng_doc_set(doc, NG_F_TITLE, "  A   title\n with\tspaces "), NG_OK);
    assert_string_equal(ng_doc_get(doc, NG_F_TITLE), "A title with spaces");
    assert_int_equal(ng_doc_set(doc, NG_F_TITLE, NULL), NG_OK);
    assert_null(ng_doc_get(doc, NG_F_TITLE));
    assert_int_equal(ng_doc_set(doc, NG_NFIELDS, "x"), NG_EARG);
    ng_doc_free(doc);
}

static void test_tags(void **state)
{
    (void)state;
    for (int i = 1; i < NG_NUPOS; i++)
        assert_int_equal(ng_upos_id(ng_upos_name(i)), i);
    for (int i = 1; i < ng_xpos_count(); i++)
        assert_int_equal(ng_xpos_id(ng_xpos_name(i)), i);
    for (int i = 1; i < ng_deprel_count(); i++)
        assert_int_equal(ng_deprel_id(ng_deprel_name(i)), i);
    assert_int_equal(ng_upos_id("NOPE"), 0);
    assert_string_equal(ng_upos_name(999), "_");
    assert_string_equal(ng_ent_type_name(NG_ENT_PERSON), "PERSON");
    assert_string_equal(ng_strerror(NG_EMODEL), "bad or missing model");
    assert_string_equal(ng_strerror(-1), "unknown error");
}

/* Every allocation inside ng_doc_new and ng_doc_set may fail: no crash, no
 * leak (ASan checks), a clean NULL or NG_ENOMEM. */
static void test_doc_oom(void **state)
{
    (void)state;
    test_alloc a = {0, 0};
    for (long k = 1; k < 50; k++) {
        a.calls = 0;
        a.fail_at = k;
        ng_set_allocator(test_alloc_fn, &a);
        ng_doc *doc = ng_doc_new("some text here", 14);
        int rc = doc ? ng_doc_set(doc, NG_F_TITLE, "title") : NG_ENOMEM;
        ng_set_allocator(NULL, NULL);
        assert_true(rc == NG_OK || rc == NG_ENOMEM);
        ng_doc_free(doc);
        if (a.calls < k)
            break; /* every failure point has been walked */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),       cmocka_unit_test(test_buf),
        cmocka_unit_test(test_strtab),      cmocka_unit_test(test_utf8_repair),
        cmocka_unit_test(test_json_escape), cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_doc_fields),  cmocka_unit_test(test_tags),
        cmocka_unit_test(test_doc_oom),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
