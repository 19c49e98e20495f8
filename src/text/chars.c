/*
 * chars.c - character classes for the tokenizer: an ASCII table for the fast
 * path and utf8proc categories (plus CJK ranges) for everything else.
 * Invariant: every ASCII byte has exactly one NG_C_* class; bytes >= 0x80 none.
 */
#include "text/text.h"

#include <utf8proc.h>

#define SP NG_C_SP
#define LO NG_C_LO
#define UP NG_C_UP
#define DI NG_C_DI
#define US NG_C_US
#define PU NG_C_PU
const uint8_t ng_text_ascii[256] = {
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, PU, PU, PU, PU, PU, PU, PU,
    PU, PU, PU, PU, PU, PU, PU, PU,
    DI, DI, DI, DI, DI, DI, DI, DI,
    DI, DI, PU, PU, PU, PU, PU, PU,
    PU, UP, UP, UP, UP, UP, UP, UP,
    UP, UP, UP, UP, UP, UP, UP, UP,
    UP, UP, UP, UP, UP, UP, UP, UP,
    UP, UP, UP, PU, PU, PU, PU, US,
    PU, LO, LO, LO, LO, LO, LO, LO,
    LO, LO, LO, LO, LO, LO, LO, LO,
    LO, LO, LO, LO, LO, LO, LO, LO,
    LO, LO, LO, PU, PU, PU, PU, SP,
    /* 0x80..0xff: parts of multi-byte characters, classified by code point */
};
#undef SP
#undef LO
#undef UP
#undef DI
#undef US
#undef PU

static bool in(int32_t cp, int32_t lo, int32_t hi)
{
    return cp >= lo && cp <= hi;
}

static bool is_han(int32_t cp)
{
    return in(cp, 0x4E00, 0x9FFF) || in(cp, 0x3400, 0x4DBF) || in(cp, 0x20000, 0x3134F) ||
           in(cp, 0xF900, 0xFAFF) || in(cp, 0x2E80, 0x2FDF) || cp == 0x3005 || cp == 0x3007 ||
           in(cp, 0x3021, 0x3029);
}

static int cjk_class(int32_t cp)
{
    if (is_han(cp))
        return NG_U_HAN;
    if (in(cp, 0x3041, 0x309F))
        return NG_U_HIRA;
    if (in(cp, 0x30A0, 0x30FF) || in(cp, 0x31F0, 0x31FF) || in(cp, 0xFF66, 0xFF9F))
        return NG_U_KATA;
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61)
        return NG_U_TERM;
    return -1;
}

int ng_text_uclass(int32_t cp)
{
    if (cp < 0x80)
        return (ng_text_ascii[cp] & NG_C_SP) ? NG_U_SPACE : (ng_text_ascii[cp] & NG_C_UP) ? NG_U_UPPER
               : (ng_text_ascii[cp] & NG_C_WD) ? NG_U_WORD : NG_U_OTHER;
    if (cp == 0x2019)
        return NG_U_APOS;
    if (cp == 0x200B || cp == 0xFEFF)
        return NG_U_SPACE; /* zero-width space, BOM */
    if (cp == 0x200D || cp == 0x00AD || cp == 0x2060 || in(cp, 0xFE00, 0xFE0F) || in(cp, 0x1F3FB, 0x1F3FF) || cp == 0x20E3 ||
        in(cp, 0xE0020, 0xE007F))
        return NG_U_MOD;
    if (cp >= 0x2E80) {
        int k = cjk_class(cp);
        if (k >= 0)
            return k;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return NG_U_UPPER;
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return NG_U_WORD;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return NG_U_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return NG_U_MOD; /* other invisible format characters stick to their neighbour */
    default:
        return NG_U_OTHER;
    }
}

size_t ng_text_space_at(const char *s, size_t i, size_t n)
{
    if (i >= n)
        return 0;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
        return (ng_text_ascii[c] & NG_C_SP) ? 1 : 0;
    size_t len;
    int32_t cp = ng_text_cp(s, i, n, &len);
    return ng_text_uclass(cp) == NG_U_SPACE ? len : 0;
}
