/*
 * source.c - the reader: walks files, directories and stdin, decompresses
 * gzip, decides each input's format, and streams it to the per-format
 * converters one document at a time.
 *
 * Invariant: at most one file is open (cur.gz); every error names the input
 * and leaves the reader ready to go on with the next document.
 */
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK ((size_t)1 << 16)

typedef struct open_file {
    gzFile gz;
    char *path;          /* as given, "-" for stdin */
    ng_format format;    /* decided format of this file */
    bool eof;            /* gzread hit the end (or an error, see failed) */
    uint64_t offset;     /* bytes consumed from the decompressed stream */
    size_t lineno;       /* JSONL: number of the line last returned */
    ng_buf pending;      /* read but not yet consumed (JSONL, WARC) */
    size_t pos;          /* consumed prefix of pending */
} open_file;

struct ng_reader {
    ng_format format;    /* forced format or NG_FMT_AUTO */
    char **queue;        /* paths still to read, in order */
    size_t nqueue, cap_queue, qpos;
    open_file cur;       /* cur.gz != NULL while a file is open */
    size_t failures;
};

ng_reader *ng_reader_new(ng_format format)
{
    ng_reader *r = ng_calloc(1, sizeof *r);
    if (r)
        r->format = format;
    return r;
}

static void close_file(open_file *f)
{
    if (f->gz)
        gzclose(f->gz);
    ng_free(f->path, f->path ? strlen(f->path) + 1 : 0);
    ng_buf_free(&f->pending);
    memset(f, 0, sizeof *f);
}

void ng_reader_free(ng_reader *r)
{
    if (!r)
        return;
    close_file(&r->cur);
    for (size_t i = r->qpos; i < r->nqueue; i++)
        ng_free(r->queue[i], strlen(r->queue[i]) + 1);
    ng_free(r->queue, r->cap_queue * sizeof *r->queue);
    ng_free(r, sizeof *r);
}

size_t ng_reader_failures(const ng_reader *r)
{
    return r->failures;
}

/* Insert paths at the read position (directory children go before what the
 * user listed after the directory).  Takes ownership of the strings. */
static int queue_insert(ng_reader *r, char **paths, size_t n)
{
    if (!NG_GROW(r->queue, r->cap_queue, r->nqueue + n))
        return NG_ENOMEM;
    memmove(r->queue + r->qpos + n, r->queue + r->qpos, (r->nqueue - r->qpos) * sizeof *r->queue);
    memcpy(r->queue + r->qpos, paths, n * sizeof *paths);
    r->nqueue += n;
    return NG_OK;
}

int ng_reader_add(ng_reader *r, const char *path)
{
    char *copy = ng_strndup(path, strlen(path));
    if (!copy || !NG_GROW(r->queue, r->cap_queue, r->nqueue + 1)) {
        ng_free(copy, strlen(path) + 1);
        return NG_ENOMEM;
    }
    r->queue[r->nqueue++] = copy;
    return NG_OK;
}

/* ------------------------------------------------------------ formats */

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && ng_strnieq(s + n - k, suffix, k);
}

/* Format by file name, ignoring a trailing .gz; NG_FMT_AUTO when unknown. */
static ng_format format_by_name(const char *path)
{
    size_t n = strlen(path);
    if (ends_with(path, n, ".gz"))
        n -= 3;
    static const struct { const char *ext; ng_format fmt; } exts[] = {
        {".txt", NG_FMT_TEXT},   {".text", NG_FMT_TEXT}, {".html", NG_FMT_HTML},
        {".htm", NG_FMT_HTML},   {".xhtml", NG_FMT_HTML}, {".jsonl", NG_FMT_JSONL},
        {".ndjson", NG_FMT_JSONL}, {".json", NG_FMT_JSONL}, {".warc", NG_FMT_WARC},
    };
    for (size_t i = 0; i < NG_ARRAY_LEN(exts); i++)
        if (ends_with(path, n, exts[i].ext))
            return exts[i].fmt;
    return NG_FMT_AUTO;
}

