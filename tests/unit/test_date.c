/*
 * test_date.c - ng_parse_date: the forms news sites write dates in, the
 * bytes consumed, and what must be rejected (impossible dates, non-dates).
 */
#include "testutil.h"

/* Parse s whole-string; check the ISO result and how much was consumed
 * (consumed < 0: all of s). */
static void check(const char *s, const char *iso, long consumed)
{
    char out[64];
    size_t n = ng_parse_date(s, strlen(s), out, sizeof out);
    if (n == 0)
        fail_msg("no date in \"%s\" (want %s)", s, iso);
    if (strcmp(out, iso) != 0)
        fail_msg("\"%s\" -> %s, want %s", s, out, iso);
    size_t want = consumed < 0 ? strlen(s) : (size_t)consumed;
    if (n != want)
        fail_msg("\"%s\": consumed %zu bytes, want %zu", s, n, want);
}

static void reject(const char *s)
{
    char out[64];
    size_t n = ng_parse_date(s, strlen(s), out, sizeof out);
    if (n != 0)
        fail_msg("\"%s\" parsed as %s", s, out);
    assert_string_equal(out, "");
}

static void test_iso(void **state)
{
    (void)state;
    check("2019-10-20", "2019-10-20", -1);
    check("2019-10-20T16:10", "2019-10-20T16:10", -1);
    check("2019-10-20T16:10:05", "2019-10-20T16:10:05", -1);
    check("2019-10-20T16:10:05Z", "2019-10-20T16:10:05Z", -1);
    check("2019-10-20T16:10:05.123+08:00", "2019-10-20T16:10:05+08:00", -1);
    check("2019-10-20T08:10:05-0500", "2019-10-20T08:10:05-05:00", -1);
    check("2019-10-20 16:10:00 +0800", "2019-10-20T16:10:00+08:00", -1);
    check("2019-10-20 16:10 UTC", "2019-10-20T16:10Z", -1);
    check("20191020T161000Z", "2019-10-20T16:10:00Z", -1);
    check("2019/10/20", "2019-10-20", -1);
    check("2019.10.20", "2019-10-20", -1);
    check("2019-1-5", "2019-01-05", -1);
    check("2019-10-20, more text", "2019-10-20", 10);
    check("2019-10-20 is when", "2019-10-20", 10);
}

static void test_rfc2822(void **state)
{
    (void)state;
    check("Sun, 20 Oct 2019 16:10:00 +0800", "2019-10-20T16:10:00+08:00", -1);
    check("Mon, 3 Feb 2020 09:05:00 GMT", "2020-02-03T09:05:00Z", -1);
    check("Tue, 02 Jun 2020 23:59:59 -0700", "2020-06-02T23:59:59-07:00", -1);
}

static void test_month_names(void **state)
{
    (void)state;
    check("October 20, 2019", "2019-10-20", -1);
    check("Oct. 20, 2019", "2019-10-20", -1);
    check("Oct 20 2019", "2019-10-20", -1);
    check("Sept. 3, 2021", "2021-09-03", -1);
    check("October 20th, 2019", "2019-10-20", -1);
    check("20 October 2019", "2019-10-20", -1);
    check("20th October 2019", "2019-10-20", -1);
    check("1st of March, 2021", "2021-03-01", -1);
    check("20 Oct. 2019", "2019-10-20", -1);
    check("20-Oct-2019", "2019-10-20", -1);
    check("Sunday, October 20, 2019", "2019-10-20", -1);
    check("Thurs. March 4, 2021", "2021-03-04", -1);
    check("MARCH 4, 2021", "2021-03-04", -1);
    check("May 5, 2019.", "2019-05-05", 11);
}

static void test_times_and_zones(void **state)
{
    (void)state;
    check("Oct. 20, 2019 4:10 p.m. EDT", "2019-10-20T16:10-04:00", -1);
    check("Oct. 20, 2019 4:10 a.m.", "2019-10-20T04:10", -1);
    check("October 20, 2019 at 12:05 AM", "2019-10-20T00:05", -1);
    check("October 20, 2019 12 p.m. PT", "2019-10-20T12:00-07:00", -1);
    check("December 20, 2019 4pm ET", "2019-12-20T16:00-05:00", -1);
    check("20 Oct 2019 16:10 GMT", "2019-10-20T16:10Z", -1);
    check("20 Oct 2019 16:10 GMT+8", "2019-10-20T16:10+08:00", -1);
    check("20 Oct 2019, 4.10pm BST", "2019-10-20T16:10+01:00", -1);
    check("Tue 2 Mar 2021 14.05 GMT", "2021-03-02T14:05Z", -1);
    check("March 3, 2021 / 4:12 PM", "2021-03-03T16:12", -1);
    check("2 Mar 2021 14.05 and more", "2021-03-02", 10); /* "14.05" alone is no time */
    check("20 Oct 2019 16:10 (UTC+08:00)", "2019-10-20T16:10+08:00", -1);
    check("2019-10-20 16:10 Beijing time", "2019-10-20T16:10+08:00", -1);
    check("March 1, 2021 9:00 PST", "2021-03-01T09:00-08:00", -1);
    check("March 20, 2021 9:00 ET", "2021-03-20T09:00-04:00", -1); /* after the DST change */
    check("March 10, 2006 9:00 ET", "2006-03-10T09:00-05:00", -1); /* old US rule */
    /* a time before the date */
    check("4:10 PM ET, Sun October 20, 2019", "2019-10-20T16:10-04:00", -1);
    check("16:10, 20 October 2019", "2019-10-20T16:10", -1);
    check("09:30 GMT on 3 March 2021", "2021-03-03T09:30Z", -1);
    /* no time when what follows is not one */
    check("October 20, 2019 4 of them", "2019-10-20", 16);
    check("October 20, 2019 - Jane Doe", "2019-10-20", 16);
    check("20 Oct 2019 25:10", "2019-10-20", 11);
}

