/*
 * strings.c - small string helpers and the sha256 digest (nettle).
 */
#include "core.h"

#include <ctype.h>
#include <nettle/sha2.h>

bool ng_is_space_ascii(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Unicode spaces that news pages use between words: NBSP, the U+2000 block,
 * narrow NBSP, ideographic space, and the BOM / zero-width space. */
static size_t uspace_len(const unsigned char *s, const unsigned char *e)
{
    if (e - s >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
        return 2;
    if (e - s >= 3 && s[0] == 0xe2 && s[1] == 0x80 && (s[2] <= 0x8b || s[2] == 0xaf))
        return 3;
    if (e - s >= 3 && s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    if (e - s >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
        return 3;
    return 0;
}

void ng_trim(const char **ps, const char **pe)
{
    const unsigned char *s = (const unsigned char *)*ps, *e = (const unsigned char *)*pe;
    for (;;) {
        size_t n;
        if (s < e && ng_is_space_ascii(*s))
            s++;
        else if (s < e && (n = uspace_len(s, e)))
            s += n;
        else
            break;
    }
    for (;;) {
        if (e > s && ng_is_space_ascii(e[-1]))
            e--;
        else if (e - s >= 2 && uspace_len(e - 2, e) == 2)
            e -= 2;
        else if (e - s >= 3 && uspace_len(e - 3, e) == 3)
            e -= 3;
        else
            break;
    }
    *ps = (const char *)s;
    *pe = (const char *)e;
}

bool ng_strnieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
            return false;
        if (!a[i])
            return true;
    }
    return true;
}

bool ng_strieq(const char *a, const char *b)
{
    size_t na = strlen(a);
    return na == strlen(b) && ng_strnieq(a, b, na);
}

bool ng_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

void ng_sha256_hex(const void *data, size_t len, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}
