/*
 * eval_ner.c - `newsgraph eval ner`: tag a gold CoNLL-2003 or IOB2 corpus
 * and print conlleval-style precision, recall and F1 per type and overall.
 * The last line is always "ner: P=0.xxxx R=0.xxxx F1=0.xxxx".
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph eval ner [--model MODEL] --test FILE [OPTIONS]\n"
    "\n"
    "Tag a gold corpus (CoNLL-2003 or IOB2, detected) and print conlleval-style\n"
    "entity precision, recall and F1 per type and overall.  Model types that the\n"
    "corpus never uses (MISC on UNER) are not scored unless --all-types.\n"
    "\n"
    "  -m, --model MODEL       NER model (default: ner.model of the shipped models)\n"
    "  -t, --test FILE         gold corpus (required)\n"
    "  -l, --lexicons DIR      gazetteers and clusters (default: the shipped lexicons)\n"
    "      --all-types         score every model type\n"
    "  -h, --help              this help\n";

static void print_counts(const ng_ner_counts *k)
{
    double p, r, f;
    printf("processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n", k->tokens, k->gold[0],
           k->found[0], k->correct[0]);
    printf("accuracy: %.4f; %.0f tokens/s\n", k->tokens ? (double)k->tokens_ok / (double)k->tokens : 0.0,
           k->seconds > 0 ? (double)k->tokens / k->seconds : 0.0);
    for (unsigned t = 1; t <= k->ntypes; t++) {
        ng_ner_prf(k, t, &p, &r, &f);
        printf("%10s: P=%.4f R=%.4f F1=%.4f  (gold %zu, found %zu, correct %zu)\n", k->names[t], p, r, f, k->gold[t],
               k->found[t], k->correct[t]);
    }
    ng_ner_prf(k, 0, &p, &r, &f);
    printf("ner: P=%.4f R=%.4f F1=%.4f\n", p, r, f);
}

/* Command entry: argv[0] is the command name ("ner"). */
int cmd_eval_ner(int argc, char **argv)
{
    static const struct option opts[] = {
        {"model", required_argument, 0, 'm'}, {"test", required_argument, 0, 't'},
        {"lexicons", required_argument, 0, 'l'}, {"all-types", no_argument, 0, 'A'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *model = NULL, *test = NULL, *lexicons = NULL;
    bool all_types = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:t:l:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 't': test = optarg; break;
        case 'l': lexicons = optarg; break;
        case 'A': all_types = true; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("eval ner", "bad option");
        }
    }
    if (!test)
        return cli_usage_error("eval ner", "--test is required");
    cli_init_logging(false);
    ng_error err = {0};
    ng_ner_counts k;
    if (ng_ner_eval_file(model, lexicons, test, all_types, &k, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    print_counts(&k);
    return cli_finish_stdout(EXIT_OK);
}
