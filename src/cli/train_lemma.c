/*
 * train_lemma.c - `newsgraph train lemma`: derive the lemmatizer's lists
 * (known lemmas, exceptions to the suffix rules) from a CoNLL-U treebank
 * with gold lemmas and tags.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph train lemma --train FILE -o DIR\n"
    "\n"
    "Derive lemma_words.txt (known lemmas by word class) and lemma_exceptions.txt\n"
    "(forms whose usual lemma the suffix rules miss) from a CoNLL-U treebank with\n"
    "gold lemmas and tags, into DIR (normally lexicons/).  The hand-written\n"
    "lemma_irregular.txt is not touched.\n"
    "\n"
    "  -t, --train FILE    training data (CoNLL-U)\n"
    "  -o, --output DIR    where to write the lists\n"
    "  -h, --help          this help\n";

int cmd_train_lemma(int argc, char **argv)
{
    static const struct option opts[] = {
        {"train", required_argument, 0, 't'}, {"output", required_argument, 0, 'o'},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0},
    };
    const char *train = NULL, *out = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 't': train = optarg; break;
        case 'o': out = optarg; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("train lemma", "bad option");
        }
    }
    if (!train || !out || optind < argc)
        return cli_usage_error("train lemma", "%s",
                               optind < argc ? "unexpected argument" : "--train and -o are required");
    cli_init_logging(false);
    ng_error err;
    if (ng_lemma_train_file(train, out, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    printf("wrote %s/lemma_words.txt and %s/lemma_exceptions.txt\n", out, out);
    return cli_finish_stdout(EXIT_OK);
}
