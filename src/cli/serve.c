/*
 * serve.c - `newsgraph serve`: the JSON API and the web UI over a knowledge
 * base, until SIGINT or SIGTERM.  The database is opened read-only, so an
 * ingest may run beside it.
 */
#include "cli.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: newsgraph serve [OPTIONS]\n\n"
    "Serve the knowledge base as a JSON API (docs/api.md) and a web UI, read-only,\n"
    "until interrupted.  The UI is the one `make web` builds (build/web).\n\n"
    "  -d, --db PATH       knowledge base (default $NEWSGRAPH_DB or newsgraph.db)\n"
    "  -b, --bind ADDR     address to listen on (default 127.0.0.1: this machine only)\n"
    "  -p, --port N        port (default 8080; 0 = any free port, printed at start)\n"
    "  -w, --web DIR       the built UI (default $NEWSGRAPH_WEB, else web/ beside the\n"
    "                      executable); --web '' serves the API only\n"
    "  -t, --threads N     worker threads, each with its own connection (default: CPUs)\n"
    "  -v, --verbose       log every request on stderr\n"
    "  -h, --help          this help\n\n"
    "Listening on another address than loopback exposes the knowledge base to the\n"
    "network; the server has no authentication.\n";

/* A whole number in [lo, hi] from s, or -1. */
static long parse_num(const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);
    return *s && !*end && v >= lo && v <= hi ? v : -1;
}

static int run(const ng_server_opts *o)
{
    /* Block the stop signals before the server's threads start, so they
     * inherit the mask and only sigwait below sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    ng_error err = {0};
    ng_server *s = ng_server_start(o, &err);
    if (!s) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    const char *bind = o->bind ? o->bind : "127.0.0.1";
    bool v6 = strchr(bind, ':') != NULL;
    const char *ui = ng_server_web_dir(s);
    fprintf(stderr, "newsgraph: serving %s on http://%s%s%s:%d/ (%s%s); Ctrl-C stops\n", o->db, v6 ? "[" : "", bind,
            v6 ? "]" : "", ng_server_port(s), ui ? "UI from " : "API only: no built UI found, run make web",
            ui ? ui : "");
    fflush(stderr);
    int sig;
    sigwait(&stop, &sig);
    ng_server_stop(s);
    fprintf(stderr, "newsgraph: stopped\n");
    return EXIT_OK;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},      {"bind", required_argument, 0, 'b'},
        {"port", required_argument, 0, 'p'},    {"web", required_argument, 0, 'w'},
        {"threads", required_argument, 0, 't'}, {"verbose", no_argument, 0, 'v'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0},
    };
    const char *env = getenv("NEWSGRAPH_DB");
    ng_server_opts o = {.db = env && *env ? env : "newsgraph.db", .port = 8080};
    bool verbose = false;
    int c;
    long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:b:p:w:t:vh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o.db = optarg; break;
        case 'b': o.bind = optarg; break;
        case 'w': o.web_dir = optarg; break;
        case 'p':
            if ((v = parse_num(optarg, 0, 65535)) < 0)
                return cli_usage_error("serve", "--port wants a number from 0 to 65535");
            o.port = (int)v;
            break;
        case 't':
            if ((v = parse_num(optarg, 1, 64)) < 0)
                return cli_usage_error("serve", "--threads wants a number from 1 to 64");
            o.threads = (int)v;
            break;
        case 'v': verbose = true; break;
        case 'h': return cli_help(help);
        default: return cli_usage_error("serve", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    cli_init_logging(verbose);
    return run(&o);
}
