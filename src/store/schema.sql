-- schema.sql - the newsgraph knowledge base, SQLite, schema version 1.
-- Embedded in the binary at build time (scripts/embed.sh) and run on an
-- empty database; later versions add migrations in src/store/sqlite.c and
-- bump PRAGMA user_version.  docs/schema.md describes every table.
-- Invariants: one documents row per distinct body (sha256); one facts row
-- per distinct fact (key); every row of a document is written in the same
-- transaction as the document itself.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

-- One row per stored article.  dup_of links a near-duplicate (syndicated
-- copy, light edit) to the first document of its cluster.
CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    doc        TEXT NOT NULL,            -- document id (file name, JSONL id)
    sha256     TEXT NOT NULL UNIQUE,     -- of the normalised body
    title      TEXT,
    date       TEXT,                     -- ISO 8601 publication date
    year       INTEGER,                  -- year of date
    author     TEXT,
    publisher  TEXT,
    language   TEXT,
    url        TEXT,
    source     TEXT,                     -- where it was read from
    body       TEXT NOT NULL,
    nsentences INTEGER NOT NULL,
    nentities  INTEGER NOT NULL,
    nfacts     INTEGER NOT NULL,
    dup_of     INTEGER REFERENCES documents(id),
    similarity REAL,                     -- estimated Jaccard with dup_of
    minhash    BLOB,                     -- MinHash signature of word 3-shingles
    ingested   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_dup ON documents(dup_of) WHERE dup_of IS NOT NULL;

-- Locality-sensitive hashing bands of the MinHash signatures: documents
-- sharing a band are near-duplicate candidates.
CREATE TABLE doc_bands (
    band        INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, document_id)
) WITHOUT ROWID;

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    idx         INTEGER NOT NULL,        -- 0-based index in the document
    start_byte  INTEGER NOT NULL,      -- byte offsets into documents.body
    end_byte    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (document_id, idx)
);

-- Full-text index over sentences (external content: the text lives once).
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content = 'sentences', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Entities resolved across documents.
CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,            -- the name documents use most
    type       TEXT NOT NULL,            -- PERSON, ORG, GPE, LOC, EVENT, PRODUCT, MISC
    ndocs      INTEGER NOT NULL DEFAULT 0,
    nmentions  INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,                     -- earliest / latest document date
    last_seen  TEXT
);
CREATE INDEX entities_type ON entities(type, ndocs);

-- Every name an entity goes by.  key is the match key (src/kb/resolve.c);
-- strong keys merge entities of different documents, weak ones never do.
CREATE TABLE aliases (
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    alias      TEXT NOT NULL,
    key        TEXT NOT NULL,
    tclass     INTEGER NOT NULL,         -- type class (GPE and LOC agree)
    strong     INTEGER NOT NULL,
    ndocs      INTEGER NOT NULL DEFAULT 0,   -- documents using this name
    ncanonical INTEGER NOT NULL DEFAULT 0,   -- ... as the entity's canonical name
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_key ON aliases(key, tclass) WHERE strong;
CREATE INDEX aliases_alias ON aliases(alias COLLATE NOCASE);

-- The entities of each document as extraction found them, and the global
-- entity each was resolved to (with the evidence's local ids, enough to
-- redo resolution from scratch).
CREATE TABLE doc_entities (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    local_id    INTEGER NOT NULL,        -- index in the document's entity list
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    aliases     TEXT,                    -- the document's other names, joined by char(31)
    nmentions   INTEGER NOT NULL,
    PRIMARY KEY (document_id, local_id)
) WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities(entity_id, document_id);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    local_id    INTEGER NOT NULL,
    sentence_id INTEGER REFERENCES sentences(id),
    start_byte  INTEGER NOT NULL,      -- byte offsets into documents.body
    end_byte    INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_sentence ON mentions(sentence_id);

-- One row per distinct fact; key = relation, arguments, polarity, modality,
-- time and title.  Counts aggregate the evidence; nsources counts a cluster
-- of near-duplicate documents once.
CREATE TABLE facts (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    relation    TEXT NOT NULL,
    subject_id  INTEGER NOT NULL REFERENCES entities(id),
    object_id   INTEGER REFERENCES entities(id),   -- NULL: literal object
    object_text TEXT,                            -- the literal (a quote)
    negated     INTEGER NOT NULL,
    modality    TEXT NOT NULL,           -- asserted, planned, former, hedged, reported
    time        TEXT,                    -- ISO date, YYYY-MM or YYYY
    year        INTEGER,                 -- year of time
    title       TEXT,                    -- for role facts
    confidence  REAL NOT NULL,           -- highest of its evidence
    nsources    INTEGER NOT NULL DEFAULT 0,
    nevidence   INTEGER NOT NULL DEFAULT 0,
    first_seen  TEXT,                    -- earliest / latest reporting date
    last_seen   TEXT
);
CREATE INDEX facts_relation ON facts(relation, year);
CREATE INDEX facts_subject ON facts(subject_id);
CREATE INDEX facts_object ON facts(object_id);

-- Where each fact was read: document, sentence and byte offsets.
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    fact_id       INTEGER NOT NULL REFERENCES facts(id),
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    source_id     INTEGER NOT NULL,      -- first document of its near-duplicate cluster
    sentence_id   INTEGER REFERENCES sentences(id),
    start_byte    INTEGER NOT NULL,      -- the evidence sentence's bytes
    end_byte      INTEGER NOT NULL,
    trigger_start INTEGER,
    trigger_end   INTEGER,
    subject_local INTEGER NOT NULL,      -- the arguments as doc_entities.local_id,
    object_local  INTEGER,               -- so facts can be rebuilt from evidence
    confidence    REAL NOT NULL,
    UNIQUE (fact_id, document_id, start_byte, end_byte, trigger_start)
);
CREATE INDEX evidence_fact ON evidence(fact_id, source_id);
CREATE INDEX evidence_document ON evidence(document_id);
