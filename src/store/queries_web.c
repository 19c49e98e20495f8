/*
 * queries_web.c - the named queries of the JSON API and web UI (docs/api.md),
 * SQLite dialect, over the schema of schema.sql.  Invariants: read-only;
 * request input arrives only as bound parameters (":id", ":limit", ...);
 * list queries take :limit and :offset and page inside a subquery, so costly
 * columns are computed for the rows returned only.
 */
#include "store/queries_web.h"

#include "core/core.h"

#include <string.h>

/* A fact with the ids of its arguments (for links) and its counts. */
#define WFACT                                                                                           \
    "f.id, f.relation, f.subject_id, s.name AS subject, s.type AS subject_type, f.object_id, "          \
    "coalesce(o.name, f.object_text) AS object, coalesce(o.type, 'LITERAL') AS object_type, "           \
    "CASE f.negated WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, f.modality, f.time, "       \
    "f.year AS year, f.title, "                  \
    "f.nsources AS sources, f.nevidence AS evidence, f.first_seen, f.last_seen, "                      \
    "round(f.confidence, 3) AS confidence "
#define WJOIN "FROM facts f JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id "
#define FACT_YEAR "f.year"
#define ENTITY_FACTS \
    "(SELECT count(*) FROM facts WHERE subject_id = e.id) + (SELECT count(*) FROM facts WHERE object_id = e.id)"

/* The filters of /api/facts; a parameter left NULL filters nothing. */
#define FACT_FILTERS                                                                                    \
    "(:relation IS NULL OR f.relation = :relation) "                                                    \
    "AND (:entity IS NULL OR f.subject_id = :entity OR f.object_id = :entity) "                         \
    "AND (:subject IS NULL OR f.subject_id IN (SELECT entity_id FROM aliases WHERE alias LIKE '%' || :subject || '%')) " \
    "AND (:object IS NULL OR f.object_id IN (SELECT entity_id FROM aliases WHERE alias LIKE '%' || :object || '%') " \
    "OR f.object_text LIKE '%' || :object || '%') "                                                     \
    "AND (:year IS NULL OR " FACT_YEAR " = :year) "                                                     \
    "AND (:negated IS NULL OR f.negated = :negated) AND (:modality IS NULL OR f.modality = :modality) " \
    "AND (:source IS NULL OR EXISTS (SELECT 1 FROM evidence v JOIN documents d ON d.id = v.document_id " \
    "WHERE v.fact_id = f.id AND d.publisher LIKE '%' || :source || '%')) "

/* The entity :id and up to :limit neighbours, those sharing most facts first. */
#define NEIGHBOURS                                                                                      \
    "WITH n(id) AS (SELECT :id UNION SELECT other FROM (SELECT other, count(*) AS k FROM ("            \
    "SELECT object_id AS other FROM facts WHERE subject_id = :id AND object_id IS NOT NULL "            \
    "UNION ALL SELECT subject_id FROM facts WHERE object_id = :id) WHERE other <> :id "                 \
    "GROUP BY other ORDER BY k DESC, other LIMIT :limit)) "

#define SEARCH_COLUMNS                                                                                  \
    "s.id AS sentence_id, d.id AS document_id, d.doc, d.date, d.title, d.publisher, s.idx AS sentence, "   \
    "s.start_byte, s.end_byte, highlight(sentences_fts, 0, char(2), char(3)) AS text "
#define SEARCH_JOIN \
    "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN documents d ON d.id = s.document_id "

typedef struct web_query {
    const char *name;
    const char *sql;
} web_query;

