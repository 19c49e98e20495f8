/*
 * train_pos.c - `newsgraph train pos`: train the part-of-speech tagger on a
 * CoNLL-U treebank, printing dev accuracy after each epoch (a progress line
 * on a terminal, nothing extra when piped).
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph train pos --train FILE -o MODEL [OPTIONS]\n"
    "\n"
    "Train the part-of-speech tagger (UPOS and XPOS) on a CoNLL-U treebank with\n"
    "gold tags; print dev accuracy after each epoch.  The same data, options and\n"
    "seed give a byte-identical model.\n"
    "\n"
    "  -t, --train FILE        training data (CoNLL-U)\n"
    "  -d, --dev FILE          development data, scored after each epoch\n"
    "  -o, --output MODEL      the model file to write\n"
    "  -e, --epochs N          passes over the data (default 12)\n"
    "  -s, --seed S            shuffling seed (default 1)\n"
    "      --passes N          1 = left to right only, 2 = with a second pass (default 2)\n"
    "      --folds K           train the second pass on first-pass tags of K held-out\n"
    "                          folds (jackknifing; default 0: online guesses)\n"
    "      --sure W            skip the second pass for words whose first-pass margin\n"
    "                          is at least W (default 16; 0 = never skip)\n"
    "      --coarse            the first of two passes predicts UPOS only (faster)\n"
    "  -l, --lexicon FILE      word TAB tags (NN|VB) list whose tag sets become features\n"
    "      --clusters FILE     Brown clusters (bits TAB word TAB count) whose path\n"
    "                          prefixes become features (stored in the model)\n"
    "  -L, --lexicons DIR      the same with DIR/clusters.txt\n"
    "      --min-weight W      prune averaged weights below W (default 0)\n"
    "      --min-updates N     prune features updated fewer than N times (default 0)\n"
    "      --dict-count N      tag dictionary: words seen at least N times (default 20)\n"
    "      --dict-ratio R      ... with one tag at least R of the time (default 0.97)\n"
    "  -h, --help              this help\n";

static void on_progress(void *ud, const ng_pos_epoch *ep, size_t done, size_t total)
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
    if (ep->dev_upos >= 0)
        printf("  dev UPOS %.4f XPOS %.4f", ep->dev_upos, ep->dev_xpos);
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

/* Apply one option; returns false on a bad value. */
static bool set_opt(int c, const char *arg, ng_pos_train_opts *o)
{
    double v;
    switch (c) {
    case 'e': if (!num_opt(arg, 1, 1000, &v)) return false; o->epochs = (int)v; return true;
    case 's': if (!num_opt(arg, 0, 1e18, &v)) return false; o->seed = (uint64_t)v; return true;
    case 'P': if (!num_opt(arg, 1, 2, &v)) return false; o->passes = (int)v; return true;
    case 'F': if (!num_opt(arg, 0, 100, &v) || v == 1) return false; o->folds = (int)v; return true;
    case 'S': if (!num_opt(arg, 0, 1e9, &v)) return false; o->sure = v; return true;
    case 'W': if (!num_opt(arg, 0, 1e6, &v)) return false; o->min_weight = (float)v; return true;
    case 'U': if (!num_opt(arg, 0, 1e9, &v)) return false; o->min_updates = (unsigned)v; return true;
    case 'C': if (!num_opt(arg, 1, 1e9, &v)) return false; o->dict_min_count = (unsigned)v; return true;
    case 'R': if (!num_opt(arg, 0, 1.0001, &v)) return false; o->dict_min_ratio = v; return true;
    }
    return false;
}

int cmd_train_pos(int argc, char **argv)
{
    static const struct option opts[] = {
        {"train", required_argument, 0, 't'},  {"dev", required_argument, 0, 'd'},
        {"output", required_argument, 0, 'o'}, {"epochs", required_argument, 0, 'e'},
        {"seed", required_argument, 0, 's'},   {"passes", required_argument, 0, 'P'},
        {"folds", required_argument, 0, 'F'},  {"lexicon", required_argument, 0, 'l'},
        {"coarse", no_argument, 0, 'K'},       {"clusters", required_argument, 0, 'c'},
        {"lexicons", required_argument, 0, 'L'},      {"sure", required_argument, 0, 'S'},
        {"min-weight", required_argument, 0, 'W'}, {"min-updates", required_argument, 0, 'U'},
        {"dict-count", required_argument, 0, 'C'}, {"dict-ratio", required_argument, 0, 'R'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0},
    };
    const char *train = NULL, *dev = NULL, *out = NULL;
    char clusters[4096];
    ng_pos_train_opts o;
    ng_pos_train_defaults(&o);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:d:o:e:s:l:L:h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(help);
        if (c == 't' || c == 'd' || c == 'o')
            *(c == 't' ? &train : c == 'd' ? &dev : &out) = optarg;
        else if (c == 'l')
            o.lexicon = optarg;
        else if (c == 'c')
            o.clusters = optarg;
        else if (c == 'L' && snprintf(clusters, sizeof clusters, "%s/clusters.txt", optarg) < (int)sizeof clusters)
            o.clusters = clusters;
        else if (c == 'K')
            o.coarse = 1;
        else if (c == '?' || !set_opt(c, optarg, &o))
            return c == '?' ? cli_usage_error("train pos", "bad option")
                            : cli_usage_error("train pos", "bad value '%s'", optarg);
    }
    if (!train || !out || optind < argc)
        return cli_usage_error("train pos", "%s", optind < argc ? "unexpected argument" : "--train and -o are required");
    cli_init_logging(false);
    cli_progress prog;
    cli_progress_start(&prog, "sentences", 0);
    o.progress = on_progress;
    o.ud = &prog;
    ng_error err;
    if (ng_pos_train_file(train, dev, &o, out, &err) != NG_OK) {
        if (prog.on)
            fputs("\r\033[K", stderr);
        cli_error("%s", err.msg);
        return cli_finish_stdout(EXIT_FAIL);
    }
    printf("wrote %s\n", out);
    return cli_finish_stdout(EXIT_OK);
}
