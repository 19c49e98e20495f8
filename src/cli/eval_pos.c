/*
 * eval_pos.c - POS evaluation: tag a CoNLL-U treebank's gold-tokenized words
 * and print token accuracy for UPOS and XPOS.  The last line is exactly
 * "pos: UPOS=0.xxxx XPOS=0.xxxx" (scripts and tests read it).
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph eval pos --test FILE [--model MODEL]\n"
    "\n"
    "Tag the words of a CoNLL-U file (gold tokenization) and print the share of\n"
    "words whose UPOS and XPOS match the gold tags.  The last line reads\n"
    "'pos: UPOS=0.xxxx XPOS=0.xxxx'.\n"
    "\n"
    "  -t, --test FILE     gold data (CoNLL-U)\n"
    "  -m, --model MODEL   the model (default: the shipped models/pos.model)\n"
    "  -h, --help          this help\n";

int cmd_eval_pos(int argc, char **argv)
{
    static const struct option opts[] = {
        {"test", required_argument, 0, 't'}, {"model", required_argument, 0, 'm'},
        {"help", no_argument, 0, 'h'},       {0, 0, 0, 0},
    };
    const char *test = NULL, *model = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:m:h", opts, NULL)) != -1) {
        switch (c) {
        case 't': test = optarg; break;
        case 'm': model = optarg; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("eval pos", "bad option");
        }
    }
    if (!test && optind < argc)
        test = argv[optind++];
    if (!test || optind < argc)
        return cli_usage_error("eval pos", "%s", test ? "unexpected argument" : "--test FILE is required");
    cli_init_logging(false);
    ng_pos_counts k = {0};
    double load = 0;
    ng_error err;
    if (ng_pos_eval_file(model, test, &k, &load, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    double n = k.words ? (double)k.words : 1;
    printf("words: %zu\n", k.words);
    printf("model load: %.1f ms\n", load * 1e3);
    printf("tagging: %.3f s, %.0f words/s\n", k.seconds, k.seconds > 0 ? (double)k.words / k.seconds : 0);
    printf("pos: UPOS=%.4f XPOS=%.4f\n", (double)k.upos_ok / n, (double)k.xpos_ok / n);
    return cli_finish_stdout(EXIT_OK);
}
