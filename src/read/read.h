/*
 * read.h - readers, internal interface.  source.c walks paths and streams
 * bytes; the per-format modules turn bytes into documents.
 */
#ifndef NG_READ_H
#define NG_READ_H

#include "core/doc.h"

/* Hard limits on what one input may be (redis style: named, checked). */
#define NG_MAX_DOC_BYTES ((size_t)64 << 20)   /* one article, after decompression */
#define NG_MAX_LINE_BYTES ((size_t)64 << 20)  /* one JSONL line */
#define NG_MAX_WARC_HEADER ((size_t)64 << 10) /* one WARC or HTTP header block */

/* Per-format converters.  name: the input's name for messages (path, path:line,
 * path@offset).  Each sets the document's id/path when it knows better, else
 * the caller fills them. */
int ng_read_text(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err);
int ng_read_html(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err);
/* One JSON Lines record: {"id","url","title","date","author","publisher",
 * "text" | "html" | "body" | "content"}. */
int ng_read_json_record(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err);

/* WARC: a record's header fields that matter to us. */
typedef struct ng_warc_header {
    char type[32];          /* WARC-Type */
    char uri[2048];         /* WARC-Target-URI */
    char date[64];          /* WARC-Date */
    char content_type[256]; /* Content-Type of the record block */
    uint64_t length;        /* Content-Length of the block */
    size_t header_len;      /* bytes up to and including the blank line */
} ng_warc_header;

/* Parse the header block at data (which begins with "WARC/").  NG_OK, NG_END
 * when the blank line that ends it is not in data yet, NG_EFORMAT. */
int ng_warc_header_parse(const char *data, size_t len, ng_warc_header *h, ng_error *err);

/* Turn one WARC response block (an HTTP message) into a document when it
 * carries HTML.  NG_END when the record holds no HTML (skipped silently). */
int ng_warc_response_doc(const char *name, const ng_warc_header *h, const char *block, size_t len,
                         ng_doc **out, ng_error *err);

/* Document metadata shared by the readers: language and content hash.
 * Call once the body is final. */
void ng_doc_finish_meta(ng_doc *doc);

/* Identify the language of text; writes an ISO 639-1 code ("en") or "un". */
void ng_detect_language(const char *text, size_t len, bool is_plain, char out[8]);

#endif /* NG_READ_H */
