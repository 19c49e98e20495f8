/*
 * fuzz_html.c - libFuzzer harness for the HTML reader: charset sniffing and
 * conversion, the nesting bound, gumbo, JSON-LD and meta tags, and body
 * extraction.  Any document produced must hold valid UTF-8 and is tokenized.
 */
#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_doc *doc = NULL;
    ng_error err;
    if (ng_read_html("fuzz.html", (const char *)data, size, &doc, &err) != NG_OK)
        return 0;
    const unsigned char *s = (const unsigned char *)doc->text, *e = s + doc->len;
    while (s < e) {
        size_t n = ng_utf8_seqlen(s, e);
        if (!n)
            __builtin_trap(); /* the body must be valid UTF-8 */
        s += n;
    }
    ng_tokenize(doc, NULL);
    ng_doc_free(doc);
    return 0;
}
