/*
 * train.c - `newsgraph train KIND ...`: dispatch to the trainer of one model
 * kind (one file each: train_pos.c, ...).  Each trainer reads CoNLL-U-style
 * data and writes a model file that `newsgraph model info` describes.
 */
#include "cli.h"

#include <string.h>

int cmd_train_pos(int argc, char **argv);
int cmd_train_ner(int argc, char **argv);

static const cli_command kinds[] = {
    {"pos", "part-of-speech tagger (UPOS + XPOS) from CoNLL-U", cmd_train_pos},
    {"ner", "named-entity recognizer from CoNLL-2003 or IOB2", cmd_train_ner},
};

static const char help_head[] =
    "usage: newsgraph train KIND [OPTIONS]\n"
    "\n"
    "Train a model from annotated data.  'newsgraph train KIND --help' lists the\n"
    "options of one kind.\n"
    "\n"
    "kinds:\n";

int cmd_train(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fputs(help_head, out);
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            fprintf(out, "  %-8s %s\n", kinds[i].name, kinds[i].summary);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(argv[1], kinds[i].name) == 0)
            return kinds[i].main(argc - 1, argv + 1);
    return cli_usage_error("train", "'%s' is not a model kind", argv[1]);
}
