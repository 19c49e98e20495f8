/*
 * fuzz_tokenize.c - libFuzzer harness for the tokenizer and sentence
 * splitter: any bytes become a document (repaired to UTF-8), which is
 * tokenized; the invariants of src/core/doc.h are checked and a violation
 * aborts.
 */
#include "core/doc.h"
#include "text/text.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const ng_doc *doc)
{
    uint32_t prev = 0;
    for (size_t k = 0; k < doc->ntokens; k++) {
        const ng_token *t = &doc->tokens[k];
        if (t->start >= t->end || t->end > doc->len || t->start < prev || t->end - t->start > NG_TOK_MAX_BYTES)
            abort();
        if (((unsigned char)doc->text[t->start] & 0xC0) == 0x80)
            abort();
        prev = t->end;
    }
    size_t next = 0;
    for (size_t s = 0; s < doc->nsents; s++) {
        const ng_sentence *st = &doc->sents[s];
        if (st->first != next || st->ntokens == 0 || st->ntokens > NG_SENT_MAX_TOKENS)
            abort();
        if (st->start != doc->tokens[st->first].start || st->end != doc->tokens[st->first + st->ntokens - 1].end)
            abort();
        for (size_t k = st->first; k < st->first + st->ntokens; k++)
            if (doc->tokens[k].sent != s || !!(doc->tokens[k].flags & NG_TOK_SENT_START) != (k == st->first))
                abort();
        next += st->ntokens;
    }
    if (next != doc->ntokens)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        const char *dir = getenv("NEWSGRAPH_LEXICONS");
        ng_tokenizer_init(dir && *dir ? dir : "lexicons", NULL);
        ready = 1;
    }
    ng_doc *doc = ng_doc_new((const char *)data, size);
    if (!doc)
        return 0;
    if (ng_tokenize(doc, NULL) == NG_OK)
        check(doc);
    ng_doc_free(doc);
    return 0;
}
