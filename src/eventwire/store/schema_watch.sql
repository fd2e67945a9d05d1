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