static const web_query queries[] = {
    /* ------------------------------------------------------------ entities */
    {"web.entities",
     "SELECT p.id, p.name, p.type, p.documents, p.mentions, " ENTITY_FACTS " AS facts, p.first_seen, "
     "p.last_seen, p.total FROM (SELECT e.id, e.name, e.type, e.ndocs AS documents, e.nmentions AS mentions, "
     "e.first_seen, e.last_seen, count(*) OVER () AS total FROM entities e "
     "WHERE (:type IS NULL OR e.type = upper(:type)) AND (:search IS NULL OR e.id IN "
     "(SELECT entity_id FROM aliases WHERE alias LIKE '%' || :search || '%')) "
     "ORDER BY e.ndocs DESC, e.nmentions DESC, e.name, e.id LIMIT :limit OFFSET :offset) p "
     "JOIN entities e ON e.id = p.id ORDER BY p.documents DESC, p.mentions DESC, p.name, p.id"},
    {"web.entity",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, e.nmentions AS mentions, " ENTITY_FACTS " AS facts, "
     "e.first_seen, e.last_seen FROM entities e WHERE e.id = :id"},
    {"web.entity.facts",
     "SELECT " WFACT WJOIN "WHERE f.subject_id = :id OR f.object_id = :id "
     "ORDER BY f.relation, year, f.id LIMIT :limit"},
    {"web.entity.years",
     "SELECT year, relation, count(*) AS facts FROM (SELECT " FACT_YEAR " AS year, f.relation FROM facts f "
     "WHERE f.subject_id = :id OR f.object_id = :id) WHERE year IS NOT NULL "
     "GROUP BY year, relation ORDER BY year, relation"},
    {"web.entity.doc_years",
     "SELECT d.year, count(*) AS documents FROM doc_entities x JOIN documents d ON d.id = x.document_id "
     "WHERE x.entity_id = :id AND d.year IS NOT NULL GROUP BY d.year ORDER BY d.year"},
    {"web.timeline",
     "SELECT coalesce(f.time, substr(f.first_seen, 1, 10)) AS date, "
     "CASE WHEN f.time IS NULL THEN 'published' ELSE 'text' END AS dated_by, " WFACT WJOIN
     "WHERE (f.subject_id = :id OR f.object_id = :id) AND coalesce(f.time, f.first_seen) IS NOT NULL "
     "ORDER BY date, f.relation, f.id LIMIT :limit"},
    /* Suggestions: :pattern is a LIKE pattern the caller escaped with '\'. */
    {"web.suggest",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, min(a.alias) AS matched FROM aliases a "
     "JOIN entities e ON e.id = a.entity_id WHERE a.alias LIKE :pattern ESCAPE '\\' "
     "GROUP BY e.id ORDER BY e.ndocs DESC, e.name, e.id LIMIT :limit"},

    /* --------------------------------------------------------------- facts */
    /* Latest stored first: the rowid order needs no sort, so a page costs
     * what it returns (plus what the filters skip). */
    {"web.facts",
     "SELECT " WFACT ", (SELECT group_concat(DISTINCT d.publisher) FROM evidence v "
     "JOIN documents d ON d.id = v.document_id WHERE v.fact_id = f.id) AS publishers "
     "FROM (SELECT f.id FROM facts f WHERE " FACT_FILTERS " ORDER BY f.id DESC LIMIT :limit OFFSET :offset) p "
     "JOIN facts f ON f.id = p.id JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id "
     "ORDER BY f.id DESC"},
    /* How many facts the filters select, counting at most :cap. */
    {"web.facts.count", "SELECT count(*) AS total FROM (SELECT 1 FROM facts f WHERE " FACT_FILTERS " LIMIT :cap)"},
    {"web.fact", "SELECT " WFACT WJOIN "WHERE f.id = :id"},
    {"web.fact.evidence",
     "SELECT v.id, v.document_id, d.doc, d.title, d.date, d.publisher, d.url, v.start_byte, v.end_byte, "
     "v.trigger_start, v.trigger_end, s.text AS sentence, round(v.confidence, 3) AS confidence "
     "FROM evidence v JOIN documents d ON d.id = v.document_id LEFT JOIN sentences s ON s.id = v.sentence_id "
     "WHERE v.fact_id = :id ORDER BY d.date, v.id LIMIT :limit"},

    /* ----------------------------------------------------------- documents */
    {"web.document",
     "SELECT id, doc, title, date, author, publisher, language, url, source, body, nsentences AS sentences, "
     "nentities AS entities, nfacts AS facts, dup_of, round(similarity, 3) AS similarity, ingested "
     "FROM documents WHERE id = :id"},
    /* Through sentences: mentions are indexed by sentence, not by document. */
    {"web.document.mentions",
     "SELECT m.start_byte, m.end_byte, m.entity_id, e.name, e.type FROM sentences t "
     "JOIN mentions m ON m.sentence_id = t.id JOIN entities e ON e.id = m.entity_id "
     "WHERE t.document_id = :id ORDER BY m.start_byte, m.end_byte DESC LIMIT :limit"},
    {"web.document.evidence",
     "SELECT v.fact_id AS fact, f.relation, f.subject_id, s.name AS subject, f.object_id, "
     "coalesce(o.name, f.object_text) AS object, "
     "CASE f.negated WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, f.modality, f.time, f.title, "
     "v.start_byte, v.end_byte, v.trigger_start, v.trigger_end FROM evidence v JOIN facts f ON f.id = v.fact_id "
     "JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id "
     "WHERE v.document_id = :id ORDER BY v.start_byte, v.fact_id LIMIT :limit"},

    /* --------------------------------------------------------------- graph */
    {"web.graph.nodes",
     NEIGHBOURS "SELECT e.id, e.name, e.type, e.ndocs AS documents, e.id = :id AS center "
     "FROM n JOIN entities e ON e.id = n.id ORDER BY center DESC, e.ndocs DESC, e.id"},
    {"web.graph.edges",
     NEIGHBOURS "SELECT f.subject_id AS source, f.object_id AS target, f.relation, "
     "CASE max(f.negated) WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, count(*) AS facts, "
     "sum(f.nsources) AS sources, min(f.id) AS fact FROM facts f "
     "WHERE f.subject_id IN n AND f.object_id IN n AND f.subject_id <> f.object_id "
     "GROUP BY f.subject_id, f.object_id, f.relation, f.negated ORDER BY facts DESC, fact LIMIT :edges"},

    /* -------------------------------------------------------------- events */
    {"web.event.editions",
     "SELECT " FACT_YEAR " AS year, f.time, f.object_id AS place_id, coalesce(o.name, f.object_text) AS place, "
     "f.id AS fact, f.nsources AS sources FROM facts f LEFT JOIN entities o ON o.id = f.object_id "
     "WHERE f.subject_id = :id AND f.relation = 'held_in' AND f.negated = 0 ORDER BY year, f.time, f.id"},
    {"web.event.participants",
     "SELECT " WFACT WJOIN "WHERE f.object_id = :id AND f.relation <> 'held_in' "
     "ORDER BY s.name, f.subject_id, year, f.relation, f.id LIMIT :limit"},

    /* ------------------------------------------------------------ overview */
    {"web.overview",
     "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT min(date) FROM documents) AS first_date, "
     "(SELECT max(date) FROM documents) AS last_date, "
     "(SELECT count(DISTINCT publisher) FROM documents) AS sources, (SELECT count(*) FROM sentences) AS sentences, "
     "(SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM facts) AS facts"},
    {"web.overview.sources",
     "SELECT publisher AS source, count(*) AS documents FROM documents WHERE publisher IS NOT NULL "
     "GROUP BY publisher ORDER BY documents DESC, publisher LIMIT :limit"},
    {"web.overview.types", "SELECT type, count(*) AS entities FROM entities GROUP BY type ORDER BY entities DESC, type"},
    {"web.overview.relations",
     "SELECT relation, count(*) AS facts FROM facts GROUP BY relation ORDER BY facts DESC, relation"},
    {"web.overview.years",
     "SELECT year, count(*) AS documents FROM documents WHERE year IS NOT NULL GROUP BY year ORDER BY year"},
    {"web.overview.top_entities",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, t.n AS facts FROM (SELECT id, count(*) AS n FROM ("
     "SELECT subject_id AS id FROM facts UNION ALL SELECT object_id FROM facts WHERE object_id IS NOT NULL) "
     "GROUP BY id ORDER BY n DESC, id LIMIT :limit) t JOIN entities e ON e.id = t.id ORDER BY t.n DESC, e.name"},
    {"web.overview.recent_facts",
     "SELECT " WFACT WJOIN "ORDER BY f.last_seen DESC, f.id DESC LIMIT :limit"},

    /* -------------------------------------------------------------- search */
    /* :q is an FTS5 expression the caller built from quoted words.  Latest
     * added first walks the index backwards and stops at :limit; best match
     * ranks every match (bm25) first, which costs more for common words. */
    {"web.search",
     "SELECT " SEARCH_COLUMNS SEARCH_JOIN "WHERE sentences_fts MATCH :q "
     "ORDER BY sentences_fts.rowid DESC LIMIT :limit OFFSET :offset"},
    {"web.search.rank",
     "SELECT " SEARCH_COLUMNS SEARCH_JOIN "WHERE sentences_fts MATCH :q ORDER BY rank, s.id LIMIT :limit OFFSET :offset"},
    {"web.health", "SELECT count(*) AS documents FROM documents"},
};

const char *ng_web_query_sql(const char *name)
{
    for (size_t i = 0; i < NG_ARRAY_LEN(queries); i++)
        if (strcmp(queries[i].name, name) == 0)
            return queries[i].sql;
    return NULL;
}
