/*
 * warc.c - WARC records (ISO 28500) holding HTTP responses with HTML, as
 * news crawls store them.  Pure functions over buffers, so the fuzzer can
 * call them directly; source.c does the streaming.
 */
#include "read.h"

#include <errno.h>
#include <stdlib.h>
#include <zlib.h>

/* Find the end of a header block: the first empty line.  Returns the length
 * including it, or 0 when it is not in data. */
static size_t header_end(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (data[i] != '\n')
            continue;
        if (i + 1 < len && data[i + 1] == '\n')
            return i + 2;
        if (i + 2 < len && data[i + 1] == '\r' && data[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* Copy the value of "Name: value" at line [p, e) into out when the name
 * matches (case-insensitive).  True when it matched. */
static bool header_value(const char *p, const char *e, const char *name, char *out, size_t size)
{
    size_t n = strlen(name);
    if ((size_t)(e - p) <= n || !ng_strnieq(p, name, n) || p[n] != ':')
        return false;
    const char *v = p + n + 1, *ve = e;
    ng_trim(&v, &ve);
    size_t k = NG_MIN((size_t)(ve - v), size - 1);
    memcpy(out, v, k);
    out[k] = '\0';
    return true;
}

int ng_warc_header_parse(const char *data, size_t len, ng_warc_header *h, ng_error *err)
{
    memset(h, 0, sizeof *h);
    if (len < 5)
        return NG_END;
    if (memcmp(data, "WARC/", 5) != 0)
        return ng_err(err, NG_EFORMAT, "not a WARC record (no WARC/ version line)");
    size_t end = header_end(data, NG_MIN(len, NG_MAX_WARC_HEADER));
    if (!end)
        return NG_END;
    h->header_len = end;
    bool have_length = false;
    const char *p = data, *stop = data + end;
    while (p < stop) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p));
        const char *e = nl ? nl : stop;
        char num[32];
        if (header_value(p, e, "Content-Length", num, sizeof num)) {
            char *tail;
            errno = 0;
            unsigned long long v = strtoull(num, &tail, 10);
            if (tail == num || *tail || errno)
                return ng_err(err, NG_EFORMAT, "bad WARC Content-Length '%s'", num);
            h->length = v;
            have_length = true;
        } else if (!header_value(p, e, "WARC-Type", h->type, sizeof h->type) &&
                   !header_value(p, e, "WARC-Target-URI", h->uri, sizeof h->uri) &&
                   !header_value(p, e, "WARC-Date", h->date, sizeof h->date)) {
            header_value(p, e, "Content-Type", h->content_type, sizeof h->content_type);
        }
        p = e + 1;
    }
    if (!have_length)
        return ng_err(err, NG_EFORMAT, "WARC record without Content-Length");
    return NG_OK;
}

/* Undo HTTP chunked transfer coding into b.  False when malformed. */
static bool dechunk(const char *p, const char *e, ng_buf *b)
{
    while (p < e) {
        char *tail;
        unsigned long n = strtoul(p, &tail, 16);
        if (tail == p)
            return false;
        const char *nl = memchr(tail, '\n', (size_t)(e - tail));
        if (!nl)
            return false;
        p = nl + 1;
        if (n == 0)
            return true;
        if (n > (size_t)(e - p))
            n = (size_t)(e - p); /* a truncated last chunk: keep what is there */
        ng_buf_append(b, p, n);
        p += n;
        while (p < e && (*p == '\r' || *p == '\n'))
            p++;
    }
    return true;
}

