/*
 * fuzz_gazetteer.c - libFuzzer harness for the lexicon file parser: the
 * first byte picks the list (or the clusters), the rest is a lexicon file;
 * what loaded is then matched against tokens cut from the same bytes.
 */
#include "core/doc.h"
#include "kb/gazetteer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Tokens at every space-separated word of doc's text. */
static void tokenize_spaces(ng_doc *doc)
{
    size_t i = 0;
    while (i < doc->len) {
        while (i < doc->len && (doc->text[i] == ' ' || doc->text[i] == '\n'))
            i++;
        size_t s = i;
        while (i < doc->len && doc->text[i] != ' ' && doc->text[i] != '\n')
            i++;
        if (i > s) {
            ng_token t = {.start = (uint32_t)s, .end = (uint32_t)i, .head = -1};
            if (!ng_doc_push_token(doc, &t))
                return;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int list = data[0] % (NG_GAZ_NLISTS + 1);
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    ng_lexicons *lx = ng_lexicons_new();
    if (!lx)
        return 0;
    size_t nbad = 0;
    ng_lexicons_add_text(lx, list, "fuzz.txt", text, len, &nbad, NULL);
    ng_doc *doc = ng_doc_new(text, len);
    if (doc) {
        tokenize_spaces(doc);
        ng_gaz_tag tags[64];
        size_t n = doc->ntokens < 64 ? doc->ntokens : 64;
        ng_gaz_match(lx, doc, 0, n, NG_GAZ_EXACT, tags);
        ng_gaz_match(lx, doc, 0, n, NG_GAZ_FOLD, tags);
        for (size_t i = 0; i < n; i++) {
            size_t k;
            const char *w = ng_tok_text(doc, &doc->tokens[i], &k);
            ng_cluster_path(lx, w, k);
            ng_gaz_country_of(lx, w, k);
            ng_gaz_title_norm(lx, w, k);
        }
        ng_doc_free(doc);
    }
    ng_lexicons_free(lx);
    return 0;
}
