/*
 * json.c - JSON string escaping.
 */
#include "json.h"

void ng_json_str(ng_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const char *end = s + n;
    ng_buf_reserve(b, n + 2);
    ng_buf_putc(b, '"');
    while (s < end) {
        const char *run = s;
        while (s < end && (unsigned char)*s >= 0x20 && *s != '"' && *s != '\\' && (unsigned char)*s < 0x80)
            s++;
        ng_buf_append(b, run, (size_t)(s - run));
        if (s >= end)
            break;
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {
            size_t len = ng_utf8_seqlen((const unsigned char *)s, (const unsigned char *)end);
            if (len == 0) {
                ng_buf_append(b, "\xef\xbf\xbd", 3);
                s++;
            } else {
                ng_buf_append(b, s, len);
                s += len;
            }
            continue;
        }
        s++;
        switch (c) {
        case '"': ng_buf_append(b, "\\\"", 2); break;
        case '\\': ng_buf_append(b, "\\\\", 2); break;
        case '\n': ng_buf_append(b, "\\n", 2); break;
        case '\t': ng_buf_append(b, "\\t", 2); break;
        case '\r': ng_buf_append(b, "\\r", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            ng_buf_append(b, u, 6);
        }
        }
    }
    ng_buf_putc(b, '"');
}

void ng_json_key(ng_buf *b, const char *key)
{
    if (b->len && b->data[b->len - 1] != '{' && b->data[b->len - 1] != '[')
        ng_buf_putc(b, ',');
    ng_json_str(b, key, strlen(key));
    ng_buf_putc(b, ':');
}

void ng_json_kv_str(ng_buf *b, const char *key, const char *value)
{
    ng_json_key(b, key);
    if (value)
        ng_json_str(b, value, strlen(value));
    else
        ng_buf_append(b, "null", 4);
}

void ng_json_kv_int(ng_buf *b, const char *key, long long value)
{
    ng_json_key(b, key);
    ng_buf_printf(b, "%lld", value);
}
