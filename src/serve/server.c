/*
 * server.c - `newsgraph serve` on libmicrohttpd: a pool of threads, a pool of
 * read-only database connections (one per thread, since an ng_kb is used by
 * one thread at a time), GET/HEAD only, request size and time limits, and
 * the UI from memory.  Invariant: every request gets a response with a
 * status and, for errors, a JSON body {"error": "..."}.
 */
#include "serve/serve.h"

#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct ng_server {
    struct MHD_Daemon *daemon;
    ng_kb **kbs;              /* [nkbs] read-only connections */
    int *free_kbs;            /* stack of free indices [nfree] */
    int nkbs, nfree;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    ng_static ui;
    char *web_dir;            /* NULL: no UI */
    int port;
    /* /api/overview scans whole tables: its answer is kept this long. */
    char *overview;           /* cached body, or NULL */
    size_t noverview;
    double overview_at;       /* monotonic seconds */
};

#define OVERVIEW_TTL_S 10.0

/* Security headers of every response. */
static const char CSP[] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/* The status of the response this thread queued last (for the request log). */
static _Thread_local int t_status;

/* ------------------------------------------------------------ connections */

static ng_kb *kb_acquire(ng_server *s)
{
    pthread_mutex_lock(&s->lock);
    while (s->nfree == 0)
        pthread_cond_wait(&s->cond, &s->lock);
    ng_kb *kb = s->kbs[s->free_kbs[--s->nfree]];
    pthread_mutex_unlock(&s->lock);
    return kb;
}

static void kb_release(ng_server *s, ng_kb *kb)
{
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < s->nkbs; i++)
        if (s->kbs[i] == kb)
            s->free_kbs[s->nfree++] = i;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

/* -------------------------------------------------------------- responses */

static enum MHD_Result send_buf(struct MHD_Connection *c, int status, const char *type, const char *data, size_t len,
                            enum MHD_ResponseMemoryMode mode, const char *cache)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, mode);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (status == 405)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    t_status = status;
    return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ng_api_resp resp;
    ng_buf_init(&resp.body);
    ng_api_error(&resp, status, "%s", msg);
    enum MHD_Result ok = send_buf(c, status, resp.content_type, resp.body.data, resp.body.len, MHD_RESPMEM_MUST_COPY,
                              "no-store");
    ng_buf_free(&resp.body);
    return ok;
}

/* Does the client take gzip (Accept-Encoding names it without q=0)? */
static bool takes_gzip(struct MHD_Connection *c)
{
    const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    const char *g = ae ? strstr(ae, "gzip") : NULL;
    return g && strncmp(g + 4, ";q=0", 4) != 0 && strncmp(g + 4, "; q=0", 5) != 0;
}

static enum MHD_Result send_file(struct MHD_Connection *c, const ng_static_file *f)
{
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    bool fresh = inm && strstr(inm, f->etag);
    bool gz = !fresh && f->gz && takes_gzip(c);
    struct MHD_Response *r = MHD_create_response_from_buffer(fresh ? 0 : gz ? f->gzlen : f->len,
                                                             fresh ? NULL : gz ? f->gz : f->data,
                                                             MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, f->mime);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                            f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, f->etag);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (f->gz)
        MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    if (gz)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
    if (strncmp(f->mime, "text/html", 9) == 0) {
        MHD_add_response_header(r, "Content-Security-Policy", CSP);
        MHD_add_response_header(r, "X-Frame-Options", "DENY");
    }
    enum MHD_Result ok = MHD_queue_response(c, fresh ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    t_status = fresh ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK;
    return ok;
}

static const char NO_UI[] =
    "<!doctype html><meta charset=utf-8><title>newsgraph</title>"
    "<p>The web UI is not built. Run <code>make web</code> (it goes to build/web), or point "
    "<code>NEWSGRAPH_WEB</code> or <code>--web DIR</code> at a built UI.</p>"
    "<p>The JSON API works: try <a href=\"/api/overview\">/api/overview</a>.</p>\n";

static enum MHD_Result serve_static(ng_server *s, struct MHD_Connection *c, const char *url)
{
    const ng_static_file *f = s->web_dir ? ng_static_find(&s->ui, url) : NULL;
    if (f)
        return send_file(c, f);
    if (!s->web_dir && (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0))
        return send_buf(c, 404, "text/html; charset=utf-8", NO_UI, sizeof NO_UI - 1, MHD_RESPMEM_PERSISTENT, "no-store");
    return send_error(c, 404, "not found: %.200s", url);
}

/* ---------------------------------------------------------------- requests */

