/*
 * tokenize.c - tokens and sentences.  (First version: whitespace and
 * punctuation; sentences end at . ! ? and blank lines.)
 */
#include "core/doc.h"

#include <ctype.h>

int ng_tokenize(ng_doc *doc, ng_error *err)
{
    ng_doc_clear_tokens(doc);
    const char *s = doc->text;
    size_t i = 0, n = doc->len;
    uint32_t sent = 0;
    bool start = true;
    while (i < n) {
        if (ng_is_space_ascii((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        if (ispunct((unsigned char)s[i]))
            j++;
        else
            while (j < n && !ng_is_space_ascii((unsigned char)s[j]) && !ispunct((unsigned char)s[j]))
                j++;
        ng_token t = {0};
        t.start = (uint32_t)i;
        t.end = (uint32_t)j;
        t.head = -1;
        t.sent = sent;
        if (start)
            t.flags |= NG_TOK_SENT_START;
        if (j < n && ng_is_space_ascii((unsigned char)s[j]))
            t.flags |= NG_TOK_SPACE_AFTER;
        if (!ng_doc_push_token(doc, &t))
            return ng_err(err, NG_ENOMEM, "out of memory");
        start = (j - i == 1 && (s[i] == '.' || s[i] == '!' || s[i] == '?'));
        if (start)
            sent++;
        i = j;
    }
    /* Sentences from the token flags. */
    for (size_t k = 0; k < doc->ntokens;) {
        size_t e = k + 1;
        while (e < doc->ntokens && doc->tokens[e].sent == doc->tokens[k].sent)
            e++;
        ng_sentence snt = {(uint32_t)k, (uint32_t)(e - k), doc->tokens[k].start, doc->tokens[e - 1].end};
        if (!ng_doc_push_sentence(doc, &snt))
            return ng_err(err, NG_ENOMEM, "out of memory");
        k = e;
    }
    return NG_OK;
}
