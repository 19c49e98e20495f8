/*
 * query_search.c - `newsgraph search TEXT` (full-text search over sentences,
 * with their document and the entities they mention) and `newsgraph sql`
 * (one read-only SQL statement on a database opened read-only).
 */
#include "query.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char search_help[] =
    "usage: newsgraph search [OPTIONS] TEXT...\n"
    "\n"
    "Sentences containing every word of TEXT, best matches first: doc, date,\n"
    "title, sentence (its index in the document), text, entities.\n"
    "\n"
    "      --fts           TEXT is an SQLite FTS5 query (phrases, OR, NOT, NEAR, prefix*)\n"
    "  -n, --limit N       at most N sentences (default 20)\n"
    "  -d, --db PATH       knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "      --json          one JSON object a line\n"
    "      --header        a header line (plain output)\n"
    "  -h, --help          this help\n";

static const char sql_help[] =
    "usage: newsgraph sql [OPTIONS] 'SELECT ...'\n"
    "\n"
    "Run one read-only SQL statement on the knowledge base (opened read-only)\n"
    "and print its rows.  The tables are described in docs/schema.md.\n"
    "\n"
    "  -d, --db PATH       knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "      --json          one JSON object a line\n"
    "      --header        a header line (plain output)\n"
    "  -h, --help          this help\n";

enum { OPT_JSON = 1000, OPT_HEADER, OPT_FTS };

#define SEARCH_MAX_QUERY 4096 /* bytes of a search query */

static bool is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Every word of the arguments as an FTS5 query: "word" "word" (all of them). */
static bool words_query(char **args, int n, char *out, size_t size)
{
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)args[i];
        for (;;) {
            while (*p && !is_word_byte(*p))
                p++;
            if (!*p)
                break;
            if (k + 4 >= size)
                return false;
            if (k)
                out[k++] = ' ';
            out[k++] = '"';
            while (is_word_byte(*p) && k + 2 < size)
                out[k++] = (char)*p++;
            if (is_word_byte(*p))
                return false;
            out[k++] = '"';
        }
    }
    out[k] = '\0';
    return true;
}

int cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        {"fts", no_argument, 0, OPT_FTS},     {"limit", required_argument, 0, 'n'},
        {"db", required_argument, 0, 'd'},    {"json", no_argument, 0, OPT_JSON},
        {"header", no_argument, 0, OPT_HEADER}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    query_opts o = {0};
    bool fts = false;
    long n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:d:h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_FTS: fts = true; break;
        case 'n':
            if (!parse_count(optarg, &n))
                return cli_usage_error("search", "--limit wants a positive number");
            o.limit = optarg;
            break;
        case 'd': o.db = optarg; break;
        case OPT_JSON: o.json = true; break;
        case OPT_HEADER: o.header = true; break;
        case 'h': return cli_help(search_help);
        default: return cli_usage_error("search", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("search", "give the TEXT to search for");
    char q[SEARCH_MAX_QUERY];
    if (fts)
        snprintf(q, sizeof q, "%s", argv[optind]);
    else if (!words_query(argv + optind, argc - optind, q, sizeof q))
        return cli_usage_error("search", "the search text is too long");
    if (!q[0])
        return cli_usage_error("search", "the search text has no words");
    ng_kb *kb = query_open(&o);
    if (!kb)
        return EXIT_FAIL;
    ng_kb_param p[] = {{"q", q}, {"limit", o.limit}};
    row_printer pr = {.out = stdout, .json = o.json, .header = o.header};
    int status = query_print(kb, "search", p, 2, &pr);
    ng_kb_close(kb);
    return cli_finish_stdout(status);
}

int cmd_sql(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},      {"json", no_argument, 0, OPT_JSON},
        {"header", no_argument, 0, OPT_HEADER}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    query_opts o = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o.db = optarg; break;
        case OPT_JSON: o.json = true; break;
        case OPT_HEADER: o.header = true; break;
        case 'h': return cli_help(sql_help);
        default: return cli_usage_error("sql", "bad option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("sql", "give one SQL statement (quoted)");
    ng_kb *kb = query_open(&o);
    if (!kb)
        return EXIT_FAIL;
    row_printer pr = {.out = stdout, .json = o.json, .header = o.header};
    ng_error err = {0};
    int status = EXIT_OK;
    if (ng_kb_sql(kb, argv[optind], print_row, &pr, &err) != NG_OK) {
        cli_error("%s", err.msg);
        status = EXIT_FAIL;
    }
    ng_kb_close(kb);
    return cli_finish_stdout(status);
}
