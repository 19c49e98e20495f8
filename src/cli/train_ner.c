/*
 * train_ner.c - `newsgraph train ner`: train the named-entity recognizer on a
 * CoNLL-2003 or IOB2 corpus, choose the epoch on a dev corpus, write the
 * model.  Progress and per-epoch figures go to stderr.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph train ner --train FILE [--dev FILE] -o MODEL [OPTIONS]\n"
    "\n"
    "Train the named-entity recognizer (BILOU, greedy averaged perceptron) on a\n"
    "CoNLL-2003 (TOKEN ... TAG, -DOCSTART-) or IOB2 (ID TOKEN TAG, # newdoc)\n"
    "corpus; the format is detected.  With --dev, the epoch with the best dev\n"
    "entity F1 is kept.\n"
    "\n"
    "  -t, --train FILE        training corpus (required)\n"
    "  -d, --dev FILE          development corpus\n"
    "  -o, --output MODEL      model file to write (required)\n"
    "  -e, --epochs N          training epochs (default 15)\n"
    "  -s, --seed S            shuffling seed (default 1)\n"
    "  -l, --lexicons DIR      gazetteers and clusters (default: the shipped lexicons)\n"
    "      --no-lexicons       train without gazetteers and clusters\n"
    "      --min-weight W      prune averaged weights below W (default 0)\n"
    "      --min-updates N     prune features updated fewer than N times (default 0)\n"
    "  -h, --help              this help\n";

static void progress(void *ud, const ng_ner_epoch *ep, size_t done, size_t total)
{
    (void)ud;
    if (!ep) {
        fprintf(stderr, "\r  %zu/%zu documents", done, total);
        return;
    }
    fprintf(stderr, "\repoch %2d/%d  train F1 %.4f  dev F1 %.4f  features %zu  %.1fs\n", ep->epoch, ep->epochs,
            ep->train_f1, ep->dev_f1, ep->features, ep->seconds);
}

typedef struct train_args {
    const char *train, *dev, *out;
    bool no_lex;
    ng_ner_train_opts o;
} train_args;

static int parse_args(int argc, char **argv, train_args *a)
{
    static const struct option opts[] = {
        {"train", required_argument, 0, 't'}, {"dev", required_argument, 0, 'd'},
        {"output", required_argument, 0, 'o'}, {"epochs", required_argument, 0, 'e'},
        {"seed", required_argument, 0, 's'}, {"lexicons", required_argument, 0, 'l'},
        {"no-lexicons", no_argument, 0, 'L'}, {"min-weight", required_argument, 0, 'W'},
        {"min-updates", required_argument, 0, 'U'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:d:o:e:s:l:h", opts, NULL)) != -1) {
        switch (c) {
        case 't': a->train = optarg; break;
        case 'd': a->dev = optarg; break;
        case 'o': a->out = optarg; break;
        case 'e': a->o.epochs = atoi(optarg); break;
        case 's': a->o.seed = strtoull(optarg, NULL, 10); break;
        case 'l': a->o.lexicon_dir = optarg; break;
        case 'L': a->no_lex = true; break;
        case 'W': a->o.min_weight = strtof(optarg, NULL); break;
        case 'U': a->o.min_updates = (unsigned)strtoul(optarg, NULL, 10); break;
        case 'h': return cli_help(help) + 100;
        default: return cli_usage_error("train ner", "bad option");
        }
    }
    if (!a->train || !a->out)
        return cli_usage_error("train ner", "--train and -o are required");
    if (a->o.epochs < 1 || a->o.epochs > 1000)
        return cli_usage_error("train ner", "--epochs must be 1..1000");
    return EXIT_OK;
}

/* Command entry: argv[0] is the command name ("ner" or "train-ner"). */
int cmd_train_ner(int argc, char **argv)
{
    train_args a = {0};
    ng_ner_train_defaults(&a.o);
    int rc = parse_args(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc == 100 ? EXIT_OK : rc;
    cli_init_logging(false);
    if (a.no_lex)
        a.o.lexicon_dir = NULL;
    else if (!a.o.lexicon_dir)
        a.o.lexicon_dir = ng_data_dir("lexicons");
    a.o.progress = progress;
    ng_error err = {0};
    if (ng_ner_train_file(a.train, a.dev, &a.o, a.out, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
