-- Watch rules and alerts (eventwire.watch). The rules themselves are a YAML file (eventwire-watch.yaml next
-- to the database); these tables remember what has been alerted, so that no (rule, event) pair alerts twice.

-- One row per (rule, event) that has alerted. event_id is the merged event's id (merged_events.event_id)
-- when the report was merged, else the report's own id: a second report of the same happening does not
-- alert again, but a change in the (reconciled) fatalities does, as an "update".
CREATE TABLE IF NOT EXISTS watch_matches (
    rule_id        VARCHAR NOT NULL,
    event_id       VARCHAR NOT NULL,
    fatalities     INTEGER,                  -- as last alerted
    n_alerts       INTEGER NOT NULL,         -- alerts sent for this pair (1 + updates)
    first_alert_at TIMESTAMP NOT NULL,       -- UTC
    last_alert_at  TIMESTAMP NOT NULL,       -- UTC
    PRIMARY KEY (rule_id, event_id)
);

-- Every alert raised, as delivered (GET /alerts lists them). delivered = false: a destination refused it
-- (webhook down after its retries, unwritable file); the alert stays here and is not raised again.
CREATE SEQUENCE IF NOT EXISTS watch_alert_seq;
CREATE TABLE IF NOT EXISTS watch_alerts (
    alert_id            VARCHAR PRIMARY KEY,
    seq                 BIGINT NOT NULL DEFAULT nextval('watch_alert_seq'),  -- order raised
    rule_id             VARCHAR NOT NULL,
    event_id            VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,    -- new | update
    fatalities          INTEGER,
    previous_fatalities INTEGER,
    created_at          TIMESTAMP NOT NULL,  -- UTC
    delivered           BOOLEAN NOT NULL DEFAULT false,
    record              JSON NOT NULL        -- the alert as delivered (includes the event record)
);
CREATE INDEX IF NOT EXISTS watch_alerts_seq ON watch_alerts (seq);

-- The outbox (issue 17): one row per (alert, destination), written in the same transaction as the batch
-- whose events raised the alert, so a crash can neither lose an alert nor raise it twice. Delivery drains it
-- outside the ingest path (a thread per destination, `eventwire watch deliver`), in alert order.
-- destination: 'stdout', 'jsonl:<absolute path>' or 'webhook:<url>' (settings such as headers stay in the
-- rule file). state: pending -> sending -> delivered, or back to pending (destination down; retried), or
-- failed (refused for good, e.g. HTTP 400). A row left 'sending' by a crash is resolved on the next drain:
-- a JSONL file is read from jsonl_offset (its size before the write) and the alerts found there count as
-- delivered, so no alert is written twice to a file; stdout and webhooks get it again (webhooks with the
-- same Idempotency-Key header, the alert_id).
CREATE TABLE IF NOT EXISTS watch_outbox (
    alert_id     VARCHAR NOT NULL,
    destination  VARCHAR NOT NULL,
    state        VARCHAR NOT NULL DEFAULT 'pending',   -- pending | sending | delivered | failed
    attempts     INTEGER NOT NULL DEFAULT 0,
    jsonl_offset BIGINT,                               -- a JSONL file's size before the last write
    last_error   VARCHAR,
    created_at   TIMESTAMP NOT NULL,                   -- UTC
    delivered_at TIMESTAMP,                            -- UTC
    PRIMARY KEY (alert_id, destination)
);
