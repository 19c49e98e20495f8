/*
 * ingest.c - `newsgraph ingest`: read articles (or extract records), run the
 * pipeline on N worker threads, and store the documents from one writer
 * thread in batched transactions.  Invariant: the writer owns the database;
 * every input ends as exactly one tally (new, duplicate, near-duplicate or
 * failed with its reason).
 */
#include "query.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define INGEST_MAX_THREADS 64
#define INGEST_MAX_LINE ((size_t)64 << 20) /* one record line, as the JSONL reader's limit */
#define INGEST_BATCH_SECONDS 2.0           /* commit at least this often */

static const char help[] =
    "usage: newsgraph ingest [OPTIONS] PATH...\n"
    "\n"
    "Read articles from files, directories (recursively) or - (stdin), extract\n"
    "entities and facts, and store everything in the knowledge base.  The same\n"
    "article is stored once (by the sha256 of its body), so running a command\n"
    "again changes nothing; near-duplicates are stored and linked to the first\n"
    "copy.  A .jsonl file of `newsgraph extract` records is stored as extracted.\n"
    "\n"
    "  -d, --db PATH           knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "  -j, --jobs N            extraction threads (default: the number of CPUs)\n"
    "  -b, --batch N           documents per transaction (default 256)\n"
    "  -i, --input-format FMT  auto (default), txt, html, jsonl or warc\n"
    "      --records           inputs are `newsgraph extract` records (also stdin)\n"
    "  -m, --models DIR        model directory (default: the shipped models)\n"
    "  -l, --lexicons DIR      lexicon directory (default: the shipped lexicons)\n"
    "      --json              print the summary as JSON on stdout\n"
    "  -q, --quiet             no summary and no per-input messages\n"
    "  -v, --verbose           more diagnostics on stderr\n"
    "  -h, --help              this help\n"
    "\n"
    "A progress line (documents/s, ETA) is shown when stderr is a terminal.\n"
    "Inputs that fail are reported with the reason and the rest are stored;\n"
    "the exit status is then 1.  Interrupting (Ctrl-C) commits what was done.\n";

/* ----------------------------------------------------------------- queue */

/* One unit of work: a document, or a failure to report. */
typedef struct item {
    ng_doc *doc;
    bool annotated;    /* from records: skip the pipeline */
    int code;          /* failure: its code */
    char *msg;         /* failure: its message (malloc) */
} item;

typedef struct queue {
    item *a;
    size_t cap, head, n;
    bool closed;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
} queue;

static bool q_init(queue *q, size_t cap)
{
    memset(q, 0, sizeof *q);
    q->a = calloc(cap, sizeof *q->a);
    q->cap = cap;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    return q->a != NULL;
}

static void q_destroy(queue *q)
{
    free(q->a);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
}

static void q_push(queue *q, item it)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == q->cap)
        pthread_cond_wait(&q->not_full, &q->mu);
    q->a[(q->head + q->n++) % q->cap] = it;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

/* The next item; false when the queue is closed and empty. */
static bool q_pop(queue *q, item *out)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == 0 && !q->closed)
        pthread_cond_wait(&q->not_empty, &q->mu);
    bool ok = q->n > 0;
    if (ok) {
        *out = q->a[q->head];
        q->head = (q->head + 1) % q->cap;
        q->n--;
        pthread_cond_signal(&q->not_full);
    }
    pthread_mutex_unlock(&q->mu);
    return ok;
}

