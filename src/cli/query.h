/*
 * query.h - what the knowledge-base commands share (ingest, entities,
 * entity, facts, timeline, search, sql, export): the database path, common
 * options, and row printers.  Plain output is one row a line, columns
 * tab-separated; --json prints one JSON object a line.
 */
#ifndef NG_CLI_QUERY_H
#define NG_CLI_QUERY_H

#include "cli.h"

/* Options every query command takes. */
typedef struct query_opts {
    const char *db;     /* --db, else $NEWSGRAPH_DB, else newsgraph.db */
    bool json;          /* --json */
    bool header;        /* --header */
    const char *limit;  /* --limit N */
} query_opts;

/* The database path from --db, $NEWSGRAPH_DB or the default. */
const char *query_db_path(const char *opt);

/* Open the knowledge base read-only for queries; prints the error and
 * returns NULL on failure. */
ng_kb *query_open(const query_opts *o);

/* Row printer state: plain (tab-separated) or JSON Lines. */
typedef struct row_printer {
    FILE *out;
    bool json;
    bool header;        /* print a header before the first row (plain only) */
    size_t rows;
    const char *section;/* plain: printed as the first column when set */
} row_printer;

/* An ng_kb_row_fn printing each row to p->out. */
int print_row(void *p, const ng_kb_row *row);

/* Run a named query printing its rows; returns an exit status. */
int query_print(ng_kb *kb, const char *query, const ng_kb_param *params, size_t n, row_printer *p);

/* JSON output helpers. */
void cli_json_str(FILE *out, const char *s);
void cli_json_value(FILE *out, const char *v, int type);

/* Plain output: a value with tabs and newlines turned into spaces. */
void plain_value(FILE *out, const char *v);

/* The entity NAME names: by id ("#12" or "12"), an alias (case-insensitive),
 * else a part of a name.  On several matches the one in most documents wins
 * and the others are listed on stderr.  Returns the id, 0 when none (an
 * error is printed), -1 on a database error. */
long long query_find_entity(ng_kb *kb, const char *name);

/* Parse a positive integer option; false on junk. */
bool parse_count(const char *s, long *out);

#endif /* NG_CLI_QUERY_H */
