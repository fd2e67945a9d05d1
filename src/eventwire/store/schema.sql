-- eventwire DuckDB schema. Open the file with `duckdb eventwire.duckdb` and query it yourself.
-- Every event row points to its document and to the character span of its evidence sentence in
-- documents.text, so each field can be traced to the words it came from.

CREATE TABLE IF NOT EXISTS documents (
    doc_id           VARCHAR PRIMARY KEY,   -- given id (file stem, JSONL "id"), unique in the store
    content_hash     VARCHAR NOT NULL UNIQUE, -- sha256 of the cleaned text; same hash = same document
    title            VARCHAR,
    url              VARCHAR,
    source           VARCHAR,               -- file (and line) it came from
    publication_date DATE,
    text             VARCHAR NOT NULL,      -- cleaned text; all offsets refer to it
    ingested_at      TIMESTAMP DEFAULT current_timestamp
);

-- One row per (doc_id, idx), written with its document in one transaction (a replaced document's rows are
-- deleted first). No PRIMARY KEY: nothing looks sentences up by key while ingesting, and DuckDB keeps an
-- ART index in memory that grows with every row (the largest table: ~40 rows per document). Stores created
-- before this keep their key; it still works, at that cost.
CREATE TABLE IF NOT EXISTS sentences (
    doc_id     VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id          VARCHAR PRIMARY KEY,
    doc_id            VARCHAR NOT NULL,
    date              DATE,
    date_precision    VARCHAR,
    event_type        VARCHAR NOT NULL,
    mode              VARCHAR,
    cameo_code        VARCHAR,
    modality          VARCHAR NOT NULL,
    source_text       VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_text       VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    location_name     VARCHAR, lat DOUBLE, lon DOUBLE, location_country VARCHAR, admin1 VARCHAR,
    geonameid         BIGINT, location_precision VARCHAR,
    fatalities        INTEGER,
    injuries          INTEGER,
    weapons           VARCHAR[],
    confidence        DOUBLE,
    evidence_sentence VARCHAR,
    evidence_start    INTEGER,
    evidence_end      INTEGER,
    record            JSON NOT NULL          -- the full output-contract record
);

CREATE TABLE IF NOT EXISTS toponyms (
    doc_id       VARCHAR NOT NULL,
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    name         VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR, admin1 VARCHAR,
    geonameid    BIGINT, feature_code VARCHAR
);

-- Documents that could not be read or processed, with the reason (nothing is silently dropped).
CREATE TABLE IF NOT EXISTS skipped (
    source     VARCHAR,
    reason     VARCHAR NOT NULL,
    skipped_at TIMESTAMP DEFAULT current_timestamp
);

-- Other copies of a stored document: the same cleaned text under another id (a syndicated story whose only
-- difference was a credit line or byline). The text and its events are stored once, under documents.doc_id =
-- stored_as; every other place it was published is kept here, so no source is lost.
CREATE TABLE IF NOT EXISTS document_copies (
    doc_id           VARCHAR PRIMARY KEY,   -- the copy's own id
    stored_as        VARCHAR NOT NULL,      -- documents.doc_id holding the text
    url              VARCHAR,
    source           VARCHAR,
    publication_date DATE
);
