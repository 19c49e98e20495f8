/*
 * error.c - result codes, their messages, and the log callback.
 */
#include "core.h"

#include <stdio.h>

static const char *const messages[NG_NCODES] = {
    [NG_OK] = "ok",
    [NG_ENOMEM] = "out of memory",
    [NG_EIO] = "input/output error",
    [NG_EFORMAT] = "bad input format",
    [NG_ETOOBIG] = "input too large",
    [NG_EMODEL] = "bad or missing model",
    [NG_EARG] = "invalid argument",
    [NG_ENOTFOUND] = "not found",
    [NG_EDB] = "database error",
    [NG_EEMPTY] = "no article text",
    [NG_EINTERNAL] = "internal error",
    [NG_END] = "end of input",
};

const char *ng_strerror(int code)
{
    if (code < 0 || code >= NG_NCODES || !messages[code])
        return "unknown error";
    return messages[code];
}

int ng_err(ng_error *err, int code, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

static ng_log_fn g_log;
static void *g_log_ud;

void ng_set_log(ng_log_fn fn, void *ud)
{
    g_log = fn;
    g_log_ud = ud;
}

void ng_log(ng_log_level level, const char *fmt, ...)
{
    if (!g_log)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    g_log(g_log_ud, level, msg);
}