static void q_close(queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = true;
    pthread_cond_broadcast(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

/* ----------------------------------------------------------------- state */

typedef struct ingest {
    char **paths;
    int npaths;
    ng_format format;
    bool records;           /* --records */
    const ng_pipeline *pipe;
    queue in, out;          /* reader -> workers -> writer */
    int nworkers, running;  /* running: workers not finished (under out.mu) */
} ingest;

static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

static item failure(int code, const char *msg)
{
    item it = {0};
    it.code = code;
    it.msg = strdup(msg);
    return it;
}

/* ---------------------------------------------------------------- reader */

/* Read one line (without its newline) from f into *buf; false at the end. */
static bool gz_line(gzFile f, char **buf, size_t *cap, size_t *len, bool *too_long)
{
    *len = 0;
    *too_long = false;
    for (;;) {
        if (*cap - *len < 2) {
            size_t ncap = *cap ? *cap * 2 : 65536;
            char *nb = ncap <= INGEST_MAX_LINE + 2 ? realloc(*buf, ncap) : NULL;
            if (!nb) {
                *too_long = true;
                while (gzgets(f, *buf, (int)*cap) && !strchr(*buf, '\n'))
                    ; /* skip the rest of the line */
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

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Is path a file of extract records (its first line a document record)? */
static bool looks_like_records(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    if (!has_suffix(path, ".jsonl") && !has_suffix(path, ".jsonl.gz") && !has_suffix(path, ".ndjson") &&
        !has_suffix(path, ".ndjson.gz"))
        return false;
    gzFile f = gzopen(path, "rb");
    if (!f)
        return false;
    char *buf = NULL;
    size_t cap = 0, len = 0;
    bool too_long, yes = false;
    if (gz_line(f, &buf, &cap, &len, &too_long) && !too_long) {
        json_t *j = json_loadb(buf, len, 0, NULL);
        const char *kind = json_string_value(json_object_get(j, "kind"));
        yes = kind && strcmp(kind, "document") == 0;
        json_decref(j);
    }
    free(buf);
    gzclose(f);
    return yes;
}

static void push_doc(ingest *in, ng_doc *doc, bool annotated)
{
    item it = {0};
    it.doc = doc;
    it.annotated = annotated;
    q_push(&in->in, it);
}

static void read_records(ingest *in, const char *path)
{
    gzFile f = strcmp(path, "-") == 0 ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path, "rb");
    char name[4096];
    if (!f) {
        snprintf(name, sizeof name, "%s: %s", path, strerror(errno));
        q_push(&in->in, failure(NG_EIO, name));
        return;
    }
    ng_records *r = ng_records_new();
    char *buf = NULL;
    size_t cap = 0, len = 0, lineno = 0;
    bool too_long;
    ng_error err = {0};
    while (r && !g_stop && gz_line(f, &buf, &cap, &len, &too_long)) {
        snprintf(name, sizeof name, "%s:%zu", path, ++lineno);
        ng_doc *doc = NULL;
        int rc;
        if (too_long) {
            rc = err.code = NG_ETOOBIG;
            snprintf(err.msg, sizeof err.msg, "%.400s: line over %zu bytes", name, INGEST_MAX_LINE);
        } else {
            rc = ng_records_add(r, name, buf, len, &doc, &err);
        }
        if (doc)
            push_doc(in, doc, true);
        if (rc != NG_OK)
            q_push(&in->in, failure(rc, err.msg));
    }
    ng_doc *doc = NULL;
    if (r && ng_records_finish(r, &doc, &err) == NG_OK && doc)
        push_doc(in, doc, true);
    ng_records_free(r);
    free(buf);
    gzclose(f);
}

static void read_articles(ingest *in, const char *path)
{
    ng_reader *rd = ng_reader_new(in->format);
    if (!rd || ng_reader_add(rd, path) != NG_OK) {
        q_push(&in->in, failure(NG_ENOMEM, "out of memory"));
        ng_reader_free(rd);
        return;
    }
    ng_error err = {0};
    while (!g_stop) {
        ng_doc *doc = NULL;
        int rc = ng_reader_next(rd, &doc, &err);
        if (rc == NG_END)
            break;
        if (rc == NG_OK)
            push_doc(in, doc, false);
        else
            q_push(&in->in, failure(rc, err.msg));
    }
    ng_reader_free(rd);
}

static void *reader_main(void *arg)
{
    ingest *in = arg;
    for (int i = 0; i < in->npaths && !g_stop; i++) {
        const char *p = in->paths[i];
        if (in->records || looks_like_records(p))
            read_records(in, p);
        else
            read_articles(in, p);
    }
    q_close(&in->in);
    return NULL;
}

/* ---------------------------------------------------------------- workers */

static void *worker_main(void *arg)
{
    ingest *in = arg;
    item it;
    while (q_pop(&in->in, &it)) {
        if (it.doc && !it.annotated) {
            ng_error err = {0};
            if (ng_pipeline_run(in->pipe, it.doc, &err) != NG_OK) {
                const char *path = ng_doc_get(it.doc, NG_F_PATH);
                char msg[sizeof err.msg + 512];
                snprintf(msg, sizeof msg, "%s: %s", path ? path : "document", err.msg);
                ng_doc_free(it.doc);
                it = failure(err.code ? err.code : NG_EINTERNAL, msg);
            }
        }
        q_push(&in->out, it);
    }
    pthread_mutex_lock(&in->out.mu);
    bool last = --in->running == 0;
    pthread_mutex_unlock(&in->out.mu);
    if (last)
        q_close(&in->out);
    return NULL;
}

/* ----------------------------------------------------------------- writer */

typedef struct tally {
    size_t docs, fresh, dups, near, failed, entities, facts;
    size_t by_code[NG_NCODES];
} tally;

static void tally_add(tally *t, const tally *b)
{
    t->docs += b->docs;
    t->fresh += b->fresh;
    t->dups += b->dups;
    t->near += b->near;
    t->failed += b->failed;
    t->entities += b->entities;
    t->facts += b->facts;
    for (int i = 0; i < NG_NCODES; i++)
        t->by_code[i] += b->by_code[i];
}

typedef struct writer {
    ng_kb *kb;
    long batch_max;
    bool quiet;
    cli_progress progress;
    tally total, batch;      /* batch: not committed yet */
    size_t in_batch;
    double batch_t0;
    bool fatal;
} writer;

static void report(writer *w, const char *msg)
{
    if (w->quiet)
        return;
    if (w->progress.on)
        fputs("\r\033[K", stderr);
    cli_error("%s", msg);
}

static void fail_one(tally *t, int code)
{
    t->failed++;
    t->by_code[code > 0 && code < NG_NCODES ? code : NG_EINTERNAL]++;
}

/* The open batch is lost (rolled back): all its documents failed, those
 * not failed already because the database did. */
static void abandon_batch(writer *w)
{
    tally *b = &w->batch;
    b->by_code[NG_EDB] += b->docs - b->failed;
    b->failed = b->docs;
    b->fresh = b->dups = b->near = b->entities = b->facts = 0;
    tally_add(&w->total, b);
    memset(b, 0, sizeof *b);
    w->in_batch = 0;
}

/* Commit the open batch; on failure its documents count as failed. */
static void commit(writer *w)
{
    if (!w->in_batch)
        return;
    ng_error err = {0};
    if (ng_kb_commit(w->kb, &err) != NG_OK) {
        report(w, err.msg);
        w->fatal = true;
        abandon_batch(w);
        return;
    }
    tally_add(&w->total, &w->batch);
    memset(&w->batch, 0, sizeof w->batch);
    w->in_batch = 0;
}

static void store(writer *w, ng_doc *doc)
{
    ng_error err = {0};
    if (!w->in_batch) {
        if (ng_kb_begin(w->kb, &err) != NG_OK) {
            report(w, err.msg);
            w->fatal = true;
            w->total.docs++;
            fail_one(&w->total, NG_EDB);
            return;
        }
        w->batch_t0 = cli_now();
    }
    w->in_batch++;
    w->batch.docs++;
    ng_kb_put_info info;
    int rc = ng_kb_put(w->kb, doc, &info, &err);
    if (rc != NG_OK) {
        char msg[sizeof err.msg + 512];
        const char *path = ng_doc_get(doc, NG_F_PATH), *id = ng_doc_get(doc, NG_F_ID), *m = err.msg;
        size_t n = id ? strlen(id) : 0;
        if (path && n && strncmp(m, id, n) == 0 && m[n] == ':' && m[n + 1] == ' ')
            m += n + 2; /* the path names the document better than its id */
        snprintf(msg, sizeof msg, "%s: %s", path ? path : "document", m);
        report(w, msg);
        fail_one(&w->batch, rc);
        w->fatal |= rc == NG_EDB || rc == NG_ENOMEM;
    } else {
        w->batch.fresh += info.status == NG_KB_NEW;
        w->batch.dups += info.status == NG_KB_DUPLICATE;
        w->batch.near += info.status == NG_KB_NEAR_DUPLICATE;
        w->batch.entities += info.nentities;
        w->batch.facts += info.nfacts;
    }
    if ((long)w->in_batch >= w->batch_max || cli_now() - w->batch_t0 >= INGEST_BATCH_SECONDS)
        commit(w);
}

static void writer_loop(writer *w, ingest *in)
{
    item it;
    while (q_pop(&in->out, &it)) {
        if (w->fatal) { /* drain: the database cannot take more */
            ng_doc_free(it.doc);
            free(it.msg);
            continue;
        }
        if (it.doc) {
            store(w, it.doc);
            ng_doc_free(it.doc);
        } else {
            report(w, it.msg ? it.msg : "out of memory");
            w->total.docs++;
            fail_one(&w->total, it.code);
            free(it.msg);
        }
        cli_progress_tick(&w->progress, 1);
        if (w->fatal)
            g_stop = 1;
    }
    if (w->fatal && w->in_batch) {
        ng_kb_rollback(w->kb);
        abandon_batch(w);
    }
    commit(w);
    cli_progress_end(&w->progress);
}

/* ---------------------------------------------------------------- summary */

static void print_summary(const tally *t, double secs, const char *db)
{
    double rate = secs > 0 ? (double)t->docs / secs : 0;
    fprintf(stderr, "newsgraph: %zu documents in %.1fs (%.0f/s) into %s: %zu new, %zu duplicate%s, "
            "%zu near-duplicate%s, %zu failed\n", t->docs, secs, rate, db, t->fresh, t->dups,
            t->dups == 1 ? "" : "s", t->near, t->near == 1 ? "" : "s", t->failed);
    if (t->failed) {
        fputs("newsgraph: failed:", stderr);
        const char *sep = " ";
        for (int c = 1; c < NG_NCODES; c++)
            if (t->by_code[c]) {
                fprintf(stderr, "%s%zu %s", sep, t->by_code[c], ng_strerror(c));
                sep = "; ";
            }
        fputc('\n', stderr);
    }
    if (t->fresh || t->near)
        fprintf(stderr, "newsgraph: stored %zu entity and %zu fact annotations\n", t->entities, t->facts);
}

static void print_json_summary(const tally *t, double secs, const char *db)
{
    printf("{\"db\":");
    cli_json_str(stdout, db);
    printf(",\"documents\":%zu,\"new\":%zu,\"duplicates\":%zu,\"near_duplicates\":%zu,\"failed\":%zu,"
           "\"entities\":%zu,\"facts\":%zu,\"seconds\":%.3f,\"failures\":{",
           t->docs, t->fresh, t->dups, t->near, t->failed, t->entities, t->facts, secs);
    const char *sep = "";
    for (int c = 1; c < NG_NCODES; c++)
        if (t->by_code[c]) {
            printf("%s", sep);
            cli_json_str(stdout, ng_strerror(c));
            printf(":%zu", t->by_code[c]);
            sep = ",";
        }
    printf("}}\n");
}

/* -------------------------------------------------------------- progress */

/* Documents to expect when every input holds one document a file; -1 when
 * unknown (stdin, JSON Lines, WARC).  Only computed for the progress line. */
#define COUNT_UNKNOWN ((long)-1)

static long count_file(const char *name)
{
    char base[1024];
    snprintf(base, sizeof base, "%s", name);
    size_t n = strlen(base);
    if (n > 3 && strcasecmp(base + n - 3, ".gz") == 0)
        base[n - 3] = '\0';
    static const char *const single[] = {".txt", ".text", ".html", ".htm", ".xhtml"};
    static const char *const multi[] = {".jsonl", ".ndjson", ".json", ".warc"};
    for (size_t i = 0; i < sizeof multi / sizeof multi[0]; i++)
        if (has_suffix(base, multi[i]))
            return COUNT_UNKNOWN;
    for (size_t i = 0; i < sizeof single / sizeof single[0]; i++)
        if (has_suffix(base, single[i]))
            return 1;
    return 0;
}

static long count_inputs(const char *path, int depth)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || depth > 32 || stat(path, &st) != 0)
        return COUNT_UNKNOWN;
    if (!S_ISDIR(st.st_mode))
        return depth == 0 ? (count_file(path) == COUNT_UNKNOWN ? COUNT_UNKNOWN : 1) : count_file(path);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    long total = 0;
    struct dirent *e;
    while (total != COUNT_UNKNOWN && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        long k = count_inputs(sub, depth + 1);
        total = k == COUNT_UNKNOWN ? COUNT_UNKNOWN : total + k;
    }
    closedir(d);
    return total;
}

static size_t expected_docs(char **paths, int n)
{
    long total = 0;
    for (int i = 0; i < n; i++) {
        long k = count_inputs(paths[i], 0);
        if (k == COUNT_UNKNOWN)
            return 0;
        total += k;
    }
    return (size_t)total;
}

/* ------------------------------------------------------------------ main */

static int parse_format(const char *s, ng_format *out)
{
    static const struct { const char *name; ng_format fmt; } names[] = {
        {"auto", NG_FMT_AUTO}, {"txt", NG_FMT_TEXT}, {"text", NG_FMT_TEXT},
        {"html", NG_FMT_HTML}, {"jsonl", NG_FMT_JSONL}, {"warc", NG_FMT_WARC},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].fmt;
            return 0;
        }
    return -1;
}

typedef struct ingest_opts {
    const char *db, *models, *lexicons;
    long jobs, batch;
    bool json, quiet, verbose;
} ingest_opts;

static int parse_args(int argc, char **argv, ingest_opts *o, ingest *in)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},     {"jobs", required_argument, 0, 'j'},
        {"batch", required_argument, 0, 'b'},  {"input-format", required_argument, 0, 'i'},
        {"records", no_argument, 0, 'R'},      {"models", required_argument, 0, 'm'},
        {"lexicons", required_argument, 0, 'l'}, {"json", no_argument, 0, 'J'},
        {"quiet", no_argument, 0, 'q'},        {"verbose", no_argument, 0, 'v'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:j:b:i:m:l:qvh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'j':
            if (!parse_count(optarg, &o->jobs) || o->jobs > INGEST_MAX_THREADS)
                return cli_usage_error("ingest", "-j wants 1..%d threads", INGEST_MAX_THREADS);
            break;
        case 'b':
            if (!parse_count(optarg, &o->batch))
                return cli_usage_error("ingest", "--batch wants a positive number");
            break;
        case 'i':
            if (parse_format(optarg, &in->format) != 0)
                return cli_usage_error("ingest", "unknown input format '%s'", optarg);
            break;
        case 'R': in->records = true; break;
        case 'm': o->models = optarg; break;
        case 'l': o->lexicons = optarg; break;
        case 'J': o->json = true; break;
        case 'q': o->quiet = true; break;
        case 'v': o->verbose = true; break;
        case 'h': return -1;
        default: return cli_usage_error("ingest", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("ingest", "no input; give files, directories or -");
    in->paths = argv + optind;
    in->npaths = argc - optind;
    return EXIT_OK;
}

/* Start the reader and the workers, write from this thread, join them. */
static void run_threads(ingest *in, writer *w)
{
    pthread_t reader, workers[INGEST_MAX_THREADS];
    int nstarted = 0;
    in->running = in->nworkers;
    pthread_create(&reader, NULL, reader_main, in);
    for (int i = 0; i < in->nworkers; i++)
        if (pthread_create(&workers[i], NULL, worker_main, in) == 0)
            nstarted++;
    if (nstarted < in->nworkers) { /* fewer threads than asked: account for the rest */
        pthread_mutex_lock(&in->out.mu);
        in->running -= in->nworkers - nstarted;
        pthread_mutex_unlock(&in->out.mu);
        if (nstarted == 0) {
            g_stop = 1;
            item it;
            while (q_pop(&in->in, &it)) /* drain the reader ourselves */
                ng_doc_free(it.doc), free(it.msg);
            q_close(&in->out);
        }
    }
    writer_loop(w, in);
    /* A fatal writer error stops the reader; drain what it still sends. */
    item it;
    while (q_pop(&in->in, &it))
        ng_doc_free(it.doc), free(it.msg);
    pthread_join(reader, NULL);
    for (int i = 0; i < nstarted; i++)
        pthread_join(workers[i], NULL);
}

static int finish(writer *w, const ingest_opts *o, double t0, const char *db)
{
    double secs = cli_now() - t0;
    if (o->json)
        print_json_summary(&w->total, secs, db);
    else if (!o->quiet)
        print_summary(&w->total, secs, db);
    if (g_stop && !o->quiet)
        cli_error("%s: the rest was not read; run the same command again to finish",
                  w->fatal ? "stopped by a database error" : "interrupted");
    int status = w->total.failed || g_stop ? EXIT_FAIL : EXIT_OK;
    return o->json ? cli_finish_stdout(status) : status;
}

int cmd_ingest(int argc, char **argv)
{
    ingest in = {0};
    ingest_opts o = {0};
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    o.jobs = ncpu < 1 ? 1 : ncpu > INGEST_MAX_THREADS ? INGEST_MAX_THREADS : ncpu;
    o.batch = 256;
    int rc = parse_args(argc, argv, &o, &in);
    if (rc != EXIT_OK)
        return rc < 0 ? cli_help(help) : rc;
    cli_init_logging(o.verbose);
#ifdef __GLIBC__
    /* Documents are made on one thread and freed on another; without this,
     * glibc gives every freed block back to the kernel (madvise and TLB
     * flushes cost a fifth of the run). */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
    const char *db = query_db_path(o.db);
    ng_error err = {0};
    ng_pipeline *pipe = ng_pipeline_open(o.models, o.lexicons, NG_STAGE_ALL, &err);
    ng_kb *kb = pipe ? ng_kb_open(db, 0, &err) : NULL;
    if (!kb) {
        cli_error("%s", err.msg);
        ng_pipeline_free(pipe);
        return EXIT_FAIL;
    }
    in.pipe = pipe;
    in.nworkers = (int)o.jobs;
    writer w = {.kb = kb, .batch_max = o.batch, .quiet = o.quiet};
    if (!q_init(&in.in, 4 * (size_t)o.jobs + 4) || !q_init(&in.out, 4 * (size_t)o.jobs + 4)) {
        cli_error("out of memory");
        return EXIT_FAIL;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    double t0 = cli_now();
    cli_progress_start(&w.progress, "documents", 0);
    if (w.progress.on)
        w.progress.total = expected_docs(in.paths, in.npaths);
    if (o.quiet)
        w.progress.on = false;
    run_threads(&in, &w);
    q_destroy(&in.in);
    q_destroy(&in.out);
    ng_kb_close(kb);
    ng_pipeline_free(pipe);
    return finish(&w, &o, t0, db);
}