/* Format by the first bytes of the (decompressed) content. */
static ng_format format_by_content(const char *p, size_t n)
{
    const char *e = p + n;
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    while (p < e && ng_is_space_ascii((unsigned char)*p))
        p++;
    if (e - p >= 5 && memcmp(p, "WARC/", 5) == 0)
        return NG_FMT_WARC;
    if (p < e && *p == '{')
        return NG_FMT_JSONL;
    if (p < e && *p == '<') {
        size_t k = NG_MIN((size_t)(e - p), (size_t)1024);
        for (size_t i = 0; i + 5 <= k; i++)
            if (ng_strnieq(p + i, "<html", 5) || ng_strnieq(p + i, "<!doc", 5) || ng_strnieq(p + i, "<body", 5) ||
                ng_strnieq(p + i, "<head", 5) || ng_strnieq(p + i, "<div", 4) || ng_strnieq(p + i, "<p>", 3))
                return NG_FMT_HTML;
    }
    return NG_FMT_TEXT;
}

/* True when the sample looks like a binary file rather than text: NUL bytes
 * or many control characters. */
static bool looks_binary(const char *p, size_t n)
{
    size_t k = NG_MIN(n, (size_t)8192), ctl = 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == 0)
            ctl += 8;
        else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ctl++;
    }
    return k && ctl * 20 > k; /* more than 5% */
}

/* File name without directories and known extensions: the document id. */
static void base_id(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    snprintf(out, size, "%s", b);
    size_t n = strlen(out);
    static const char *const exts[] = {".gz", ".txt", ".text", ".html", ".htm", ".xhtml",
                                       ".jsonl", ".ndjson", ".json", ".warc"};
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < NG_ARRAY_LEN(exts); i++)
            if (n > strlen(exts[i]) && ends_with(out, n, exts[i])) {
                n -= strlen(exts[i]);
                out[n] = '\0';
                again = i == 0; /* after .gz, strip the inner extension too */
                break;
            }
    }
}

/* ------------------------------------------------------------- streams */

/* zlib's message without its "<fd:3>: " prefix. */
static const char *zmsg(const char *msg)
{
    const char *p = msg && msg[0] == '<' ? strstr(msg, ">: ") : NULL;
    return p ? p + 3 : msg ? msg : "";
}

/* Read more decompressed bytes into f->pending.  NG_OK (maybe at eof), or
 * NG_EIO / NG_EFORMAT for a read or gzip error. */
static int fill(open_file *f, ng_error *err)
{
    if (f->eof)
        return NG_OK;
    if (f->pos > 0 && f->pos == f->pending.len) {
        ng_buf_clear(&f->pending);
        f->pos = 0;
    } else if (f->pos > (f->pending.len >> 1) && f->pos > CHUNK) {
        memmove(f->pending.data, f->pending.data + f->pos, f->pending.len - f->pos);
        f->pending.len -= f->pos;
        f->pos = 0;
    }
    if (!ng_buf_reserve(&f->pending, CHUNK))
        return ng_err(err, NG_ENOMEM, "%s: out of memory", f->path);
    int n = gzread(f->gz, f->pending.data + f->pending.len, (unsigned)CHUNK);
    if (n < 0) {
        int zerr;
        const char *msg = gzerror(f->gz, &zerr);
        f->eof = true;
        if (zerr == Z_ERRNO)
            return ng_err(err, NG_EIO, "%s: read error: %s", f->path, strerror(errno));
        return ng_err(err, NG_EFORMAT, "%s: corrupt gzip data: %s", f->path, zmsg(msg));
    }
    if (n == 0) {
        f->eof = true;
        int zerr;
        const char *msg = gzerror(f->gz, &zerr);
        if (zerr == Z_BUF_ERROR) /* the stream ended inside a gzip member */
            return ng_err(err, NG_EFORMAT, "%s: truncated gzip data (%s)", f->path, zmsg(msg));
    }
    f->pending.len += (size_t)n;
    f->pending.data[f->pending.len] = '\0';
    return NG_OK;
}

