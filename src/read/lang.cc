// lang.cc - language identification through CLD2 (Debian's libcld2), behind
// a C interface.  The only C++ in newsgraph: CLD2 has no C API.
#include <cstdio> // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cstring>

extern "C" {
#include "read.h"
}

extern "C" void ng_detect_language(const char *text, size_t len, bool is_plain, char out[8])
{
    std::strcpy(out, "un");
    if (!text || len == 0)
        return;
    // CLD2 takes an int length; a few hundred KB decide any language.
    int n = len > (1u << 20) ? (1 << 20) : (int)len;
    bool reliable = false;
    CLD2::Language lang = CLD2::DetectLanguage(text, n, is_plain, &reliable);
    const char *code = CLD2::LanguageCode(lang);
    if (lang == CLD2::UNKNOWN_LANGUAGE || !code)
        return;
    std::strncpy(out, code, 7);
    out[7] = '\0';
}