static void test_numeric(void **state)
{
    (void)state;
    check("20.10.2019", "2019-10-20", -1);
    check("20/10/2019", "2019-10-20", -1);
    check("10/20/2019", "2019-10-20", -1);
    check("03/04/2021", "2021-03-04", -1); /* slashes: US order when ambiguous */
    check("04.03.2021", "2021-03-04", -1); /* dots: day first */
    check("20-10-2019 16:10", "2019-10-20T16:10", -1);
}

static void test_labels(void **state)
{
    (void)state;
    check("Published: October 20, 2019", "2019-10-20", -1);
    check("Published on Oct 20, 2019", "2019-10-20", -1);
    check("Updated 4:10 PM ET, Sun October 20, 2019", "2019-10-20T16:10-04:00", -1);
    check("Updated: 2019-10-21 09:00", "2019-10-21T09:00", -1);
    check("Posted on March 3, 2021", "2021-03-03", -1);
    check("Last updated on 3 March 2021", "2021-03-03", -1);
    check("date 2022-11-10 As the summit", "2022-11-10", 15);
    check("  Date: 2022-11-10", "2022-11-10", -1);
}

static void test_cjk(void **state)
{
    (void)state;
    check("2019年10月20日", "2019-10-20", -1);
    check("2019年10月20日16:10", "2019-10-20T16:10", -1);
    check("2019年10月20日 16時10分", "2019-10-20T16:10", -1);
    check("2019年10月20日 下午4:10", "2019-10-20T16:10", -1);
    check("2019年10月20日（日）16:10", "2019-10-20T16:10", -1);
    check("2019 年 1 月 5 日", "2019-01-05", -1);
    check("發布於 2019年10月20日16:10 • 記者", "2019-10-20T16:10", (long)strlen("發布於 2019年10月20日16:10"));
    check("2019년 10월 20일", "2019-10-20", -1);
}

static void test_rejects(void **state)
{
    (void)state;
    reject("");
    reject("   ");
    reject("February 30, 2019");
    reject("2019-02-29");
    reject("2019-13-01");
    reject("2019-00-10");
    reject("31.04.2021");
    reject("32 October 2019");
    reject("Octopus 20, 2019");
    reject("October 20");
    reject("October 2019");
    reject("3 hours ago");
    reject("Published: yesterday");
    reject("12.5 million");
    reject("20191020");
    reject("2019-10-201");
    reject("1700-01-01");
    reject("The summit opened on Sunday");
    reject("4:10 PM");
    reject("10/20/19");
    check("2020-02-29", "2020-02-29", -1);
    check("2000-02-29", "2000-02-29", -1);
    reject("1900-02-29");
}

/* Truncated input: no byte past len is read, and no partial date returned
 * beyond what len holds. */
static void test_bounds(void **state)
{
    (void)state;
    const char *s = "2019-10-20T16:10:00+08:00";
    char out[64];
    for (size_t n = 0; n <= strlen(s); n++) {
        char *copy = malloc(n ? n : 1);
        memcpy(copy, s, n);
        size_t k = ng_parse_date(copy, n, out, sizeof out);
        assert_true(k <= n);
        if (n < 9) /* "2019-10-2" is a date */
            assert_int_equal(k, 0);
        if (n == 10 || n == strlen(s))
            assert_int_equal(k, n);
        free(copy);
    }
    /* a small output buffer is truncated, never overrun */
    char tiny[8];
    assert_int_equal(ng_parse_date("2019-10-20", 10, tiny, sizeof tiny), 10);
    assert_string_equal(tiny, "2019-10");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso),       cmocka_unit_test(test_rfc2822), cmocka_unit_test(test_month_names),
        cmocka_unit_test(test_times_and_zones), cmocka_unit_test(test_numeric), cmocka_unit_test(test_labels),
        cmocka_unit_test(test_cjk),       cmocka_unit_test(test_rejects), cmocka_unit_test(test_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
