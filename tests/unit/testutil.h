/*
 * testutil.h - cmocka plus what several unit tests share: a failing
 * allocator for out-of-memory paths and temporary files.
 */
#ifndef NG_TESTUTIL_H
#define NG_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "newsgraph.h"

/* An allocator that fails the fail_at-th call (1-based) and every one after
 * it while armed; counts calls so a test can walk every failure point. */
typedef struct test_alloc {
    long calls;
    long fail_at; /* 0 = never fail */
} test_alloc;

static inline void *test_alloc_fn(void *ud, void *ptr, size_t osize, size_t nsize)
{
    test_alloc *a = ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    a->calls++;
    if (a->fail_at && a->calls >= a->fail_at)
        return NULL;
    return realloc(ptr, nsize);
}

/* Write data to a new temporary file with the given suffix; returns its path
 * in buf (caller unlinks). */
static inline const char *test_tmpfile(char *buf, size_t size, const char *suffix, const void *data, size_t len)
{
    snprintf(buf, size, "/tmp/ngtestXXXXXX%s", suffix);
    int fd = mkstemps(buf, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
    return buf;
}

/* Directory of the project root's test data. */
#define TEST_DATA "tests/data"

#endif /* NG_TESTUTIL_H */
