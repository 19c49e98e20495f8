/*
 * eval.c - `newsgraph eval KIND ...`: dispatch to one kind of evaluation
 * (one file each: eval_tokenize.c, ...) through the table below; shared
 * scoring helpers.
 */
#include "eval.h"

#include <string.h>

static const struct {
    const char *name;
    const char *summary;
    int (*main)(int argc, char **argv);
} kinds[] = {
    {"tokenize", "tokens and sentence boundaries against CoNLL-U gold", eval_tokenize},
    {"pos", "UPOS and XPOS accuracy against CoNLL-U gold", cmd_eval_pos},
    {"ner", "entity P/R/F1 against CoNLL-2003 or IOB2 gold", cmd_eval_ner},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: newsgraph eval KIND [OPTIONS] FILE...\n\n"
                 "Score a stage against gold data; the last line printed is the headline figure.\n\n"
                 "kinds:\n");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        fprintf(out, "  %-10s %s\n", kinds[i].name, kinds[i].summary);
    fprintf(out, "\n'newsgraph eval KIND --help' describes one kind.\n");
}

int cmd_eval(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(argv[1], kinds[i].name) == 0)
            return kinds[i].main(argc - 1, argv + 1);
    return cli_usage_error("eval", "'%s' is not a kind of evaluation", argv[1]);
}

double eval_p(const eval_prf *x)
{
    return x->pred ? (double)x->match / (double)x->pred : 0.0;
}

double eval_r(const eval_prf *x)
{
    return x->gold ? (double)x->match / (double)x->gold : 0.0;
}

double eval_f1(const eval_prf *x)
{
    double p = eval_p(x), r = eval_r(x);
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