typedef struct arg_list {
    ng_api_arg a[NG_SERVE_MAX_ARGS + 1];
    size_t n;
} arg_list;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    arg_list *l = cls;
    if (l->n < NG_ARRAY_LEN(l->a))
        l->a[l->n] = (ng_api_arg){key, value ? value : ""};
    l->n++;
    return MHD_YES;
}

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The cached overview into resp, if fresh. */
static bool overview_cached(ng_server *s, ng_api_resp *resp)
{
    bool hit = false;
    pthread_mutex_lock(&s->lock);
    if (s->overview && mono_s() - s->overview_at < OVERVIEW_TTL_S) {
        ng_buf_init(&resp->body);
        ng_buf_append(&resp->body, s->overview, s->noverview);
        resp->status = 200;
        resp->content_type = "application/json; charset=utf-8";
        resp->disposition = NULL;
        hit = true;
    }
    pthread_mutex_unlock(&s->lock);
    return hit;
}

static void overview_keep(ng_server *s, const ng_api_resp *resp)
{
    char *copy = resp->status == 200 && !resp->body.oom ? malloc(resp->body.len) : NULL;
    if (!copy)
        return;
    memcpy(copy, resp->body.data, resp->body.len);
    pthread_mutex_lock(&s->lock);
    free(s->overview);
    s->overview = copy;
    s->noverview = resp->body.len;
    s->overview_at = mono_s();
    pthread_mutex_unlock(&s->lock);
}

static enum MHD_Result serve_api(ng_server *s, struct MHD_Connection *c, const char *url)
{
    arg_list args = {.n = 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &args);
    ng_api_resp resp;
    bool overview = strcmp(url, "/api/overview") == 0 && args.n == 0;
    if (args.n > NG_SERVE_MAX_ARGS) {
        ng_buf_init(&resp.body);
        ng_api_error(&resp, 400, "too many query arguments (at most %d)", NG_SERVE_MAX_ARGS);
    } else if (!overview || !overview_cached(s, &resp)) {
        ng_kb *kb = kb_acquire(s);
        ng_api_handle(kb, url, args.a, args.n, &resp);
        kb_release(s, kb);
        if (overview)
            overview_keep(s, &resp);
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(resp.body.len, resp.body.data, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ok = MHD_NO;
    if (r && !resp.body.oom) {
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp.content_type);
        MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
        MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
        if (resp.disposition)
            MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, resp.disposition);
        ok = MHD_queue_response(c, (unsigned)resp.status, r);
        t_status = resp.status;
    }
    if (r)
        MHD_destroy_response(r);
    ng_buf_free(&resp.body);
    return ok;
}

/* Does the request announce a body (Content-Length > 0 or chunked)? */
static bool has_body(struct MHD_Connection *c)
{
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    return (cl && strspn(cl, "0") != strlen(cl)) || te;
}

static enum MHD_Result route(ng_server *s, struct MHD_Connection *c, const char *url, const char *method)
{
    bool get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 || strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
    if (!get)
        return send_error(c, 405, "%.16s is not allowed: the API is read-only (GET and HEAD)", method);
    if (has_body(c))
        return send_error(c, 413, "a GET request takes no body");
    if (strlen(url) > NG_SERVE_MAX_URL)
        return send_error(c, 414, "the path is longer than %d bytes", NG_SERVE_MAX_URL);
    if (ng_starts_with(url, "/api/") || strcmp(url, "/healthz") == 0)
        return serve_api(s, c, url);
    return serve_static(s, c, url);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)version;
    (void)upload;
    ng_server *s = cls;
    if (!*state) { /* headers read: answer on the next call, so the connection is kept alive */
        *state = s;
        bool get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 || strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
        if (get && !has_body(c))
            return MHD_YES;
    } else if (*upload_size) { /* a body nobody asked for: discard it */
        *upload_size = 0;
        return MHD_YES;
    }
    t_status = 0;
    enum MHD_Result ok = route(s, c, url, method);
    ng_log(NG_LOG_INFO, "%.16s %.300s %d", method, url, t_status);
    return ok;
}

static void on_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    ng_log(NG_LOG_WARN, "serve: %s", msg);
}

/* ----------------------------------------------------------------- public */

