/*
 * serve.h - the HTTP server's parts, internal: the JSON API (api.c) that
 * turns a path and its arguments into a response through named queries only,
 * and the table of static UI files (static.c).  Invariants: request input
 * reaches the database as bound parameters, never as SQL text; a static file
 * is served only if it was found in the UI directory at start-up.
 */
#ifndef NG_SERVE_H
#define NG_SERVE_H

#include "core/core.h"

/* Hard limits on what a client controls. */
#define NG_SERVE_MAX_URL 2048              /* bytes of a request path */
#define NG_SERVE_MAX_ARGS 16               /* query-string arguments */
#define NG_SERVE_MAX_PARAM 256             /* bytes of one argument's value */
#define NG_SERVE_DEFAULT_LIMIT 50          /* rows of a list when no limit= */
#define NG_SERVE_MAX_LIMIT 500             /* rows of a JSON list */
#define NG_SERVE_MAX_CSV 20000             /* rows of a CSV download */
#define NG_SERVE_MAX_OFFSET 1000000        /* paging depth */
#define NG_SERVE_COUNT_CAP 100000          /* facts counted for a total; more say "at least" */
#define NG_SERVE_MAX_FACTS 2000            /* facts of an event table or a timeline */
#define NG_SERVE_PROFILE_FACTS 500         /* facts on an entity's profile (the rest: /api/facts) */
#define NG_SERVE_QUERY_MS 5000             /* a request's database time */
#define NG_SERVE_MAX_HEADERS (32 * 1024)   /* request line and headers, per connection */
#define NG_SERVE_TIMEOUT_S 15              /* an idle or slow connection is closed */
#define NG_SERVE_MAX_CONNECTIONS 512
#define NG_SERVE_MAX_THREADS 64
#define NG_SERVE_MAX_FILES 1024            /* files of the UI directory */
#define NG_SERVE_MAX_FILE (16 << 20)       /* bytes of one UI file */
#define NG_SERVE_MAX_STATIC (64 << 20)     /* bytes of all UI files */

/* ------------------------------------------------------------------ API */

/* One decoded query-string argument. */
typedef struct ng_api_arg {
    const char *name;
    const char *value;
} ng_api_arg;

/* A response: status, body and how to present it.  body is the caller's to
 * free (ng_buf_free); the strings are static. */
typedef struct ng_api_resp {
    int status;
    ng_buf body;
    const char *content_type;
    const char *disposition;  /* Content-Disposition, or NULL */
} ng_api_resp;

/* Answer GET path?args (path starts with "/api/" or is "/healthz") from kb.
 * Fills resp (resp->body initialised here) and returns its status: 200, or
 * 400/404/500/503 with a body {"error": "..."}. */
int ng_api_handle(ng_kb *kb, const char *path, const ng_api_arg *args, size_t nargs, ng_api_resp *resp);

/* Fill resp with {"error": msg} and status; returns status. */
int ng_api_error(ng_api_resp *resp, int status, const char *fmt, ...) NG_PRINTF(3, 4);

/* --------------------------------------------------------------- static */

/* One file of the UI, held in memory with its gzip form. */
typedef struct ng_static_file {
    char *path;               /* URL path, "/assets/app-1a2b.js" */
    char *data;
    size_t len;
    char *gz;                 /* gzip of data, or NULL when it does not pay */
    size_t gzlen;
    const char *mime;
    char etag[24];            /* "\"<16 hex>\"" */
    bool immutable;           /* content-hashed name: cache for a year */
} ng_static_file;

typedef struct ng_static {
    ng_static_file *files;    /* [nfiles] sorted by path */
    size_t nfiles, cap;
    size_t bytes;
} ng_static;

/* Load every regular file under dir (dotfiles and symlinks skipped) within
 * the NG_SERVE_MAX_* limits.  NG_ENOTFOUND when dir has no index.html. */
int ng_static_load(ng_static *st, const char *dir, ng_error *err);
void ng_static_free(ng_static *st);
/* The file for URL path: exact match, "/" for index.html, and the UI's own
 * routes (/entity/..., /event/..., /doc/..., /facts, /search) for index.html.
 * NULL when there is none. */
const ng_static_file *ng_static_find(const ng_static *st, const char *path);
/* The MIME type of a file name, by extension. */
const char *ng_static_mime(const char *name);

#endif /* NG_SERVE_H */
