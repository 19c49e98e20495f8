/*
 * meta.c - metadata every reader finishes the same way: the language of the
 * body and the sha256 of its normalised text (whitespace folded), so the
 * same article read from HTML, text or JSON hashes alike.
 */
#include "read.h"

void ng_doc_finish_meta(ng_doc *doc)
{
    if (!doc->fields[NG_F_LANGUAGE]) {
        char lang[8];
        ng_detect_language(doc->text, doc->len, true, lang);
        ng_doc_set(doc, NG_F_LANGUAGE, lang);
    }
    ng_buf b;
    ng_buf_init(&b);
    ng_buf_reserve(&b, doc->len);
    bool space = false;
    for (size_t i = 0; i < doc->len; i++) {
        unsigned char c = (unsigned char)doc->text[i];
        if (ng_is_space_ascii(c)) {
            space = true;
            continue;
        }
        if (space && b.len)
            ng_buf_putc(&b, ' ');
        space = false;
        ng_buf_putc(&b, (char)c);
    }
    char hex[65];
    ng_sha256_hex(b.data ? b.data : "", b.len, hex);
    ng_buf_free(&b);
    ng_doc_set(doc, NG_F_SHA256, hex);
}
