/*
 * bench.c - `newsgraph bench KIND FILE`: throughput of one stage on a text
 * file (hidden from the command list; the bench scripts call it).  The file is cut
 * into documents at blank lines (about BENCH_DOC_BYTES each); only the
 * stage's own CPU time is counted.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define BENCH_DOC_BYTES ((size_t)8 << 10) /* documents of news-article size */
#define BENCH_MAX_FILE ((size_t)4 << 30)

/* CPU seconds of this process: the machine is shared, wall time is noisy. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap && cap < BENCH_MAX_FILE) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        } else if (n == cap) {
            break;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* The end of the document that starts at a: the first blank line after
 * BENCH_DOC_BYTES, or the end of the text. */
static size_t doc_end(const char *s, size_t a, size_t n)
{
    if (n - a <= BENCH_DOC_BYTES)
        return n;
    for (size_t i = a + BENCH_DOC_BYTES; i + 1 < n; i++)
        if (s[i] == '\n' && s[i + 1] == '\n')
            return i + 2;
    return n;
}

static int bench_tokenize(const char *path)
{
    size_t len;
    char *text = read_all(path, &len);
    if (!text) {
        cli_error("%s: cannot read", path);
        return EXIT_FAIL;
    }
    ng_error err = {0};
    if (ng_tokenizer_init(NULL, &err) != NG_OK)
        cli_error("%s", err.msg);
    double busy = 0;
    size_t tokens = 0, sents = 0, docs = 0;
    for (size_t a = 0; a < len;) {
        size_t e = doc_end(text, a, len);
        ng_doc *doc = ng_doc_new(text + a, e - a);
        if (!doc)
            return free(text), cli_error("out of memory"), EXIT_FAIL;
        double t0 = cpu_now();
        int rc = ng_tokenize(doc, &err);
        busy += cpu_now() - t0;
        if (rc != NG_OK)
            return free(text), ng_doc_free(doc), cli_error("%s", err.msg), EXIT_FAIL;
        tokens += ng_doc_ntokens(doc);
        sents += ng_doc_nsentences(doc);
        docs++;
        ng_doc_free(doc);
        a = e;
    }
    free(text);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("tokenize: %zu bytes, %zu documents, %zu tokens, %zu sentences in %.3f s of CPU\n", len, docs, tokens, sents, busy);
    printf("tokenize: %.1f MB/s, %.2f M tokens/s, peak RSS %ld KB\n", busy > 0 ? (double)len / 1e6 / busy : 0.0,
           busy > 0 ? (double)tokens / 1e6 / busy : 0.0, ru.ru_maxrss);
    return cli_finish_stdout(EXIT_OK);
}

static const char help[] =
    "usage: newsgraph bench tokenize FILE\n"
    "\n"
    "Tokenize FILE, cut into documents of about 8 KB at blank lines, and print\n"
    "the tokenizer's own throughput (MB/s, tokens/s) and the peak RSS.\n";

int cmd_bench(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return cli_help(help);
    if (argc != 3 || strcmp(argv[1], "tokenize") != 0)
        return cli_usage_error("bench", "expected: bench tokenize FILE");
    cli_init_logging(false);
    return bench_tokenize(argv[2]);
}
