/*
 * postgres_web.c - the named queries of the JSON API and web UI
 * (queries_web.c) in PostgreSQL's dialect: the same names, parameters,
 * columns and order.  Invariants: read-only; input only as :parameters;
 * NULLs sort as in SQLite (first when ascending); text sorts bytewise.
 */
#include "store/postgres.h"

#define ROUND3(x) "round((" x ")::numeric, 3)::float8"
#define C "COLLATE \"C\""

#define WFACT                                                                                           \
    "f.id, f.relation, f.subject_id, s.name AS subject, s.type AS subject_type, f.object_id, "          \
    "coalesce(o.name, f.object_text) AS object, coalesce(o.type, 'LITERAL') AS object_type, "           \
    "CASE f.negated WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, f.modality, f.time, "       \
    "f.year AS year, f.title, "                                  \
    "f.nsources AS sources, f.nevidence AS evidence, f.first_seen, f.last_seen, "                      \
    ROUND3("f.confidence") " AS confidence "
#define WJOIN "FROM facts f JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id "
#define FACT_YEAR "f.year"
#define ENTITY_FACTS \
    "(SELECT count(*) FROM facts WHERE subject_id = e.id) + (SELECT count(*) FROM facts WHERE object_id = e.id)"
#define CONTAINS(col, p) col " ILIKE '%' || " p " || '%' ESCAPE ''"

#define FACT_FILTERS                                                                                    \
    "(:relation IS NULL OR f.relation = :relation) "                                                    \
    "AND (:entity IS NULL OR f.subject_id = :entity::bigint OR f.object_id = :entity::bigint) "         \
    "AND (:subject IS NULL OR f.subject_id IN (SELECT entity_id FROM aliases WHERE "                    \
    CONTAINS("alias", ":subject") ")) "                                                                 \
    "AND (:object IS NULL OR f.object_id IN (SELECT entity_id FROM aliases WHERE "                      \
    CONTAINS("alias", ":object") ") OR " CONTAINS("f.object_text", ":object") ") "                      \
    "AND (:year IS NULL OR " FACT_YEAR " = :year) "                                                     \
    "AND (:negated IS NULL OR f.negated = :negated) AND (:modality IS NULL OR f.modality = :modality) " \
    "AND (:source IS NULL OR EXISTS (SELECT 1 FROM evidence v JOIN documents d ON d.id = v.document_id " \
    "WHERE v.fact_id = f.id AND " CONTAINS("d.publisher", ":source") ")) "

#define NEIGHBOURS                                                                                      \
    "WITH n(id) AS (SELECT :id UNION SELECT other FROM (SELECT other, count(*) AS k FROM ("            \
    "SELECT object_id AS other FROM facts WHERE subject_id = :id AND object_id IS NOT NULL "            \
    "UNION ALL SELECT subject_id FROM facts WHERE object_id = :id) a WHERE other <> :id "               \
    "GROUP BY other ORDER BY k DESC, other LIMIT :limit) b) "

#define HIGHLIGHT "ts_headline('simple', s.text, q, 'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3))"
#define SEARCH_COLUMNS                                                                                  \
    "s.id AS sentence_id, d.id AS document_id, d.doc, d.date, d.title, d.publisher, s.idx AS sentence, "   \
    "s.start_byte, s.end_byte, " HIGHLIGHT " AS text "
#define SEARCH_JOIN \
    "FROM sentences s JOIN documents d ON d.id = s.document_id, to_tsquery('simple', :q) q WHERE s.tsv @@ q "

typedef struct web_query {
    const char *name;
    const char *sql;
} web_query;