/* Inflate gzip or zlib data into b, up to the document size limit. */
static bool inflate_all(const char *p, size_t n, ng_buf *b)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) /* 32: detect gzip or zlib header */
        return false;
    z.next_in = (unsigned char *)(uintptr_t)p;
    z.avail_in = (unsigned)NG_MIN(n, (size_t)UINT32_MAX);
    int rc = Z_OK;
    while (rc == Z_OK && b->len < NG_MAX_DOC_BYTES) {
        if (!ng_buf_reserve(b, 1 << 16))
            break;
        z.next_out = (unsigned char *)b->data + b->len;
        z.avail_out = 1 << 16;
        rc = inflate(&z, Z_NO_FLUSH);
        b->len = (size_t)((char *)z.next_out - b->data);
        b->data[b->len] = '\0';
    }
    inflateEnd(&z);
    return rc == Z_STREAM_END || (rc == Z_BUF_ERROR && b->len > 0);
}

int ng_warc_response_doc(const char *name, const ng_warc_header *h, const char *block, size_t len,
                         ng_doc **out, ng_error *err)
{
    if (!ng_strieq(h->type, "response") && !ng_strieq(h->type, "resource"))
        return NG_END;
    const char *body = block;
    size_t blen = len;
    bool chunked = false, gzipped = false, html = false;
    if (ng_strieq(h->type, "response")) {
        if (len < 5 || memcmp(block, "HTTP/", 5) != 0)
            return NG_END; /* dns: or other non-HTTP responses */
        size_t end = header_end(block, NG_MIN(len, NG_MAX_WARC_HEADER));
        if (!end)
            return ng_err(err, NG_EFORMAT, "%s: HTTP response without a complete header", name);
        /* Only 200-class responses carry the article. */
        const char *sp = memchr(block, ' ', end);
        if (!sp || sp[1] != '2')
            return NG_END;
        const char *p = block, *stop = block + end;
        while (p < stop) {
            const char *nl = memchr(p, '\n', (size_t)(stop - p));
            const char *e = nl ? nl : stop;
            char v[256];
            if (header_value(p, e, "Content-Type", v, sizeof v))
                html = strstr(v, "html") != NULL;
            else if (header_value(p, e, "Transfer-Encoding", v, sizeof v))
                chunked = strstr(v, "chunked") != NULL;
            else if (header_value(p, e, "Content-Encoding", v, sizeof v))
                gzipped = strstr(v, "gzip") != NULL || strstr(v, "deflate") != NULL;
            p = e + 1;
        }
        body = block + end;
        blen = len - end;
    } else {
        html = strstr(h->content_type, "html") != NULL;
    }
    if (!html)
        return NG_END;
    ng_buf plain, inflated;
    ng_buf_init(&plain);
    ng_buf_init(&inflated);
    if (chunked) {
        if (!dechunk(body, body + blen, &plain)) {
            ng_buf_free(&plain);
            return ng_err(err, NG_EFORMAT, "%s: malformed chunked HTTP body", name);
        }
        body = plain.data ? plain.data : "";
        blen = plain.len;
    }
    if (gzipped && blen >= 2 && (unsigned char)body[0] == 0x1f && (unsigned char)body[1] == 0x8b) {
        if (!inflate_all(body, blen, &inflated)) {
            ng_buf_free(&plain);
            ng_buf_free(&inflated);
            return ng_err(err, NG_EFORMAT, "%s: corrupt gzip-encoded HTTP body", name);
        }
        body = inflated.data;
        blen = inflated.len;
    }
    int rc = (plain.oom || inflated.oom) ? ng_err(err, NG_ENOMEM, "%s: out of memory", name)
                                         : ng_read_html(name, body, blen, out, err);
    ng_buf_free(&plain);
    ng_buf_free(&inflated);
    if (rc == NG_OK) {
        if (h->uri[0] && !ng_doc_get(*out, NG_F_URL))
            ng_doc_set(*out, NG_F_URL, h->uri);
        if (h->date[0] && !ng_doc_get(*out, NG_F_DATE)) {
            char iso[64];
            if (ng_parse_date(h->date, strlen(h->date), iso, sizeof iso))
                ng_doc_set(*out, NG_F_DATE, iso);
        }
    }
    return rc;
}
