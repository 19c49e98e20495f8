/*
 * core.h - internal building blocks shared by every module: allocation,
 * arenas, growable buffers, errors and logging, hashing, UTF-8 helpers.
 * Never installed; modules include it, the CLI uses only newsgraph.h.
 */
#ifndef NG_CORE_H
#define NG_CORE_H

#include "newsgraph.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define NG_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define NG_MIN(a, b) ((a) < (b) ? (a) : (b))
#define NG_MAX(a, b) ((a) > (b) ? (a) : (b))

#if defined(__GNUC__)
#define NG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NG_PRINTF(f, a)
#endif

/* ------------------------------------------------------------ allocation */

/* All library allocation goes through these (see ng_set_allocator). */
void *ng_malloc(size_t n);
void *ng_calloc(size_t count, size_t size);
void *ng_realloc(void *p, size_t osize, size_t nsize);
void ng_free(void *p, size_t size);
char *ng_strndup(const char *s, size_t n);

/* Grow a dynamic array *pa of *pcap elements of size elt so it holds at
 * least need; returns false (leaving the array intact) when out of memory. */
bool ng_grow(void **pa, size_t *pcap, size_t need, size_t elt);
#define NG_GROW(a, cap, need) ng_grow((void **)&(a), &(cap), (need), sizeof(*(a)))

/* ---------------------------------------------------------------- arena */

/* A bump allocator: blocks of at least NG_ARENA_BLOCK bytes, freed at once.
 * Invariant: every pointer it returns is 8-byte aligned. */
typedef struct ng_arena_block ng_arena_block;
typedef struct ng_arena {
    ng_arena_block *head;
    size_t used; /* bytes handed out from head */
    size_t total;/* bytes in all blocks, for accounting */
} ng_arena;

void ng_arena_init(ng_arena *a);
void ng_arena_free(ng_arena *a);
void *ng_arena_alloc(ng_arena *a, size_t n);           /* uninitialised */
void *ng_arena_calloc(ng_arena *a, size_t n);          /* zeroed */
char *ng_arena_strndup(ng_arena *a, const char *s, size_t n);
char *ng_arena_strdup(ng_arena *a, const char *s);

/* ------------------------------------------------------ growable buffer */

/* A byte buffer that keeps a NUL after its data.  Failed growth sets oom and
 * turns further appends into no-ops, so callers check once at the end. */
typedef struct ng_buf {
    char *data;
    size_t len;
    size_t cap;
    bool oom;
} ng_buf;

void ng_buf_init(ng_buf *b);
void ng_buf_free(ng_buf *b);
void ng_buf_clear(ng_buf *b);
bool ng_buf_reserve(ng_buf *b, size_t extra);
void ng_buf_append(ng_buf *b, const void *p, size_t n);
void ng_buf_puts(ng_buf *b, const char *s);
void ng_buf_putc(ng_buf *b, char c);
void ng_buf_printf(ng_buf *b, const char *fmt, ...) NG_PRINTF(2, 3);
/* Hand the data to the caller (free with ng_free(p, cap) or free-size 0). */
char *ng_buf_take(ng_buf *b, size_t *len);

/* --------------------------------------------------------- errors, logs */

/* Fill err (if not NULL) with code and a formatted message; returns code. */
int ng_err(ng_error *err, int code, const char *fmt, ...) NG_PRINTF(3, 4);
void ng_log(ng_log_level level, const char *fmt, ...) NG_PRINTF(2, 3);

/* -------------------------------------------------------------- hashing */

uint64_t ng_hash(const void *p, size_t n, uint64_t seed);
static inline uint64_t ng_hash_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdULL;
}

/* An interning table: strings to dense ids 0..n-1, and back.  Strings are
 * copied into the table's own arena. */
typedef struct ng_strtab {
    ng_arena arena;
    const char **strs;  /* [n] id -> string */
    uint32_t *lens;     /* [n] id -> length */
    uint32_t n, cap;
    uint32_t *slots;    /* open addressing: id + 1, 0 = empty; [nslots] */
    uint32_t nslots;
} ng_strtab;

void ng_strtab_init(ng_strtab *t);
void ng_strtab_free(ng_strtab *t);
/* Id of s, adding it when absent; -1 when out of memory. */
int64_t ng_strtab_intern(ng_strtab *t, const char *s, size_t n);
/* Id of s or -1 when absent. */
int64_t ng_strtab_find(const ng_strtab *t, const char *s, size_t n);

/* ---------------------------------------------------------------- UTF-8 */

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is invalid
 * or truncated at end. */
size_t ng_utf8_seqlen(const unsigned char *s, const unsigned char *end);
/* Decode one code point at *ps (advancing it); U+FFFD for an invalid byte. */
int32_t ng_utf8_next(const char **ps, const char *end);
/* Encode cp into out (>= 4 bytes); returns the byte count. */
size_t ng_utf8_encode(int32_t cp, char *out);
/* Copy src to b repairing it: invalid sequences become U+FFFD, NUL bytes are
 * dropped, CRLF and CR become LF.  Returns the number of repairs. */
size_t ng_utf8_repair(ng_buf *b, const char *src, size_t len);

/* ------------------------------------------------------------ sha256 */

/* Hex digest (65 bytes with NUL) of data. */
void ng_sha256_hex(const void *data, size_t len, char out[65]);

/* ------------------------------------------------------------- strings */

bool ng_is_space_ascii(int c);
/* Trim ASCII and Unicode whitespace from both ends of [*ps, *pe). */
void ng_trim(const char **ps, const char **pe);
/* Case-insensitive ASCII comparisons. */
bool ng_strieq(const char *a, const char *b);
bool ng_strnieq(const char *a, const char *b, size_t n);
bool ng_starts_with(const char *s, const char *prefix);

#endif /* NG_CORE_H */
