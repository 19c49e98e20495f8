/*
 * fuzz_records.c - libFuzzer harness for the store's input surface: the
 * input is lines of `newsgraph extract` records; every document rebuilt from
 * them is planned and stored in an in-memory knowledge base (rolled back
 * after each input), so record parsing, annotation checks, entity
 * resolution and fact keys all see hostile data.
 */
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_kb *g_kb;

static void store(ng_doc *doc)
{
    if (!doc)
        return;
    ng_error err;
    ng_kb_put(g_kb, doc, NULL, &err);
    ng_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_error err;
    if (!g_kb && !(g_kb = ng_kb_open(":memory:", 0, &err)))
        return 0;
    if (ng_kb_begin(g_kb, &err) != NG_OK)
        return 0;
    ng_records *r = ng_records_new();
    const char *p = (const char *)data, *end = p + size;
    while (r && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        ng_doc *doc = NULL;
        ng_records_add(r, "fuzz.jsonl", p, n, &doc, &err);
        store(doc);
        p += n + 1;
    }
    ng_doc *doc = NULL;
    if (r)
        ng_records_finish(r, &doc, &err);
    store(doc);
    ng_records_free(r);
    ng_kb_rollback(g_kb);
    return 0;
}
