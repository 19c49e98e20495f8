/*
 * util.c - messages, logging, stdout checks and the progress line.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("newsgraph: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "newsgraph %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'newsgraph %s --help'.\n", cmd);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_help(const char *text)
{
    fputs(text, stdout);
    return EXIT_OK;
}

static bool g_verbose;

static void log_to_stderr(void *ud, ng_log_level level, const char *msg)
{
    (void)ud;
    static const char *const names[] = {"debug", "info", "warning", "error"};
    if (level < NG_LOG_WARN && !g_verbose)
        return;
    fprintf(stderr, "newsgraph: %s: %s\n", names[level], msg);
}

void cli_init_logging(bool verbose)
{
    g_verbose = verbose;
    ng_set_log(log_to_stderr, NULL);
}

int cli_finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            cli_error("error writing output: %s", strerror(errno));
        return EXIT_FAIL;
    }
    return status;
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, const char *unit, size_t total)
{
    p->on = isatty(STDERR_FILENO) && !getenv("NEWSGRAPH_NO_PROGRESS");
    p->t0 = p->last = cli_now();
    p->done = 0;
    p->total = total;
    p->unit = unit;
}

static void progress_draw(cli_progress *p, double now)
{
    double dt = now - p->t0, rate = dt > 0 ? (double)p->done / dt : 0;
    if (p->total && rate > 0) {
        double eta = (double)(p->total - (p->done < p->total ? p->done : p->total)) / rate;
        fprintf(stderr, "\r%zu/%zu %s  %.0f/s  ETA %.0fs   ", p->done, p->total, p->unit, rate, eta);
    } else {
        fprintf(stderr, "\r%zu %s  %.0f/s   ", p->done, p->unit, rate);
    }
}

void cli_progress_tick(cli_progress *p, size_t n)
{
    p->done += n;
    if (!p->on)
        return;
    double now = cli_now();
    if (now - p->last < 0.2)
        return;
    p->last = now;
    progress_draw(p, now);
}

void cli_progress_end(cli_progress *p)
{
    if (!p->on)
        return;
    progress_draw(p, cli_now());
    fputc('\n', stderr);
}