static bool has_index(const char *dir)
{
    char p[PATH_MAX];
    struct stat sb;
    return (size_t)snprintf(p, sizeof p, "%s/index.html", dir) < sizeof p && stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

const char *ng_web_dir(void)
{
    static char out[PATH_MAX];
    const char *env = getenv("NEWSGRAPH_WEB");
    if (env && *env) {
        snprintf(out, sizeof out, "%s", env);
        return has_index(out) ? out : NULL;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    static const char *const rel[] = {"web", "../share/newsgraph/web"};
    for (size_t i = 0; i < NG_ARRAY_LEN(rel); i++)
        if ((size_t)snprintf(out, sizeof out, "%s/%s", exe, rel[i]) < sizeof out && has_index(out))
            return out;
    return NULL;
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return (int)NG_MAX(2, NG_MIN(n, 16));
}

static int ignore_row(void *ud, const ng_kb_row *row)
{
    (void)ud;
    (void)row;
    return 0;
}

static int open_kbs(ng_server *s, const char *db, int n, ng_error *err)
{
    s->kbs = calloc((size_t)n, sizeof *s->kbs);
    s->free_kbs = calloc((size_t)n, sizeof *s->free_kbs);
    if (!s->kbs || !s->free_kbs)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", db);
    for (int i = 0; i < n; i++) {
        if (!(s->kbs[i] = ng_kb_open(db, NG_KB_READONLY, err)))
            return err ? err->code : NG_EDB;
        s->nkbs++;
        s->free_kbs[s->nfree++] = i;
        /* One query now: reads the schema (so the first request is not the
         * slow one) and says at start when db is no knowledge base. */
        if (ng_kb_query(s->kbs[i], "web.health", NULL, 0, ignore_row, NULL, err) != NG_OK)
            return err ? err->code : NG_EDB;
    }
    return NG_OK;
}

static int load_ui(ng_server *s, const char *dir, ng_error *err)
{
    if (!dir)
        dir = ng_web_dir();
    if (!dir || !*dir)
        return NG_OK;
    int rc = ng_static_load(&s->ui, dir, err);
    if (rc != NG_OK)
        return rc;
    s->web_dir = strdup(dir);
    return s->web_dir ? NG_OK : ng_err(err, NG_ENOMEM, "%s: out of memory", dir);
}

/* The listening address from opts->bind, or an error. */
static int parse_bind(const char *bind, struct sockaddr_storage *ss, bool *v6, ng_error *err)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    *v6 = false;
    if (inet_pton(AF_INET, bind, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        return NG_OK;
    }
    if (inet_pton(AF_INET6, bind, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        *v6 = true;
        return NG_OK;
    }
    return ng_err(err, NG_EARG, "--bind %s: not an IPv4 or IPv6 address", bind);
}

static int listen_on(ng_server *s, const ng_server_opts *o, int threads, ng_error *err)
{
    struct sockaddr_storage ss;
    bool v6;
    const char *bind = o->bind ? o->bind : "127.0.0.1";
    if (parse_bind(bind, &ss, &v6, err) != NG_OK)
        return NG_EARG;
    if (o->port < 0 || o->port > 65535)
        return ng_err(err, NG_EARG, "--port %d: want 0 to 65535", o->port);
    if (v6)
        ((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)o->port);
    else
        ((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)o->port);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | (v6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, s,
                                 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                                 MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)NG_SERVE_MAX_CONNECTIONS,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)NG_SERVE_TIMEOUT_S,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)NG_SERVE_MAX_HEADERS,
                                 MHD_OPTION_EXTERNAL_LOGGER, on_log, NULL, MHD_OPTION_END);
    if (!s->daemon)
        return ng_err(err, NG_EIO, "%s port %d: cannot listen (in use, or not an address of this machine)", bind,
                      o->port);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    return NG_OK;
}

ng_server *ng_server_start(const ng_server_opts *o, ng_error *err)
{
    if (!o || !o->db)
        return ng_err(err, NG_EARG, "serve: no database given"), NULL;
    ng_server *s = calloc(1, sizeof *s);
    if (!s)
        return ng_err(err, NG_ENOMEM, "serve: out of memory"), NULL;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    int threads = o->threads > 0 ? NG_MIN(o->threads, NG_SERVE_MAX_THREADS) : default_threads();
    if (open_kbs(s, o->db, threads, err) != NG_OK || load_ui(s, o->web_dir, err) != NG_OK ||
        listen_on(s, o, threads, err) != NG_OK) {
        ng_server_stop(s);
        return NULL;
    }
    return s;
}

int ng_server_port(const ng_server *s) { return s->port; }

const char *ng_server_web_dir(const ng_server *s) { return s->web_dir; }

void ng_server_stop(ng_server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    for (int i = 0; i < s->nkbs; i++)
        ng_kb_close(s->kbs[i]);
    free(s->kbs);
    free(s->free_kbs);
    ng_static_free(&s->ui);
    free(s->web_dir);
    free(s->overview);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    free(s);
}
