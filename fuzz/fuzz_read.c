/*
 * fuzz_read.c - libFuzzer harness for every reader: the first byte picks
 * text, HTML, a JSON Lines record, a WARC record or a date; every document
 * produced is then tokenized.
 */
#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void finish(ng_doc *doc)
{
    if (doc)
        ng_tokenize(doc, NULL);
    ng_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *p = (const char *)data + 1;
    size_t n = size - 1;
    ng_doc *doc = NULL;
    ng_error err;
    switch (data[0] % 5) {
    case 0:
        if (ng_read_text("fuzz.txt", p, n, &doc, &err) == NG_OK)
            finish(doc);
        break;
    case 1:
        if (ng_read_html("fuzz.html", p, n, &doc, &err) == NG_OK)
            finish(doc);
        break;
    case 2:
        if (ng_read_json_record("fuzz.jsonl:1", p, n, &doc, &err) == NG_OK)
            finish(doc);
        break;
    case 3: {
        ng_warc_header h;
        if (ng_warc_header_parse(p, n, &h, &err) == NG_OK && h.header_len + h.length <= n &&
            ng_warc_response_doc("fuzz.warc", &h, p + h.header_len, (size_t)h.length, &doc, &err) == NG_OK)
            finish(doc);
        break;
    }
    default: {
        char out[64];
        ng_parse_date(p, n, out, sizeof out);
        break;
    }
    }
    return 0;
}
