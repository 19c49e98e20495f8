/*
 * load.c - `newsgraph load`: bulk-load `newsgraph extract` records (JSON
 * Lines, gzip or not, or - for stdin) into a knowledge base in large
 * batches, resolving entities across documents as it goes.  The load half of
 * extract-as-a-filter (docs/scale.md).  Invariants: one transaction per
 * batch; a document already stored (same sha256) is skipped, so re-running
 * a killed load completes it; every record ends in exactly one tally.
 */
#include "query.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define LOAD_MAX_LINE ((size_t)64 << 20) /* one record line, as the JSONL reader's limit */
#define LOAD_BATCH 1000                   /* documents per transaction by default */

static const char help[] =
    "usage: newsgraph load [OPTIONS] FILE...\n"
    "\n"
    "Store the records of `newsgraph extract` (documents with their entities and\n"
    "facts; .jsonl or .jsonl.gz, or - for stdin) in the knowledge base, without\n"
    "running the pipeline: extract on many machines (Spark, Hadoop Streaming, GNU\n"
    "parallel), then load.  A document already stored is skipped, so running the\n"
    "same command again after an interruption completes it.  Any number of loads\n"
    "and ingests may write one PostgreSQL knowledge base at once.\n"
    "\n"
    "  -d, --db DB          knowledge base: a file (SQLite) or a postgresql:// URL\n"
    "                       (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "  -b, --batch N        documents per transaction (default 1000)\n"
    "      --json           print the summary as JSON on stdout\n"
    "  -q, --quiet          no summary and no per-record messages\n"
    "  -h, --help           this help\n";

static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

typedef struct load {
    ng_kb *kb;
    long batch_max;
    bool quiet, fatal;
    size_t in_batch;
    size_t docs, fresh, dups, failed, lost; /* lost: in a batch that did not commit */
    size_t batch_fresh, batch_dups;
    ng_error err;
} load;

static void say(const load *l, const char *msg)
{
    if (!l->quiet)
        cli_error("%s", msg);
}

static void commit(load *l)
{
    if (!l->in_batch)
        return;
    ng_error err = {0};
    if (ng_kb_commit(l->kb, &err) != NG_OK) {
        say(l, err.msg);
        l->fatal = true;
        l->lost += l->batch_fresh + l->batch_dups;
    } else {
        l->fresh += l->batch_fresh;
        l->dups += l->batch_dups;
    }
    l->batch_fresh = l->batch_dups = 0;
    l->in_batch = 0;
}

static void store(load *l, ng_doc *doc)
{
    ng_error err = {0};
    l->docs++;
    if (!l->in_batch && ng_kb_begin(l->kb, &err) != NG_OK) {
        say(l, err.msg);
        l->fatal = true;
        l->lost++;
        return;
    }
    l->in_batch++;
    ng_kb_put_info info;
    if (ng_kb_put(l->kb, doc, &info, &err) != NG_OK) {
        say(l, err.msg);
        l->failed++;
        l->fatal |= err.code == NG_EDB || err.code == NG_ENOMEM;
    } else if (info.status == NG_KB_DUPLICATE) {
        l->batch_dups++;
    } else {
        l->batch_fresh++;
    }
    if ((long)l->in_batch >= l->batch_max)
        commit(l);
}

/* One line of f into *buf (without its newline); false at the end. */
static bool read_line(gzFile f, char **buf, size_t *cap, size_t *len, bool *too_long)
{
    *len = 0;
    *too_long = false;
    for (;;) {
        if (*cap - *len < 2) {
            size_t ncap = *cap ? *cap * 2 : 65536;
            char *nb = ncap <= LOAD_MAX_LINE + 2 ? realloc(*buf, ncap) : NULL;
            if (!nb) {
                *too_long = true;
                while (gzgets(f, *buf, (int)*cap) && !strchr(*buf, '\n'))
                    ;
                return true;
            }
            *buf = nb;
            *cap = ncap;
        }
        if (!gzgets(f, *buf + *len, (int)(*cap - *len)))
            return *len > 0;
        *len += strlen(*buf + *len);
        if (*len && (*buf)[*len - 1] == '\n') {
            (*buf)[--*len] = '\0';
            return true;
        }
    }
}

