/*
 * queries_web.h - named queries the web UI and JSON API need beyond the
 * store's own (graph neighbourhood, documents with evidence offsets, event
 * editions, corpus overview, suggestions), looked up after the store's table.
 */
#ifndef NG_STORE_QUERIES_WEB_H
#define NG_STORE_QUERIES_WEB_H

/* The SQL of the web query called name ("web.*"), or NULL when there is none.
 * Every statement is read-only and takes its input as bound parameters. */
const char *ng_web_query_sql(const char *name);

#endif /* NG_STORE_QUERIES_WEB_H */
