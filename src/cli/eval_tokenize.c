/*
 * eval_tokenize.c - `newsgraph eval tokenize`: rebuild raw text from CoNLL-U
 * gold, tokenize it, and score tokens (syntactic words, by exact byte span)
 * and sentences (a match when start and end agree).  The last line printed
 * is "tokenize: tokens=F1 sentences=F1".
 */
#include "eval.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph eval tokenize [OPTIONS] FILE.conllu...\n"
    "\n"
    "Rebuild each gold document's raw text (SpaceAfter=No, sentences joined by a\n"
    "space, paragraphs by a blank line), tokenize it and score tokens (syntactic\n"
    "words, after splitting multiword tokens) and sentence boundaries by exact\n"
    "byte spans.  The last line is 'tokenize: tokens=F1 sentences=F1'.\n"
    "\n"
    "  -t, --test FILE      a gold file (same as giving it as an argument)\n"
    "  -l, --lexicons DIR   lexicon directory (default: the shipped lexicons)\n"
    "  -v, --verbose        list every token and sentence error\n"
    "  -h, --help           this help\n";

typedef struct span {
    uint32_t start, end;
} span;

typedef struct score {
    eval_prf tok, sent;
} score;

/* Count exact matches between two sorted span lists. */
static size_t match_spans(const span *g, size_t ng, const span *p, size_t np)
{
    size_t i = 0, j = 0, m = 0;
    while (i < ng && j < np) {
        if (g[i].start == p[j].start && g[i].end == p[j].end) {
            m++, i++, j++;
        } else if (g[i].start < p[j].start || (g[i].start == p[j].start && g[i].end < p[j].end)) {
            i++;
        } else {
            j++;
        }
    }
    return m;
}

static void put_span(const char *text, span s)
{
    fwrite(text + s.start, 1, s.end - s.start, stdout);
}

/* Print each region where gold and predicted tokens disagree. */
static void show_token_errors(const char *id, const char *text, const span *g, size_t ng, const span *p, size_t np)
{
    size_t i = 0, j = 0;
    while (i < ng && j < np) {
        if (g[i].start == p[j].start && g[i].end == p[j].end) {
            i++, j++;
            continue;
        }
        size_t gi = i, pj = j;
        uint32_t ge = g[i].end, pe = p[j].end;
        while (ge != pe && i < ng && j < np) {
            if (ge < pe && ++i < ng)
                ge = g[i].end;
            else if (pe < ge && ++j < np)
                pe = p[j].end;
        }
        printf("TOK %s\tgold ", id);
        for (size_t k = gi; k <= i && k < ng; k++)
            put_span(text, g[k]), fputs(k < i ? "|" : "", stdout);
        printf("\tpred ");
        for (size_t k = pj; k <= j && k < np; k++)
            put_span(text, p[k]), fputs(k < j ? "|" : "", stdout);
        putchar('\n');
        i++, j++;
    }
}

/* Print the context of a sentence start found only in one list. */
static void show_boundary(const char *what, const char *text, size_t len, uint32_t at)
{
    size_t a = at > 50 ? at - 50 : 0, b = at + 50 < len ? at + 50 : len;
    printf("SENT %s\t", what);
    for (size_t k = a; k < b; k++) {
        if (k == at)
            fputs(" <||> ", stdout);
        putchar(text[k] == '\n' ? '/' : text[k]);
    }
    putchar('\n');
}

static void show_sentence_errors(const char *text, size_t len, const span *g, size_t ng, const span *p, size_t np)
{
    size_t i = 1, j = 1;
    while (i < ng || j < np) {
        uint32_t gs = i < ng ? g[i].start : UINT32_MAX, ps = j < np ? p[j].start : UINT32_MAX;
        if (gs == ps) {
            i++, j++;
        } else if (gs < ps) {
            show_boundary("missed", text, len, gs), i++;
        } else {
            show_boundary("extra ", text, len, ps), j++;
        }
    }
}

