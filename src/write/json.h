/*
 * json.h - writing JSON: string escaping and a few helpers over ng_buf.
 */
#ifndef NG_JSON_H
#define NG_JSON_H

#include "core/core.h"

/* Append s[0..n) as a JSON string literal (with quotes); invalid UTF-8 is
 * written as U+FFFD so the output is always valid JSON. */
void ng_json_str(ng_buf *b, const char *s, size_t n);
/* "key": then the value; a NULL string value becomes null. */
void ng_json_key(ng_buf *b, const char *key);
void ng_json_kv_str(ng_buf *b, const char *key, const char *value);
void ng_json_kv_int(ng_buf *b, const char *key, long long value);

#endif /* NG_JSON_H */