/* Read the rest of the current file (a single document) into pending. */
static int slurp(open_file *f, ng_error *err)
{
    while (!f->eof) {
        int rc = fill(f, err);
        if (rc != NG_OK)
            return rc;
        if (f->pending.len > NG_MAX_DOC_BYTES)
            return ng_err(err, NG_ETOOBIG, "%s: larger than the %zu MB limit for one document", f->path,
                          NG_MAX_DOC_BYTES >> 20);
    }
    return NG_OK;
}

static void set_ids(ng_doc *doc, const char *path, const char *name, const char *id)
{
    if (!ng_doc_get(doc, NG_F_ID))
        ng_doc_set(doc, NG_F_ID, id);
    ng_doc_set(doc, NG_F_PATH, name ? name : path);
}

static int read_whole(ng_reader *r, ng_doc **out, ng_error *err)
{
    open_file *f = &r->cur;
    int rc = slurp(f, err);
    if (rc == NG_OK && looks_binary(f->pending.data, f->pending.len))
        rc = ng_err(err, NG_EFORMAT, "%s: looks like a binary file, not text or HTML", f->path);
    if (rc == NG_OK) {
        const char *data = f->pending.data ? f->pending.data : "";
        rc = f->format == NG_FMT_HTML ? ng_read_html(f->path, data, f->pending.len, out, err)
                                      : ng_read_text(f->path, data, f->pending.len, out, err);
    }
    if (rc == NG_OK) {
        char id[256];
        base_id(f->path, id, sizeof id);
        set_ids(*out, f->path, NULL, id);
    }
    close_file(f);
    return rc;
}

/* The next line of a JSON Lines file; NG_END at end of file. */
static int next_line(open_file *f, const char **line, size_t *len, ng_error *err)
{
    for (;;) {
        char *start = f->pending.data ? f->pending.data + f->pos : NULL;
        size_t avail = f->pending.len - f->pos;
        char *nl = start ? memchr(start, '\n', avail) : NULL;
        if (nl || (f->eof && avail)) {
            size_t n = nl ? (size_t)(nl - start) : avail;
            f->pos += n + (nl != NULL);
            f->offset += n + (nl != NULL);
            f->lineno++;
            *line = start;
            *len = n;
            return NG_OK;
        }
        if (f->eof)
            return NG_END;
        if (avail > NG_MAX_LINE_BYTES) {
            /* Drop the over-long line, reporting it once it ends. */
            f->lineno++;
            size_t lineno = f->lineno;
            while (!f->eof) {
                f->pos = f->pending.len;
                int rc = fill(f, err);
                if (rc != NG_OK)
                    return rc;
                nl = memchr(f->pending.data + f->pos, '\n', f->pending.len - f->pos);
                if (nl) {
                    f->pos = (size_t)(nl - f->pending.data) + 1;
                    break;
                }
            }
            return ng_err(err, NG_ETOOBIG, "%s:%zu: line longer than the %zu MB limit", f->path, lineno,
                          NG_MAX_LINE_BYTES >> 20);
        }
        int rc = fill(f, err);
        if (rc != NG_OK)
            return rc;
    }
}

static int read_jsonl(ng_reader *r, ng_doc **out, ng_error *err)
{
    open_file *f = &r->cur;
    for (;;) {
        const char *line = NULL;
        size_t len = 0;
        int rc = next_line(f, &line, &len, err);
        if (rc != NG_OK)
            return rc;
        const char *s = line, *e = line + len;
        ng_trim(&s, &e);
        if (s == e)
            continue; /* blank lines are allowed between records */
        char name[4200];
        snprintf(name, sizeof name, "%s:%zu", f->path, f->lineno);
        rc = ng_read_json_record(name, s, (size_t)(e - s), out, err);
        if (rc == NG_OK) {
            char id[256], lineid[300];
            base_id(f->path, id, sizeof id);
            snprintf(lineid, sizeof lineid, "%s-%zu", id, f->lineno);
            set_ids(*out, f->path, name, lineid);
        }
        return rc;
    }
}

