/*
 * static.c - the built web UI held in memory: every regular file under the
 * UI directory, read once at start-up with its MIME type, ETag and gzip form.
 * Invariant: a request is answered only with a file of this table, found by
 * exact path, so no request path ever reaches the file system.
 */
#include "serve/serve.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define MAX_DEPTH 8 /* directory nesting under the UI directory */

const char *ng_static_mime(const char *name)
{
    static const struct { const char *ext, *mime; } types[] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"}, {".ico", "image/x-icon"},
        {".webp", "image/webp"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"},
        {".wasm", "application/wasm"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < NG_ARRAY_LEN(types); i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].mime;
    return "application/octet-stream";
}

static bool compressible(const char *mime)
{
    return strncmp(mime, "text/", 5) == 0 || strstr(mime, "json") || strstr(mime, "svg");
}

/* gzip of f->data when it saves at least a tenth; f->gz stays NULL otherwise. */
static void gzip_file(ng_static_file *f)
{
    if (f->len < 256 || !compressible(f->mime))
        return;
    z_stream z = {0};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return;
    size_t cap = deflateBound(&z, f->len) + 32;
    char *out = malloc(cap);
    z.next_in = (Bytef *)f->data;
    z.avail_in = (uInt)f->len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    if (out && deflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out < f->len - f->len / 10) {
        f->gz = out;
        f->gzlen = z.total_out;
    } else {
        free(out);
    }
    deflateEnd(&z);
}

static char *read_all(const char *path, size_t size)
{
    FILE *fp = fopen(path, "rb");
    char *data = fp ? malloc(size + 1) : NULL;
    if (data && fread(data, 1, size, fp) != size) {
        free(data);
        data = NULL;
    }
    if (fp)
        fclose(fp);
    return data;
}

static int add_file(ng_static *st, const char *fs_path, const char *url, size_t size, ng_error *err)
{
    if (st->nfiles >= NG_SERVE_MAX_FILES || size > NG_SERVE_MAX_FILE || st->bytes + size > NG_SERVE_MAX_STATIC)
        return ng_err(err, NG_ETOOBIG, "%s: the UI directory holds more than %d files or %d MB", fs_path,
                      NG_SERVE_MAX_FILES, NG_SERVE_MAX_STATIC >> 20);
    if (!NG_GROW(st->files, st->cap, st->nfiles + 1))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", fs_path);
    ng_static_file *f = &st->files[st->nfiles];
    memset(f, 0, sizeof *f);
    f->data = read_all(fs_path, size);
    f->path = strdup(url);
    if (!f->data || !f->path) {
        free(f->data);
        free(f->path);
        return ng_err(err, NG_EIO, "%s: cannot read: %s", fs_path, strerror(errno ? errno : ENOMEM));
    }
    f->len = size;
    f->mime = ng_static_mime(url);
    f->immutable = ng_starts_with(url, "/assets/");
    snprintf(f->etag, sizeof f->etag, "\"%016llx\"", (unsigned long long)ng_hash(f->data, size, 0x6e67));
    gzip_file(f);
    st->nfiles++;
    st->bytes += size;
    return NG_OK;
}

static int walk(ng_static *st, const char *dir, const char *url, int depth, ng_error *err)
{
    if (depth > MAX_DEPTH)
        return NG_OK;
    DIR *d = opendir(dir);
    if (!d)
        return ng_err(err, NG_ENOTFOUND, "%s: cannot open the UI directory: %s", dir, strerror(errno));
    int rc = NG_OK;
    struct dirent *e;
    while (rc == NG_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", dotfiles */
        char fs[4096], u[2048];
        struct stat sb;
        if ((size_t)snprintf(fs, sizeof fs, "%s/%s", dir, e->d_name) >= sizeof fs ||
            (size_t)snprintf(u, sizeof u, "%s/%s", url, e->d_name) >= sizeof u || lstat(fs, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode))
            rc = walk(st, fs, u, depth + 1, err);
        else if (S_ISREG(sb.st_mode))
            rc = add_file(st, fs, u, (size_t)sb.st_size, err);
    }
    closedir(d);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const ng_static_file *)a)->path, ((const ng_static_file *)b)->path);
}

static const ng_static_file *lookup(const ng_static *st, const char *path)
{
    ng_static_file key = {.path = (char *)path};
    return st->nfiles ? bsearch(&key, st->files, st->nfiles, sizeof key, by_path) : NULL;
}

int ng_static_load(ng_static *st, const char *dir, ng_error *err)
{
    memset(st, 0, sizeof *st);
    int rc = walk(st, dir, "", 0, err);
    if (rc == NG_OK) {
        qsort(st->files, st->nfiles, sizeof *st->files, by_path);
        if (!lookup(st, "/index.html"))
            rc = ng_err(err, NG_ENOTFOUND, "%s: no index.html (build the UI with `make web`)", dir);
    }
    if (rc != NG_OK)
        ng_static_free(st);
    return rc;
}

void ng_static_free(ng_static *st)
{
    for (size_t i = 0; i < st->nfiles; i++) {
        free(st->files[i].path);
        free(st->files[i].data);
        free(st->files[i].gz);
    }
    ng_free(st->files, st->cap * sizeof *st->files);
    memset(st, 0, sizeof *st);
}

/* The UI's own routes, answered with index.html (the app reads the URL). */
static bool app_route(const char *path)
{
    static const char *const prefixes[] = {"/entity/", "/event/", "/doc/", "/fact/"};
    static const char *const pages[] = {"/", "/facts", "/search", "/entities"};
    for (size_t i = 0; i < NG_ARRAY_LEN(pages); i++)
        if (strcmp(path, pages[i]) == 0)
            return true;
    for (size_t i = 0; i < NG_ARRAY_LEN(prefixes); i++)
        if (ng_starts_with(path, prefixes[i]) && path[strlen(prefixes[i])] && !strchr(path + strlen(prefixes[i]), '/'))
            return true;
    return false;
}

const ng_static_file *ng_static_find(const ng_static *st, const char *path)
{
    const ng_static_file *f = lookup(st, path);
    if (!f && app_route(path))
        f = lookup(st, "/index.html");
    return f;
}
