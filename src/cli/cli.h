/*
 * cli.h - what the subcommands share: exit codes, messages, progress.
 * The CLI uses only the public header, newsgraph.h.
 */
#ifndef NG_CLI_H
#define NG_CLI_H

#include "newsgraph.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes, as jq: 0 success, 1 a runtime failure (some input failed),
 * 2 misuse (bad options). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* A subcommand: name, one-line summary, entry point. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*main)(int argc, char **argv);
} cli_command;

/* "newsgraph: " + message on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Misuse: message + "try 'newsgraph CMD --help'"; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print help text to stdout; returns EXIT_OK. */
int cli_help(const char *text);
/* Install a log callback that prints warnings and errors to stderr. */
void cli_init_logging(bool verbose);
/* Check stdout for write errors (full disk, closed pipe); EXIT_FAIL if any. */
int cli_finish_stdout(int status);

/* Progress on stderr when it is a terminal, silent otherwise. */
typedef struct cli_progress {
    bool on;
    double t0, last;
    size_t done, total; /* total 0 = unknown */
    const char *unit;
} cli_progress;

void cli_progress_start(cli_progress *p, const char *unit, size_t total);
void cli_progress_tick(cli_progress *p, size_t n);
void cli_progress_end(cli_progress *p);
double cli_now(void);

#endif /* NG_CLI_H */