/* Make sure pending holds n unconsumed bytes; false at end of input. */
static int need(open_file *f, size_t n, ng_error *err)
{
    while (f->pending.len - f->pos < n && !f->eof) {
        int rc = fill(f, err);
        if (rc != NG_OK)
            return rc;
    }
    return f->pending.len - f->pos >= n ? NG_OK : NG_END;
}

static int read_warc(ng_reader *r, ng_doc **out, ng_error *err)
{
    open_file *f = &r->cur;
    for (;;) {
        /* Skip the blank lines between records. */
        for (;;) {
            int rc = need(f, 1, err);
            if (rc != NG_OK)
                return rc;
            char c = f->pending.data[f->pos];
            if (c != '\r' && c != '\n')
                break;
            f->pos++;
            f->offset++;
        }
        uint64_t at = f->offset;
        ng_warc_header h;
        int rc;
        size_t want = 256;
        for (;;) {
            rc = need(f, want, err);
            if (rc != NG_OK && rc != NG_END)
                return rc;
            size_t avail = f->pending.len - f->pos;
            rc = ng_warc_header_parse(f->pending.data + f->pos, avail, &h, err);
            if (rc != NG_END)
                break;
            if (f->eof || avail >= NG_MAX_WARC_HEADER) {
                f->eof = true; /* nothing sensible follows a broken header */
                return ng_err(err, NG_EFORMAT, "%s@%llu: %s WARC record header", f->path,
                              (unsigned long long)at, f->eof && avail < NG_MAX_WARC_HEADER ? "truncated" : "oversized");
            }
            want = avail + CHUNK;
        }
        if (rc != NG_OK) {
            char why[sizeof err->msg];
            snprintf(why, sizeof why, "%s", err ? err->msg : "bad WARC header");
            f->eof = true;
            return ng_err(err, rc, "%s@%llu: %s", f->path, (unsigned long long)at, why);
        }
        if (h.length > NG_MAX_DOC_BYTES) {
            /* Skip the block without keeping it. */
            uint64_t skip = h.header_len + h.length;
            while (skip) {
                rc = need(f, 1, err);
                if (rc != NG_OK)
                    break;
                size_t take = (size_t)NG_MIN((uint64_t)(f->pending.len - f->pos), skip);
                f->pos += take;
                f->offset += take;
                skip -= take;
            }
            return ng_err(err, NG_ETOOBIG, "%s@%llu: WARC record larger than the %zu MB limit", f->path,
                          (unsigned long long)at, NG_MAX_DOC_BYTES >> 20);
        }
        size_t total = h.header_len + (size_t)h.length;
        rc = need(f, total, err);
        if (rc == NG_END) {
            size_t have = f->pending.len - f->pos;
            f->eof = true;
            f->pos = f->pending.len;
            return ng_err(err, NG_EFORMAT, "%s@%llu: truncated WARC record (%zu of %llu bytes)", f->path,
                          (unsigned long long)at, have, (unsigned long long)total);
        }
        if (rc != NG_OK)
            return rc;
        const char *block = f->pending.data + f->pos + h.header_len;
        f->pos += total;
        f->offset += total;
        char name[4200];
        snprintf(name, sizeof name, "%s@%llu", f->path, (unsigned long long)at);
        rc = ng_warc_response_doc(name, &h, block, (size_t)h.length, out, err);
        if (rc == NG_END)
            continue; /* request, metadata, or a response without HTML */
        if (rc == NG_OK) {
            char id[256], recid[300];
            base_id(f->path, id, sizeof id);
            snprintf(recid, sizeof recid, "%s-%llu", id, (unsigned long long)at);
            set_ids(*out, f->path, name, recid);
        }
        return rc;
    }
}

/* ---------------------------------------------------------- path walk */