static const web_query queries[] = {
    {"web.entities",
     "SELECT p.id, p.name, p.type, p.documents, p.mentions, " ENTITY_FACTS " AS facts, p.first_seen, "
     "p.last_seen, p.total FROM (SELECT e.id, e.name, e.type, e.ndocs AS documents, e.nmentions AS mentions, "
     "e.first_seen, e.last_seen, count(*) OVER () AS total FROM entities e "
     "WHERE (:type IS NULL OR e.type = upper(:type)) AND (:search IS NULL OR e.id IN "
     "(SELECT entity_id FROM aliases WHERE " CONTAINS("alias", ":search") ")) "
     "ORDER BY e.ndocs DESC, e.nmentions DESC, e.name " C ", e.id LIMIT :limit OFFSET :offset) p "
     "JOIN entities e ON e.id = p.id ORDER BY p.documents DESC, p.mentions DESC, p.name " C ", p.id"},
    {"web.entity",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, e.nmentions AS mentions, " ENTITY_FACTS " AS facts, "
     "e.first_seen, e.last_seen FROM entities e WHERE e.id = :id"},
    {"web.entity.facts",
     "SELECT " WFACT WJOIN "WHERE f.subject_id = :id OR f.object_id = :id "
     "ORDER BY f.relation " C ", year NULLS FIRST, f.id LIMIT :limit"},
    {"web.entity.years",
     "SELECT year, relation, count(*) AS facts FROM (SELECT " FACT_YEAR " AS year, f.relation FROM facts f "
     "WHERE f.subject_id = :id OR f.object_id = :id) t WHERE year IS NOT NULL "
     "GROUP BY year, relation ORDER BY year, relation " C},
    {"web.entity.doc_years",
     "SELECT d.year, count(*) AS documents FROM doc_entities x JOIN documents d ON d.id = x.document_id "
     "WHERE x.entity_id = :id AND d.year IS NOT NULL GROUP BY d.year ORDER BY d.year"},
    {"web.timeline",
     "SELECT coalesce(f.time, substr(f.first_seen, 1, 10)) AS date, "
     "CASE WHEN f.time IS NULL THEN 'published' ELSE 'text' END AS dated_by, " WFACT WJOIN
     "WHERE (f.subject_id = :id OR f.object_id = :id) AND coalesce(f.time, f.first_seen) IS NOT NULL "
     "ORDER BY coalesce(f.time, substr(f.first_seen, 1, 10)) " C ", f.relation " C ", f.id LIMIT :limit"},
    {"web.suggest",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, min(a.alias " C ") AS matched FROM aliases a "
     "JOIN entities e ON e.id = a.entity_id WHERE a.alias ILIKE :pattern ESCAPE '\\' "
     "GROUP BY e.id ORDER BY e.ndocs DESC, e.name " C ", e.id LIMIT :limit"},

    {"web.facts",
     "SELECT " WFACT ", (SELECT string_agg(DISTINCT d.publisher, ',' ORDER BY d.publisher) FROM evidence v "
     "JOIN documents d ON d.id = v.document_id WHERE v.fact_id = f.id) AS publishers "
     "FROM (SELECT f.id FROM facts f WHERE " FACT_FILTERS " ORDER BY f.id DESC LIMIT :limit OFFSET :offset) p "
     "JOIN facts f ON f.id = p.id JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id "
     "ORDER BY f.id DESC"},
    {"web.facts.count", "SELECT count(*) AS total FROM (SELECT 1 FROM facts f WHERE " FACT_FILTERS " LIMIT :cap) t"},
    {"web.fact", "SELECT " WFACT WJOIN "WHERE f.id = :id"},
    {"web.fact.evidence",
     "SELECT v.id, v.document_id, d.doc, d.title, d.date, d.publisher, d.url, v.start_byte, v.end_byte, "
     "v.trigger_start, v.trigger_end, s.text AS sentence, " ROUND3("v.confidence") " AS confidence "
     "FROM evidence v JOIN documents d ON d.id = v.document_id LEFT JOIN sentences s ON s.id = v.sentence_id "
     "WHERE v.fact_id = :id ORDER BY d.date " C " NULLS FIRST, v.id LIMIT :limit"},

    {"web.document",
     "SELECT id, doc, title, date, author, publisher, language, url, source, body, nsentences AS sentences, "
     "nentities AS entities, nfacts AS facts, dup_of, " ROUND3("similarity") " AS similarity, ingested "
     "FROM documents WHERE id = :id"},
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

    {"web.graph.nodes",
     NEIGHBOURS "SELECT e.id, e.name, e.type, e.ndocs AS documents, e.id = :id AS center "
     "FROM n JOIN entities e ON e.id = n.id ORDER BY center DESC, e.ndocs DESC, e.id"},
    {"web.graph.edges",
     NEIGHBOURS "SELECT f.subject_id AS source, f.object_id AS target, f.relation, "
     "CASE max(f.negated) WHEN 1 THEN 'negative' ELSE 'positive' END AS polarity, count(*) AS facts, "
     "sum(f.nsources) AS sources, min(f.id) AS fact FROM facts f "
     "WHERE f.subject_id IN (SELECT id FROM n) AND f.object_id IN (SELECT id FROM n) AND f.subject_id <> f.object_id "
     "GROUP BY f.subject_id, f.object_id, f.relation, f.negated ORDER BY facts DESC, fact LIMIT :edges"},

    {"web.event.editions",
     "SELECT " FACT_YEAR " AS year, f.time, f.object_id AS place_id, coalesce(o.name, f.object_text) AS place, "
     "f.id AS fact, f.nsources AS sources FROM facts f LEFT JOIN entities o ON o.id = f.object_id "
     "WHERE f.subject_id = :id AND f.relation = 'held_in' AND f.negated = 0 "
     "ORDER BY year NULLS FIRST, f.time " C " NULLS FIRST, f.id"},
    {"web.event.participants",
     "SELECT " WFACT WJOIN "WHERE f.object_id = :id AND f.relation <> 'held_in' "
     "ORDER BY s.name " C ", f.subject_id, year NULLS FIRST, f.relation " C ", f.id LIMIT :limit"},

    {"web.overview",
     "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT min(date " C ") FROM documents) AS first_date, "
     "(SELECT max(date " C ") FROM documents) AS last_date, "
     "(SELECT count(DISTINCT publisher) FROM documents) AS sources, (SELECT count(*) FROM sentences) AS sentences, "
     "(SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM facts) AS facts"},
    {"web.overview.sources",
     "SELECT publisher AS source, count(*) AS documents FROM documents WHERE publisher IS NOT NULL "
     "GROUP BY publisher ORDER BY documents DESC, publisher " C " LIMIT :limit"},
    {"web.overview.types",
     "SELECT type, count(*) AS entities FROM entities GROUP BY type ORDER BY entities DESC, type " C},
    {"web.overview.relations",
     "SELECT relation, count(*) AS facts FROM facts GROUP BY relation ORDER BY facts DESC, relation " C},
    {"web.overview.years",
     "SELECT year, count(*) AS documents FROM documents WHERE year IS NOT NULL GROUP BY year ORDER BY year"},
    {"web.overview.top_entities",
     "SELECT e.id, e.name, e.type, e.ndocs AS documents, t.n AS facts FROM (SELECT id, count(*) AS n FROM ("
     "SELECT subject_id AS id FROM facts UNION ALL SELECT object_id FROM facts WHERE object_id IS NOT NULL) a "
     "GROUP BY id ORDER BY n DESC, id LIMIT :limit) t JOIN entities e ON e.id = t.id ORDER BY t.n DESC, e.name " C},
    {"web.overview.recent_facts",
     "SELECT " WFACT WJOIN "ORDER BY f.last_seen " C " DESC NULLS LAST, f.id DESC LIMIT :limit"},

    {"web.search",
     "SELECT " SEARCH_COLUMNS SEARCH_JOIN "ORDER BY s.id DESC LIMIT :limit OFFSET :offset"},
    {"web.search.rank",
     "SELECT " SEARCH_COLUMNS SEARCH_JOIN "ORDER BY ts_rank(s.tsv, q) DESC, s.id LIMIT :limit OFFSET :offset"},
    {"web.health", "SELECT count(*) AS documents FROM documents"},
};

const char *pg_web_query_sql(const char *name)
{
    for (size_t i = 0; i < NG_ARRAY_LEN(queries); i++)
        if (strcmp(queries[i].name, name) == 0)
            return queries[i].sql;
    return NULL;
}
