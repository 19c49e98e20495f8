/*
 * train_dep.c - `newsgraph train dep`: train the dependency parser on a
 * CoNLL-U treebank, printing dev attachment scores after each epoch (a
 * progress line on a terminal, nothing extra when piped).
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph train dep --train FILE -o MODEL [OPTIONS]\n"
    "\n"
    "Train the dependency parser (greedy arc-hybrid, averaged perceptron, dynamic\n"
    "oracle) on a CoNLL-U treebank with gold heads and labels; print dev UAS and\n"
    "LAS after each epoch and keep the best epoch.  The same data, options and\n"
    "seed give a byte-identical model.\n"
    "\n"
    "  -t, --train FILE        training data (CoNLL-U)\n"
    "  -d, --dev FILE          development data, scored after each epoch\n"
    "  -o, --output MODEL      the model file to write\n"
    "  -e, --epochs N          passes over the data (default 15)\n"
    "  -s, --seed S            shuffling and exploration seed (default 1)\n"
    "      --explore-from E    first epoch following its own predictions (default 2, 0 never)\n"
    "      --explore-p P       probability of following a wrong prediction (default 0.9)\n"
    "      --min-weight W      prune averaged weights below W (default 0)\n"
    "      --min-updates N     prune features updated fewer than N times (default 0)\n"
    "      --pos-model MODEL   train and score on tags from this POS model, not gold tags\n"
    "      --jackknife K       with --pos-model: tag train by K-fold jackknifing\n"
    "      --fold-models M,..  with --pos-model: tag fold f of train with the f-th model\n"
    "                          (scripts/jackknife-pos.sh trains them)\n"
    "      --clusters FILE     Brown clusters for features, copied into the model\n"
    "                          (lexicons/clusters.txt format; default: none)\n"
    "      --groups G          label groups the move model tells apart: none, coarse,\n"
    "                          universal (a label model picks within) or full (default:\n"
    "                          every label, joint with the move)\n"
    "  -h, --help              this help\n";

static void on_progress(void *ud, const ng_dep_epoch *ep, size_t done, size_t total)
{
    cli_progress *p = ud;
    if (!ep) {
        p->done = 0;
        cli_progress_tick(p, done);
        (void)total;
        return;
    }
    if (p->on)
        fputs("\r\033[K", stderr);
    printf("epoch %d/%d: train %.4f", ep->epoch, ep->epochs, ep->train_acc);
    if (ep->dev_uas >= 0)
        printf("  dev UAS %.4f LAS %.4f", ep->dev_uas, ep->dev_las);
    printf("  features %zu  %.1fs\n", ep->features, ep->seconds);
    fflush(stdout);
}

/* Parse a numeric option into *out within [lo, hi]; false when invalid. */
static bool num_opt(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi))
        return false;
    *out = v;
    return true;
}

/* Apply one numeric option; returns false on a bad value. */
static bool set_opt(int c, const char *arg, ng_dep_train_opts *o)
{
    double v;
    switch (c) {
    case 'e': if (!num_opt(arg, 1, 1000, &v)) return false; o->epochs = (int)v; return true;
    case 's': if (!num_opt(arg, 0, 1e18, &v)) return false; o->seed = (uint64_t)v; return true;
    case 'X': if (!num_opt(arg, 0, 1000, &v)) return false; o->explore_from = (int)v; return true;
    case 'p': if (!num_opt(arg, 0, 1, &v)) return false; o->explore_p = v; return true;
    case 'W': if (!num_opt(arg, 0, 1e6, &v)) return false; o->min_weight = (float)v; return true;
    case 'U': if (!num_opt(arg, 0, 1e9, &v)) return false; o->min_updates = (unsigned)v; return true;
    case 'J': if (!num_opt(arg, 2, 100, &v)) return false; o->jackknife = (int)v; return true;
    }
    return false;
}

/* --groups NAME into o; false when unknown. */
static bool set_groups(const char *s, ng_dep_train_opts *o)
{
    static const char *const names[] = {"none", "coarse", "universal", "full"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            o->label_groups = i;
            return true;
        }
    return false;
}

int cmd_train_dep(int argc, char **argv)
{
    static const struct option opts[] = {
        {"train", required_argument, 0, 't'},       {"dev", required_argument, 0, 'd'},
        {"output", required_argument, 0, 'o'},      {"epochs", required_argument, 0, 'e'},
        {"seed", required_argument, 0, 's'},        {"explore-from", required_argument, 0, 'X'},
        {"explore-p", required_argument, 0, 'p'},   {"min-weight", required_argument, 0, 'W'},
        {"min-updates", required_argument, 0, 'U'}, {"pos-model", required_argument, 0, 'M'},
        {"jackknife", required_argument, 0, 'J'},   {"fold-models", required_argument, 0, 'F'},
        {"clusters", required_argument, 0, 'C'},    {"groups", required_argument, 0, 'G'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *train = NULL, *dev = NULL, *out = NULL;
    ng_dep_train_opts o;
    ng_dep_train_defaults(&o);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:d:o:e:s:h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(help);
        if (c == 'F' || c == 'C')
            *(c == 'F' ? &o.fold_models : &o.clusters) = optarg;
        else if (c == 'G' && !set_groups(optarg, &o))
            return cli_usage_error("train dep", "bad --groups '%s'", optarg);
        else if (c == 'G')
            continue;
        else if (c == 't' || c == 'd' || c == 'o' || c == 'M')
            *(c == 't' ? &train : c == 'd' ? &dev : c == 'o' ? &out : &o.pos_model) = optarg;
        else if (c == '?' || !set_opt(c, optarg, &o))
            return c == '?' ? cli_usage_error("train dep", "bad option")
                            : cli_usage_error("train dep", "bad value '%s'", optarg);
    }
    if (!train || !out || optind < argc)
        return cli_usage_error("train dep", "%s",
                               optind < argc ? "unexpected argument" : "--train and -o are required");
    if ((o.jackknife || o.fold_models) && !o.pos_model)
        return cli_usage_error("train dep", "--jackknife and --fold-models need --pos-model");
    cli_init_logging(false);
    cli_progress prog;
    cli_progress_start(&prog, "sentences", 0);
    o.progress = on_progress;
    o.ud = &prog;
    ng_error err;
    if (ng_dep_train_file(train, dev, &o, out, &err) != NG_OK) {
        if (prog.on)
            fputs("\r\033[K", stderr);
        cli_error("%s", err.msg);
        return cli_finish_stdout(EXIT_FAIL);
    }
    printf("wrote %s\n", out);
    return cli_finish_stdout(EXIT_OK);
}