static int dir_filter(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* Replace a directory by its entries: subdirectories always, files only when
 * their extension names a format we read. */
static int expand_dir(ng_reader *r, const char *path, ng_error *err)
{
    struct dirent **list;
    int n = scandir(path, &list, dir_filter, alphasort);
    if (n < 0)
        return ng_err(err, NG_EIO, "%s: cannot read directory: %s", path, strerror(errno));
    char **kids = ng_calloc((size_t)n + 1, sizeof *kids);
    size_t nk = 0;
    int rc = kids ? NG_OK : NG_ENOMEM;
    for (int i = 0; i < n; i++) {
        if (rc == NG_OK) {
            size_t len = strlen(path) + strlen(list[i]->d_name) + 2;
            char *child = ng_malloc(len);
            if (!child) {
                rc = NG_ENOMEM;
            } else {
                snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", list[i]->d_name);
                struct stat st;
                if (stat(child, &st) == 0 && (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && format_by_name(child))))
                    kids[nk++] = child;
                else
                    ng_free(child, len);
            }
        }
        free(list[i]);
    }
    free(list);
    if (rc == NG_OK)
        rc = queue_insert(r, kids, nk);
    if (rc != NG_OK) {
        for (size_t i = 0; i < nk; i++)
            ng_free(kids[i], strlen(kids[i]) + 1);
        ng_err(err, rc, "%s: out of memory", path);
    }
    ng_free(kids, ((size_t)n + 1) * sizeof *kids);
    return rc;
}

/* Open the next queued file, expanding directories on the way.  NG_END when
 * the queue is empty; an error names a path that could not be opened. */
static int open_next_file(ng_reader *r, ng_error *err)
{
    while (r->qpos < r->nqueue) {
        char *path = r->queue[r->qpos++];
        int fd;
        if (strcmp(path, "-") == 0) {
            fd = dup(STDIN_FILENO);
        } else {
            struct stat st;
            if (stat(path, &st) != 0) {
                int rc = ng_err(err, NG_ENOTFOUND, "%s: %s", path, strerror(errno));
                ng_free(path, strlen(path) + 1);
                return rc;
            }
            if (S_ISDIR(st.st_mode)) {
                int rc = expand_dir(r, path, err);
                ng_free(path, strlen(path) + 1);
                if (rc != NG_OK)
                    return rc;
                continue;
            }
            fd = open(path, O_RDONLY | O_CLOEXEC);
        }
        if (fd < 0) {
            int rc = ng_err(err, NG_EIO, "%s: %s", path, strerror(errno));
            ng_free(path, strlen(path) + 1);
            return rc;
        }
        open_file *f = &r->cur;
        memset(f, 0, sizeof *f);
        f->path = path;
        f->gz = gzdopen(fd, "rb");
        if (!f->gz) {
            close(fd);
            close_file(f);
            return ng_err(err, NG_ENOMEM, "%s: out of memory", path);
        }
        gzbuffer(f->gz, 1 << 17);
        f->format = r->format ? r->format : format_by_name(path);
        if (f->format == NG_FMT_AUTO) {
            int rc = need(f, 1024, err);
            if (rc != NG_OK && rc != NG_END) {
                close_file(f);
                return rc;
            }
            f->format = format_by_content(f->pending.data ? f->pending.data : "", f->pending.len);
        }
        return NG_OK;
    }
    return NG_END;
}

int ng_reader_next(ng_reader *r, ng_doc **out, ng_error *err)
{
    *out = NULL;
    for (;;) {
        if (!r->cur.gz) {
            int rc = open_next_file(r, err);
            if (rc == NG_END)
                return NG_END;
            if (rc != NG_OK) {
                r->failures++;
                return rc;
            }
        }
        int rc;
        switch (r->cur.format) {
        case NG_FMT_JSONL: rc = read_jsonl(r, out, err); break;
        case NG_FMT_WARC: rc = read_warc(r, out, err); break;
        default: return (rc = read_whole(r, out, err)) == NG_OK ? NG_OK : (r->failures++, rc);
        }
        if (rc == NG_END) {
            close_file(&r->cur);
            continue;
        }
        if (rc != NG_OK)
            r->failures++;
        return rc;
    }
}
