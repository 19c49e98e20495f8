/*
 * fuzz_parse.c - libFuzzer harness for the parser's inputs.  First byte
 * even: the rest is read as words and tags (one byte picks a word from a
 * small vocabulary or a raw slice, two bytes the tags) and parsed; the
 * result must be a tree.  Odd: the rest is CoNLL-U, read, checked with the
 * oracle, parsed and lemmatized.  The model is trained at start-up on a few
 * sentences written for this harness.
 */
#include "parse/arcsys.h"
#include "parse/lemma.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char train_text[] =
    "1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_\n2\tboard\t_\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tmet\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n4\tin\t_\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "5\tMay\t_\tPROPN\tNNP\t_\t3\tobl\t_\t_\n6\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n"
    "1\tThey\t_\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tsaid\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tit\t_\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n4\tfailed\t_\tVERB\tVBD\t_\t2\tccomp\t_\t_\n"
    "5\t,\t_\tPUNCT\t,\t_\t2\tpunct\t_\t_\n6\tand\t_\tCCONJ\tCC\t_\t7\tcc\t_\t_\n"
    "7\tleft\t_\tVERB\tVBD\t_\t2\tconj\t_\t_\n8\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

static ng_parser *parser;

static void init(void)
{
    ng_corpus c;
    ng_error err;
    char path[] = "/tmp/ngfuzzdepXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ng_corpus_parse("seed.conllu", train_text, sizeof train_text - 1, &c, &err) != NG_OK)
        abort();
    close(fd);
    ng_dep_data d = {&c, NULL, NULL};
    ng_dep_train_opts o;
    ng_dep_train_defaults(&o);
    o.epochs = 3;
    if (ng_dep_train(&d, NULL, &o, path, &err) != NG_OK || ng_parser_load(path, &parser, &err) != NG_OK)
        abort();
    unlink(path);
    ng_corpus_free(&c);
}

static void check_tree(const int32_t *head, size_t n)
{
    int32_t *h = malloc(n * 4 + 4);
    uint8_t *scratch = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        h[i] = head[i] < 0 ? (int32_t)n : head[i];
    if (!as_is_tree(h, (uint32_t)n, scratch))
        abort();
    free(h);
    free(scratch);
}

static void parse_words(const uint8_t *p, size_t size)
{
    static const char *const vocab[] = {"the", "board", "met", "in", "May", ".", "said", ",", "and", "left", "it"};
    size_t n = size / 3;
    if (n == 0)
        return;
    ng_strv *w = malloc(n * sizeof *w);
    uint8_t *u = malloc(n), *rel = malloc(n);
    uint16_t *x = malloc(n * 2);
    int32_t *head = malloc(n * 4);
    for (size_t i = 0; i < n; i++) {
        uint8_t b = p[3 * i];
        w[i] = b < 200 ? (ng_strv){vocab[b % 11], (uint32_t)strlen(vocab[b % 11])}
                       : (ng_strv){(const char *)p + 3 * i, (uint32_t)NG_MIN((size_t)(b - 199), size - 3 * i)};
        u[i] = p[3 * i + 1];
        x[i] = p[3 * i + 2];
    }
    ng_parse_work work = {0};
    if (ng_parse_words(parser, w, u, x, n, &work, head, rel) == NG_OK)
        check_tree(head, n);
    ng_parse_work_free(&work);
    free(w), free(u), free(rel), free(x), free(head);
}

static void conllu(const uint8_t *p, size_t size)
{
    ng_corpus c;
    ng_error err;
    if (ng_corpus_parse("fuzz.conllu", (const char *)p, size, &c, &err) != NG_OK)
        return;
    size_t ok, total;
    if (ng_dep_oracle_check(&c, 1, &ok, &total, &err) == NG_OK && ok != total)
        abort(); /* the oracle must rebuild every (projectivised) tree */
    ng_dep_data d = {&c, NULL, NULL};
    ng_dep_counts k = {0};
    ng_dep_eval(parser, &d, &k, &err);
    ng_corpus_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!parser)
        init();
    if (size < 1)
        return 0;
    if (data[0] & 1)
        conllu(data + 1, size - 1);
    else
        parse_words(data + 1, size - 1);
    return 0;
}
