/*
 * eval_dep.c - `newsgraph eval dep`: parse a CoNLL-U treebank and print
 * attachment scores (CoNLL 2018: punctuation included, LAS on universal
 * labels).  The last line is exactly "dep: UAS=0.xxxx LAS=0.xxxx".
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph eval dep --test FILE [--model MODEL] [--gold-tags | --raw]\n"
    "\n"
    "Parse the sentences of a CoNLL-U file and print unlabelled and labelled\n"
    "attachment scores, punctuation included, LAS over the universal part of the\n"
    "label as in the CoNLL 2018 shared task (LAS with subtypes is printed too).\n"
    "By default the file's words are tagged by our POS model; --gold-tags uses\n"
    "the file's tags; --raw runs the '# text' lines through our tokenizer and\n"
    "tagger and aligns words by characters (scores are then F1).  Lemma\n"
    "accuracy is printed when the lemma lists are found.  The last line reads\n"
    "'dep: UAS=0.xxxx LAS=0.xxxx'.\n"
    "\n"
    "  -t, --test FILE       gold data (CoNLL-U)\n"
    "  -m, --model MODEL     the parser (default: the shipped models/dep.model)\n"
    "      --pos-model MODEL the tagger (default: the shipped models/pos.model)\n"
    "      --lexicons DIR    where lemma_*.txt are (default: the shipped lexicons)\n"
    "      --gold-tags       use the file's UPOS and XPOS\n"
    "      --raw             start from raw text\n"
    "      --write FILE      also write the parses as CoNLL-U (not with --raw)\n"
    "  -h, --help            this help\n";

static void print_counts(const ng_dep_counts *k, ng_dep_input in)
{
    double g = k->words ? (double)k->words : 1, s = k->sys_words ? (double)k->sys_words : 1;
    printf("words: %zu gold, %zu system, %zu aligned\n", k->words, k->sys_words, k->aligned);
    printf("parsing: %.3f s, %.0f words/s (CPU %.3f s, %.0f words/s)\n", k->seconds,
           k->seconds > 0 ? (double)k->sys_words / k->seconds : 0, k->cpu_seconds,
           k->cpu_seconds > 0 ? (double)k->sys_words / k->cpu_seconds : 0);
    if (in != NG_DEP_GOLD_TAGS)
        printf("upos: %.4f\n", (double)k->upos_ok / g);
    if (k->lemma_ok)
        printf("lemma: %.4f\n", (double)k->lemma_ok / g);
    /* F1 over gold and system words (equal to accuracy with gold words). */
    double uas = 2.0 * (double)k->uas / (g + s), las = 2.0 * (double)k->las / (g + s);
    printf("LAS with subtypes: %.4f\n", 2.0 * (double)k->las_full / (g + s));
    printf("dep: UAS=%.4f LAS=%.4f\n", uas, las);
}

int cmd_eval_dep(int argc, char **argv)
{
    static const struct option opts[] = {
        {"test", required_argument, 0, 't'},      {"model", required_argument, 0, 'm'},
        {"pos-model", required_argument, 0, 'P'}, {"lexicons", required_argument, 0, 'L'},
        {"gold-tags", no_argument, 0, 'g'},       {"raw", no_argument, 0, 'r'},
        {"write", required_argument, 0, 'w'},     {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *test = NULL, *model = NULL, *pos = NULL, *lex = NULL, *write = NULL;
    ng_dep_input in = NG_DEP_PREDICTED_TAGS;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:m:h", opts, NULL)) != -1) {
        switch (c) {
        case 't': test = optarg; break;
        case 'm': model = optarg; break;
        case 'P': pos = optarg; break;
        case 'L': lex = optarg; break;
        case 'g': in = NG_DEP_GOLD_TAGS; break;
        case 'r': in = NG_DEP_RAW; break;
        case 'w': write = optarg; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("eval dep", "bad option");
        }
    }
    if (!test && optind < argc)
        test = argv[optind++];
    if (!test || optind < argc)
        return cli_usage_error("eval dep", "%s", test ? "unexpected argument" : "--test FILE is required");
    cli_init_logging(false);
    ng_dep_counts k;
    ng_error err;
    if (ng_dep_eval_file(model, pos, lex, test, in, &k, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    print_counts(&k, in);
    if (write && in != NG_DEP_RAW && ng_dep_write_file(model, pos, test, in == NG_DEP_GOLD_TAGS, write, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    return cli_finish_stdout(EXIT_OK);
}
