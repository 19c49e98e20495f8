/*
 * test_time.c - temporal expressions: calendar arithmetic, and each kind of
 * expression found and normalised against a document date.
 */
#include "testutil.h"

#include "time/timex.h"

/* Run tokenizer + time on text dated date (may be NULL); return the value of
 * the timex whose text starts with `expr`, or "none". */
static const char *value_of(const char *date, const char *text, const char *expr)
{
    static char out[64];
    ng_doc *doc = ng_doc_new(text, strlen(text));
    assert_non_null(doc);
    if (date)
        ng_doc_set(doc, NG_F_DATE, date);
    assert_int_equal(ng_tokenize(doc, NULL), NG_OK);
    assert_int_equal(ng_time_run(doc, NULL), NG_OK);
    snprintf(out, sizeof out, "none");
    const char *at = strstr(doc->text, expr);
    assert_non_null(at);
    for (size_t k = 0; k < doc->times->n; k++) {
        const ng_timex *t = &doc->times->items[k];
        if (doc->tokens[t->first].start == (uint32_t)(at - doc->text))
            snprintf(out, sizeof out, "%s%s", t->value, t->mod == NG_TMOD_SINCE ? "+since" : "");
    }
    ng_doc_free(doc);
    return out;
}

static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(ng_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(ng_weekday(2019, 10, 20), 0); /* a Sunday */
    assert_int_equal(ng_weekday(2022, 11, 10), 4); /* a Thursday */
    for (long z = -800000; z < 800000; z += 997) {
        ng_date d = ng_civil_from_days(z);
        assert_int_equal(ng_days_from_civil(d.year, d.month, d.day), z);
    }
}

static void test_absolute(void **state)
{
    (void)state;
    const char *d = "2019-10-20";
    assert_string_equal(value_of(d, "The firm was founded in 2017 by two students.", "2017"), "2017");
    assert_string_equal(value_of(d, "The deal closed on March 3, 2015, after talks.", "March"), "2015-03-03");
    assert_string_equal(value_of(d, "It opened on 4 July 2012 in a small office.", "4 July"), "2012-07-04");
    assert_string_equal(value_of(d, "Sales peaked in June 2018 and fell.", "June"), "2018-06");
    assert_string_equal(value_of(d, "The service has been banned there since 2010.", "2010"), "2010+since");
    assert_string_equal(value_of(d, "Growth slowed in the 1990s.", "1990s"), "199");
}

static void test_relative_past(void **state)
{
    (void)state;
    const char *d = "2019-10-20"; /* Sunday */
    assert_string_equal(value_of(d, "Executives met investors on Sunday.", "Sunday"), "2019-10-20");
    assert_string_equal(value_of(d, "She gave a talk on Wednesday, the first day.", "Wednesday"), "2019-10-16");
    assert_string_equal(value_of(d, "Last year, revenue fell sharply.", "Last year"), "2018");
    assert_string_equal(value_of(d, "This year's fair drew large crowds.", "This year"), "2019");
    assert_string_equal(value_of(d, "Crowds gathered on the weekend near the hall.", "the weekend"), "2019-W42-WE");
    assert_string_equal(value_of(d, "Regulators acted in December against the firm.", "December"), "2018-12");
    assert_string_equal(value_of(d, "The company listed three years ago in London.", "three"), "2016");
    assert_string_equal(value_of(d, "The chip maker was fined yesterday.", "yesterday"), "2019-10-19");
    assert_string_equal(value_of(d, "Profits rose last month.", "last month"), "2019-09");
}

static void test_relative_future(void **state)
{
    (void)state;
    const char *d = "2019-10-20";
    assert_string_equal(value_of(d, "The product will launch next spring in Asia.", "next spring"), "2020-SP");
    assert_string_equal(value_of(d, "The group will open an office this fall.", "this fall"), "2019-FA");
    assert_string_equal(value_of(d, "Leaders are expected to meet on September 23rd.", "September"), "2020-09-23");
    assert_string_equal(value_of(d, "The board will vote on Tuesday.", "Tuesday"), "2019-10-22");
    assert_string_equal(value_of(d, "Talks resume next week.", "next week"), "2019-W43");
}

static void test_anaphoric(void **state)
{
    (void)state;
    const char *d = "2022-11-10";
    const char *text = "In 2016, three founders met for an interview. The next year, a dinner was held in the town.";
    assert_string_equal(value_of(d, text, "The next year"), "2017");
    const char *same = "The fair opened on Wednesday. A rival showed a robot the same day.";
    assert_string_equal(value_of(d, same, "the same day"), "2022-11-09");
}

static void test_no_document_date(void **state)
{
    (void)state;
    assert_string_equal(value_of(NULL, "Last year, revenue fell sharply.", "Last year"), "XXXX");
    assert_string_equal(value_of(NULL, "A meeting is planned for September 23rd in the city.", "September"),
                        "XXXX-09-23");
    assert_string_equal(value_of(NULL, "The firm was founded in 2017.", "2017"), "2017");
}

static void test_not_times(void **state)
{
    (void)state;
    const char *d = "2019-10-20";
    assert_string_equal(value_of(d, "Prices may rise again, analysts said.", "may"), "none");
    assert_string_equal(value_of(d, "The new model will march past rivals.", "march"), "none");
    assert_string_equal(value_of(d, "Margins grew 2015 % faster in theory.", "2015"), "none");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar),      cmocka_unit_test(test_absolute),
        cmocka_unit_test(test_relative_past), cmocka_unit_test(test_relative_future),
        cmocka_unit_test(test_anaphoric),     cmocka_unit_test(test_no_document_date),
        cmocka_unit_test(test_not_times),
    };
    return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
