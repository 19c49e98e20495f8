/*
 * txt.c - plain-text articles.  (First version: the whole text is the body.)
 */
#include "read.h"

int ng_read_text(const char *name, const char *data, size_t len, ng_doc **out, ng_error *err)
{
    ng_doc *doc = ng_doc_new(data, len);
    if (!doc)
        return ng_err(err, NG_ENOMEM, "%s: out of memory", name);
    if (doc->repairs)
        ng_log(NG_LOG_WARN, "%s: repaired %zu invalid UTF-8 sequences or NUL bytes", name, doc->repairs);
    ng_doc_finish_meta(doc);
    *out = doc;
    return NG_OK;
}
