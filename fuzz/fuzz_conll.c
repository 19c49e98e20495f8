/*
 * fuzz_conll.c - libFuzzer harness for the NER corpus reader (CoNLL-2003 and
 * IOB2): the first byte picks the format; every document read is then
 * turned into an ng_doc and its labels BILOU-encoded and decoded.
 */
#include "tag/ner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_corpus(const ng_ner_corpus *c)
{
    uint32_t cls[NG_NER_MAX_SENT_WORDS];
    uint8_t iob[NG_NER_MAX_SENT_WORDS], type[NG_NER_MAX_SENT_WORDS];
    for (size_t s = 0; s < c->nsents; s++) {
        size_t a = c->sent_first[s], n = c->sent_first[s + 1] - a;
        ng_bilou_encode(c->iob + a, c->type + a, n, cls);
        ng_bilou_decode(cls, n, iob, type);
        if (memcmp(iob, c->iob + a, n) != 0)
            __builtin_trap(); /* the round trip must hold on normalised labels */
    }
    for (size_t d = 0; d < c->ndocs; d++) {
        ng_doc *doc;
        if (ng_ner_corpus_doc(c, d, &doc) != NG_OK)
            continue;
        size_t want = c->sent_first[c->doc_first[d + 1]] - c->sent_first[c->doc_first[d]];
        if (ng_doc_ntokens(doc) != want)
            __builtin_trap(); /* token k must be word k of the document */
        ng_doc_free(doc);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    ng_ner_corpus c;
    ng_error err;
    int format = data[0] % 3;
    if (ng_ner_corpus_parse("fuzz.conll", (const char *)data + 1, size - 1, format, &c, &err) == NG_OK)
        check_corpus(&c);
    ng_ner_corpus_free(&c);
    return 0;
}
