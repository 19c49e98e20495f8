/*
 * model.c - `newsgraph model info|dump MODEL`: describe a model file as text
 * (header, sections, metadata, labels, features per template, top weights).
 * A corrupt or foreign file is reported with the problem and exit status 1.
 */
#include "cli.h"

#include <string.h>

static const char help[] =
    "usage: newsgraph model info MODEL...\n"
    "       newsgraph model dump MODEL\n"
    "\n"
    "info: a summary of each model file (kind, size, checksum, sections,\n"
    "      training metadata, feature counts).\n"
    "dump: everything info says, plus labels, features per template and the\n"
    "      most heavily weighted features.\n"
    "A file that is corrupt, truncated or not a model is reported on stderr\n"
    "and the exit status is 1.\n";

int cmd_model(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return cli_help(help);
    if (argc < 3 || (strcmp(argv[1], "info") != 0 && strcmp(argv[1], "dump") != 0))
        return cli_usage_error("model", "expected 'info MODEL...' or 'dump MODEL'");
    int detail = strcmp(argv[1], "dump") == 0;
    if (detail && argc > 3)
        return cli_usage_error("model", "dump takes one model");
    cli_init_logging(false);
    int status = EXIT_OK;
    for (int i = 2; i < argc; i++) {
        ng_error err;
        if (i > 2)
            putchar('\n');
        if (ng_model_print(stdout, argv[i], detail, &err) != NG_OK) {
            if (ferror(stdout)) /* a closed pipe or a full disk: reported once, below */
                return cli_finish_stdout(EXIT_FAIL);
            cli_error("%s", err.msg);
            status = EXIT_FAIL;
        }
    }
    return cli_finish_stdout(status);
}
