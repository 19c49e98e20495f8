-- schema_pg.sql - the newsgraph knowledge base, PostgreSQL, schema version 1.
-- The same tables and columns as schema.sql (SQLite); docs/schema.md
-- describes them and docs/scale.md the engine-specific parts: sentences.tsv
-- with a GIN index stands in for FTS5, doc_hashes makes the content hash
-- unique in a way a Citus cluster can enforce, and group_concat exists so
-- SQL written for SQLite runs here too.  Embedded in the binary at build
-- time (scripts/embed.sh) and run in one transaction on an empty schema.
-- Invariants: one documents row per distinct body (doc_hashes.sha256); one
-- facts row per distinct key; every row of a document is written in the
-- transaction that writes the document.  Every primary key and unique key of
-- a per-document table holds document_id (the Citus distribution column).

CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text
);

-- The content hash of every stored document: the arbiter of idempotent
-- inserts (INSERT ... ON CONFLICT DO NOTHING) across concurrent writers.
CREATE TABLE doc_hashes (
    sha256      text PRIMARY KEY,
    document_id bigint NOT NULL
);

CREATE TABLE documents (
    id         bigserial PRIMARY KEY,
    doc        text NOT NULL,
    sha256     text NOT NULL,
    title      text,
    date       text,
    year       integer,
    author     text,
    publisher  text,
    language   text,
    url        text,
    source     text,
    body       text NOT NULL,
    nsentences integer NOT NULL,
    nentities  integer NOT NULL,
    nfacts     integer NOT NULL,
    dup_of     bigint,
    similarity double precision,
    minhash    bytea,
    ingested   text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE INDEX documents_sha256 ON documents(sha256);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_dup ON documents(dup_of) WHERE dup_of IS NOT NULL;

CREATE TABLE doc_bands (
    band        bigint NOT NULL,
    document_id bigint NOT NULL,
    PRIMARY KEY (band, document_id)
);

-- tsv: the full-text index (the 'simple' configuration: lower-cased words,
-- no stemming, as FTS5's unicode61 tokenizer).
CREATE TABLE sentences (
    id          bigserial,
    document_id bigint NOT NULL,
    idx         integer NOT NULL,
    start_byte  integer NOT NULL,
    end_byte    integer NOT NULL,
    text        text NOT NULL,
    tsv         tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
    PRIMARY KEY (document_id, id),
    UNIQUE (document_id, idx)
);
CREATE UNIQUE INDEX sentences_id ON sentences(id);
CREATE INDEX sentences_tsv ON sentences USING gin (tsv);

CREATE TABLE entities (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL,
    type       text NOT NULL,
    ndocs      integer NOT NULL DEFAULT 0,
    nmentions  integer NOT NULL DEFAULT 0,
    first_seen text,
    last_seen  text
);
CREATE INDEX entities_type ON entities(type, ndocs);

CREATE TABLE aliases (
    entity_id  bigint NOT NULL,
    alias      text NOT NULL,
    key        text NOT NULL,
    tclass     integer NOT NULL,
    strong     integer NOT NULL,
    ndocs      integer NOT NULL DEFAULT 0,
    ncanonical integer NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX aliases_key ON aliases(key, tclass) WHERE strong <> 0;
CREATE INDEX aliases_alias ON aliases(lower(alias) text_pattern_ops);

CREATE TABLE doc_entities (
    document_id bigint NOT NULL,
    local_id    integer NOT NULL,
    entity_id   bigint NOT NULL,
    name        text NOT NULL,
    type        text NOT NULL,
    aliases     text,
    nmentions   integer NOT NULL,
    PRIMARY KEY (document_id, local_id)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id, document_id);

CREATE TABLE mentions (
    id          bigserial,
    entity_id   bigint NOT NULL,
    document_id bigint NOT NULL,
    local_id    integer NOT NULL,
    sentence_id bigint,
    start_byte  integer NOT NULL,
    end_byte    integer NOT NULL,
    text        text NOT NULL,
    PRIMARY KEY (document_id, id)
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_sentence ON mentions(sentence_id);

CREATE TABLE facts (
    id          bigserial PRIMARY KEY,
    key         text NOT NULL UNIQUE,
    relation    text NOT NULL,
    subject_id  bigint NOT NULL,
    object_id   bigint,
    object_text text,
    negated     integer NOT NULL,
    modality    text NOT NULL,
    time        text,
    year        integer,
    title       text,
    confidence  double precision NOT NULL,
    nsources    integer NOT NULL DEFAULT 0,
    nevidence   integer NOT NULL DEFAULT 0,
    first_seen  text,
    last_seen   text
);
CREATE INDEX facts_relation ON facts(relation, year);
CREATE INDEX facts_subject ON facts(subject_id);
CREATE INDEX facts_object ON facts(object_id);

CREATE TABLE evidence (
    id            bigserial,
    fact_id       bigint NOT NULL,
    document_id   bigint NOT NULL,
    source_id     bigint NOT NULL,
    sentence_id   bigint,
    start_byte    integer NOT NULL,
    end_byte      integer NOT NULL,
    trigger_start integer,
    trigger_end   integer,
    subject_local integer NOT NULL,
    object_local  integer,
    confidence    double precision NOT NULL,
    PRIMARY KEY (document_id, id),
    UNIQUE (fact_id, document_id, start_byte, end_byte, trigger_start)
);
CREATE INDEX evidence_fact ON evidence(fact_id, source_id);
CREATE INDEX evidence_document ON evidence(document_id);

-- SQLite's group_concat(x [, separator]), so queries and tests run on both.
CREATE FUNCTION ng_concat(acc text, v text, sep text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE FUNCTION ng_concat(acc text, v text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || ',' || v END $$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = ng_concat, STYPE = text);
CREATE AGGREGATE group_concat(text) (SFUNC = ng_concat, STYPE = text);
