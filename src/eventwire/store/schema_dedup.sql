-- Cross-report deduplication (eventwire.dedup, applied at ingest by eventwire.store.merging).
-- Every stored event report belongs to exactly one merged event; `eventwire events` lists merged events.

-- One row per happening. Column names follow `events` so the same filters apply; event_id is the merged id
-- ("me_" + the first source report's id, fixed when the merged event is created).
CREATE TABLE IF NOT EXISTS merged_events (
    event_id           VARCHAR PRIMARY KEY,
    doc_id             VARCHAR NOT NULL,     -- document of the representative (highest-confidence) report
    date               DATE,
    date_precision     VARCHAR,
    date_min           DATE,                 -- range of the sources' dates (candidate lookup)
    date_max           DATE,
    event_type         VARCHAR NOT NULL,
    mode               VARCHAR,
    modality           VARCHAR NOT NULL,
    source_name VARCHAR, source_country VARCHAR, target_name VARCHAR, target_country VARCHAR,
    location_name VARCHAR, lat DOUBLE, lon DOUBLE, location_country VARCHAR, admin1 VARCHAR,
    location_precision VARCHAR,
    fatalities         INTEGER,              -- reconciled (eventwire.dedup.fatalities)
    fatalities_min     INTEGER,
    fatalities_max     INTEGER,
    confidence         DOUBLE,
    evidence_sentence  VARCHAR,
    n_sources          INTEGER NOT NULL,     -- distinct documents, syndicated copies counted once
    n_reports          INTEGER NOT NULL,     -- event reports merged
    record             JSON NOT NULL         -- output-contract record plus n_sources, fatalities range
);

-- Which report (events.event_id) belongs to which merged event, and the document cluster it counts under.
CREATE TABLE IF NOT EXISTS event_sources (
    event_id   VARCHAR PRIMARY KEY,
    merged_id  VARCHAR NOT NULL,
    doc_id     VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL
);

-- Near-duplicate documents: copies of one story share a cluster_id (the doc_id of the first copy stored).
CREATE TABLE IF NOT EXISTS document_clusters (
    doc_id     VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    similarity DOUBLE,                       -- estimated Jaccard to the matched copy (NULL: first of its cluster)
    signature  BIGINT[] NOT NULL             -- MinHash signature
);
CREATE TABLE IF NOT EXISTS document_bands (
    band   BIGINT NOT NULL,                  -- LSH band key
    doc_id VARCHAR NOT NULL
);

-- No secondary indexes on these tables: DuckDB answers the batch lookups (band, merged_id, doc_id IN a list)
-- with scans and hash joins whether or not an index exists, while each ART index lives in memory and grows
-- with the rows, so the ingest process grew with the store. Stores made before this lose them when opened.
DROP INDEX IF EXISTS merged_events_type_date;
DROP INDEX IF EXISTS event_sources_merged;
DROP INDEX IF EXISTS event_sources_doc;
DROP INDEX IF EXISTS document_bands_band;
