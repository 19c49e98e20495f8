/*
 * eval_pos.c - POS evaluation: tag a CoNLL-U treebank's gold-tokenized words
 * and print token accuracy for UPOS and XPOS; or (--raw) tokenize each
 * document's raw text, tag it, and score tags of the tokens whose byte span
 * matches a gold word (F1, as the CoNLL 2018 scorer does).  The last line is
 * exactly "pos: UPOS=0.xxxx XPOS=0.xxxx" (scripts and tests read it).
 */
#include "eval.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char help[] =
    "usage: newsgraph eval pos --test FILE [--model MODEL] [--raw]\n"
    "\n"
    "Tag the words of a CoNLL-U file (gold tokenization) and print the share of\n"
    "words whose UPOS and XPOS match the gold tags.  With --raw, rebuild each\n"
    "document's text (as `eval tokenize` does), tokenize and tag it, and count a\n"
    "tag as correct when its token has the byte span of a gold word and the\n"
    "same tag; precision is over predicted tokens, recall over gold words.  The\n"
    "last line reads 'pos: UPOS=0.xxxx XPOS=0.xxxx' (accuracy, or F1 with --raw).\n"
    "\n"
    "  -t, --test FILE      gold data (CoNLL-U)\n"
    "  -m, --model MODEL    the model (default: the shipped models/pos.model)\n"
    "  -r, --raw            from raw text, with our tokenizer and sentence splitter\n"
    "  -l, --lexicons DIR   the tokenizer's lexicons (--raw; default: the shipped ones)\n"
    "  -h, --help           this help\n";

/* Counts of a raw-text evaluation. */
typedef struct raw_counts {
    size_t gold, pred, aligned, upos, xpos;
    double seconds; /* CPU seconds tokenizing and tagging */
} raw_counts;

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool same_tag(const char *gold, const char *pred)
{
    return gold && pred && strcmp(gold, pred) == 0;
}

/* Walk gold words and predicted tokens (both in text order) and count the
 * tokens whose span matches a word, and their correct tags. */
static void align(const conllu_doc *d, const ng_token *t, size_t nt, raw_counts *k)
{
    size_t i = 0, j = 0;
    while (i < d->nwords && j < nt) {
        const conllu_word *g = &d->words[i];
        if (g->start == t[j].start && g->end == t[j].end) {
            k->aligned++;
            k->upos += same_tag(g->col[3], ng_upos_name(t[j].upos));
            k->xpos += same_tag(g->col[4], ng_xpos_name(t[j].xpos));
            i++, j++;
        } else if (g->start < t[j].start || (g->start == t[j].start && g->end < t[j].end)) {
            i++;
        } else {
            j++;
        }
    }
    k->gold += d->nwords;
    k->pred += nt;
}

/* Tokenize and tag one gold document, adding its counts to k. */
static int raw_doc(const ng_pos *m, const conllu_doc *d, raw_counts *k)
{
    ng_doc *doc = ng_doc_new(d->text, d->len);
    ng_error err = {0};
    if (!doc)
        return cli_error("out of memory"), -1;
    size_t len;
    ng_doc_text(doc, &len);
    double t0 = cpu_now();
    int rc = len != d->len ? NG_EFORMAT : ng_tokenize(doc, &err);
    if (rc == NG_OK)
        rc = ng_pos_tag_doc(m, doc, &err);
    k->seconds += cpu_now() - t0;
    if (rc != NG_OK) {
        cli_error("%s: %s", d->id, len != d->len ? "text changed by UTF-8 repair" : err.msg);
        ng_doc_free(doc);
        return -1;
    }
    align(d, ng_doc_tokens(doc), ng_doc_ntokens(doc), k);
    ng_doc_free(doc);
    return 0;
}

static double f1(size_t ok, size_t gold, size_t pred)
{
    return gold + pred ? 2.0 * (double)ok / (double)(gold + pred) : 0;
}

/* --raw: score test from raw text with model (NULL: the shipped one). */
static int eval_raw(const char *model, const char *test, const char *lexicons)
{
    char def[4096];
    if (!model) {
        snprintf(def, sizeof def, "%s/pos.model", ng_data_dir("models"));
        model = def;
    }
    ng_error err = {0};
    ng_pos *m = NULL;
    if (ng_tokenizer_init(lexicons, &err) != NG_OK || ng_pos_load(model, &m, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    conllu_corpus c = {0};
    raw_counts k = {0};
    int rc = conllu_read(test, &c);
    for (size_t i = 0; rc == 0 && i < c.ndocs; i++)
        rc = raw_doc(m, &c.docs[i], &k);
    conllu_free(&c);
    ng_pos_free(m);
    if (rc != 0)
        return EXIT_FAIL;
    printf("words: gold %zu, tokens %zu, aligned %zu (tokens F1 %.4f)\n", k.gold, k.pred, k.aligned,
           f1(k.aligned, k.gold, k.pred));
    printf("tokenizing and tagging: %.3f s CPU, %.0f words/s\n", k.seconds,
           k.seconds > 0 ? (double)k.gold / k.seconds : 0);
    printf("UPOS: P %.4f R %.4f; XPOS: P %.4f R %.4f\n", k.pred ? (double)k.upos / (double)k.pred : 0,
           k.gold ? (double)k.upos / (double)k.gold : 0, k.pred ? (double)k.xpos / (double)k.pred : 0,
           k.gold ? (double)k.xpos / (double)k.gold : 0);
    printf("pos: UPOS=%.4f XPOS=%.4f\n", f1(k.upos, k.gold, k.pred), f1(k.xpos, k.gold, k.pred));
    return cli_finish_stdout(EXIT_OK);
}

int cmd_eval_pos(int argc, char **argv)
{
    static const struct option opts[] = {
        {"test", required_argument, 0, 't'}, {"model", required_argument, 0, 'm'},
        {"raw", no_argument, 0, 'r'},        {"lexicons", required_argument, 0, 'l'},
        {"help", no_argument, 0, 'h'},       {0, 0, 0, 0},
    };
    const char *test = NULL, *model = NULL, *lexicons = NULL;
    bool raw = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:m:rl:h", opts, NULL)) != -1) {
        switch (c) {
        case 't': test = optarg; break;
        case 'm': model = optarg; break;
        case 'r': raw = true; break;
        case 'l': lexicons = optarg; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("eval pos", "bad option");
        }
    }
    if (!test && optind < argc)
        test = argv[optind++];
    if (!test || optind < argc)
        return cli_usage_error("eval pos", "%s", test ? "unexpected argument" : "--test FILE is required");
    cli_init_logging(false);
    if (raw)
        return eval_raw(model, test, lexicons);
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
    printf("tagging: %.3f s CPU, %.0f words/s\n", k.seconds, k.seconds > 0 ? (double)k.words / k.seconds : 0);
    printf("pos: UPOS=%.4f XPOS=%.4f\n", (double)k.upos_ok / n, (double)k.xpos_ok / n);
    return cli_finish_stdout(EXIT_OK);
}