static void load_file(load *l, const char *path)
{
    gzFile f = strcmp(path, "-") == 0 ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path, "rb");
    char name[4096];
    if (!f) {
        snprintf(name, sizeof name, "%s: %s", path, strerror(errno));
        say(l, name);
        l->failed++;
        l->docs++;
        return;
    }
    ng_records *r = ng_records_new();
    char *buf = NULL;
    size_t cap = 0, len = 0, lineno = 0;
    bool too_long;
    while (r && !g_stop && !l->fatal && read_line(f, &buf, &cap, &len, &too_long)) {
        snprintf(name, sizeof name, "%s:%zu", path, ++lineno);
        ng_doc *doc = NULL;
        ng_error err = {0};
        int rc = NG_OK;
        if (too_long) {
            rc = NG_ETOOBIG;
            snprintf(err.msg, sizeof err.msg, "%.400s: line over %zu bytes", name, LOAD_MAX_LINE);
        } else {
            rc = ng_records_add(r, name, buf, len, &doc, &err);
        }
        if (doc) {
            store(l, doc);
            ng_doc_free(doc);
        }
        if (rc != NG_OK) {
            say(l, err.msg);
            l->failed++;
            l->docs++;
        }
    }
    ng_doc *doc = NULL;
    ng_error err = {0};
    if (r && !g_stop && !l->fatal && ng_records_finish(r, &doc, &err) == NG_OK && doc) {
        store(l, doc);
        ng_doc_free(doc);
    }
    if (!r) {
        say(l, "out of memory");
        l->fatal = true;
    }
    ng_records_free(r);
    free(buf);
    gzclose(f);
}

static void summary(const load *l, bool json, double secs, const char *db)
{
    double rate = secs > 0 ? (double)l->docs / secs : 0;
    if (json) {
        printf("{\"db\":");
        cli_json_str(stdout, db);
        printf(",\"documents\":%zu,\"new\":%zu,\"duplicates\":%zu,\"failed\":%zu,\"lost\":%zu,\"seconds\":%.3f}\n",
               l->docs, l->fresh, l->dups, l->failed, l->lost, secs);
        return;
    }
    fprintf(stderr, "newsgraph: loaded %zu documents in %.1fs (%.0f/s) into %s: %zu new, %zu duplicate%s, %zu failed%s\n",
            l->docs, secs, rate, db, l->fresh, l->dups, l->dups == 1 ? "" : "s", l->failed + l->lost,
            l->lost ? " (a batch did not commit)" : "");
}

int cmd_load(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'}, {"batch", required_argument, 0, 'b'}, {"json", no_argument, 0, 'J'},
        {"quiet", no_argument, 0, 'q'},    {"help", no_argument, 0, 'h'},        {0, 0, 0, 0},
    };
    const char *dbopt = NULL;
    bool json = false;
    load l = {.batch_max = LOAD_BATCH};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:b:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': dbopt = optarg; break;
        case 'b':
            if (!parse_count(optarg, &l.batch_max))
                return cli_usage_error("load", "--batch wants a positive number");
            break;
        case 'J': json = true; break;
        case 'q': l.quiet = true; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("load", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("load", "no input; give record files (newsgraph extract output) or -");
    cli_init_logging(false);
    const char *db = query_db_path(dbopt);
    ng_error err = {0};
    if (!(l.kb = ng_kb_open(db, 0, &err))) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    double t0 = cli_now();
    for (int i = optind; i < argc && !g_stop && !l.fatal; i++)
        load_file(&l, argv[i]);
    if (l.fatal && l.in_batch) {
        ng_kb_rollback(l.kb);
        l.lost += l.batch_fresh + l.batch_dups;
        l.in_batch = 0;
    }
    commit(&l);
    ng_kb_close(l.kb);
    if (json)
        summary(&l, true, cli_now() - t0, db);
    else if (!l.quiet)
        summary(&l, false, cli_now() - t0, db);
    if ((g_stop || l.fatal) && !l.quiet)
        cli_error("%s: the rest was not loaded; run the same command again to finish",
                  l.fatal ? "stopped by a database error" : "interrupted");
    int status = l.failed || l.lost || g_stop || l.fatal ? EXIT_FAIL : EXIT_OK;
    return json ? cli_finish_stdout(status) : status;
}