/* Tokenize one gold document and add its counts to sc. */
static int score_doc(const conllu_doc *d, score *sc, bool verbose)
{
    ng_doc *doc = ng_doc_new(d->text, d->len);
    ng_error err = {0};
    if (!doc)
        return cli_error("out of memory"), -1;
    size_t len;
    ng_doc_text(doc, &len);
    if (len != d->len || ng_tokenize(doc, &err) != NG_OK) {
        cli_error("%s: %s", d->id, len != d->len ? "text changed by UTF-8 repair" : err.msg);
        ng_doc_free(doc);
        return -1;
    }
    size_t nt = ng_doc_ntokens(doc), ns = ng_doc_nsentences(doc);
    const ng_token *t = ng_doc_tokens(doc);
    const ng_sentence *st = ng_doc_sentences(doc);
    span *g = malloc((d->nwords + d->nsents + nt + ns + 1) * sizeof *g);
    if (!g) {
        ng_doc_free(doc);
        return cli_error("out of memory"), -1;
    }
    span *p = g + d->nwords, *gs = p + nt, *ps = gs + d->nsents;
    for (size_t k = 0; k < d->nwords; k++)
        g[k] = (span){d->words[k].start, d->words[k].end};
    for (size_t k = 0; k < nt; k++)
        p[k] = (span){t[k].start, t[k].end};
    for (size_t k = 0; k < d->nsents; k++)
        gs[k] = (span){d->sents[k].start, d->sents[k].end};
    for (size_t k = 0; k < ns; k++)
        ps[k] = (span){st[k].start, st[k].end};
    sc->tok.gold += d->nwords, sc->tok.pred += nt, sc->tok.match += match_spans(g, d->nwords, p, nt);
    sc->sent.gold += d->nsents, sc->sent.pred += ns, sc->sent.match += match_spans(gs, d->nsents, ps, ns);
    if (verbose) {
        show_token_errors(d->id, d->text, g, d->nwords, p, nt);
        show_sentence_errors(d->text, d->len, gs, d->nsents, ps, ns);
    }
    free(g);
    ng_doc_free(doc);
    return 0;
}

static void print_score(const char *name, const score *sc)
{
    printf("%s: tokens gold=%zu pred=%zu P=%.4f R=%.4f F1=%.4f; sentences gold=%zu pred=%zu P=%.4f R=%.4f F1=%.4f\n",
           name, sc->tok.gold, sc->tok.pred, eval_p(&sc->tok), eval_r(&sc->tok), eval_f1(&sc->tok),
           sc->sent.gold, sc->sent.pred, eval_p(&sc->sent), eval_r(&sc->sent), eval_f1(&sc->sent));
}

static int score_file(const char *path, score *total, bool verbose)
{
    conllu_corpus c = {0};
    if (conllu_read(path, &c) != 0)
        return -1;
    score sc = {{0, 0, 0}, {0, 0, 0}};
    int rc = 0;
    for (size_t i = 0; i < c.ndocs && rc == 0; i++)
        rc = score_doc(&c.docs[i], &sc, verbose);
    conllu_free(&c);
    if (rc == 0) {
        print_score(path, &sc);
        total->tok.gold += sc.tok.gold, total->tok.pred += sc.tok.pred, total->tok.match += sc.tok.match;
        total->sent.gold += sc.sent.gold, total->sent.pred += sc.sent.pred, total->sent.match += sc.sent.match;
    }
    return rc;
}

int eval_tokenize(int argc, char **argv)
{
    static const struct option opts[] = {
        {"test", required_argument, 0, 't'}, {"lexicons", required_argument, 0, 'l'},
        {"verbose", no_argument, 0, 'v'},    {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *files[64], *lexicons = NULL;
    size_t nfiles = 0;
    bool verbose = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:l:vh", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (nfiles < 64)
                files[nfiles++] = optarg;
            break;
        case 'l': lexicons = optarg; break;
        case 'v': verbose = true; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("eval tokenize", "unknown option");
        }
    }
    for (; optind < argc && nfiles < 64; optind++)
        files[nfiles++] = argv[optind];
    if (!nfiles)
        return cli_usage_error("eval tokenize", "no gold file given");
    cli_init_logging(false);
    ng_error err = {0};
    if (ng_tokenizer_init(lexicons, &err) != NG_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    score total = {{0, 0, 0}, {0, 0, 0}};
    for (size_t i = 0; i < nfiles; i++)
        if (score_file(files[i], &total, verbose) != 0)
            return EXIT_FAIL;
    printf("tokenize: tokens=%.4f sentences=%.4f\n", eval_f1(&total.tok), eval_f1(&total.sent));
    return cli_finish_stdout(EXIT_OK);
}
