-- V1: real-time transit state and rejected MQTT messages.
--
-- Instants are ISO-8601 UTC text with nine fraction digits (2026-11-28T10:12:30.000000000Z):
-- exact, readable, and ordered like time. JSON columns hold small documents written by the
-- repositories. The SQL stays portable to PostgreSQL, except the identity column noted below.

-- The latest prediction snapshot of each stop (a snapshot replaces the previous one).
CREATE TABLE transit_stop_predictions (
  stop_id     TEXT NOT NULL PRIMARY KEY,
  issued_at   TEXT NOT NULL,
  received_at TEXT NOT NULL,
  arrivals    TEXT NOT NULL
);

-- Service alerts, the whole alert as JSON apart from its key and times.
CREATE TABLE transit_alerts (
  alert_id    TEXT NOT NULL PRIMARY KEY,
  issued_at   TEXT NOT NULL,
  received_at TEXT NOT NULL,
  alert       TEXT NOT NULL
);

-- Deleted alerts, remembered so that a late copy with an older timestamp stays deleted.
-- An alert id is never both in transit_alerts and here.
CREATE TABLE transit_alert_deletions (
  alert_id   TEXT NOT NULL PRIMARY KEY,
  deleted_at TEXT NOT NULL
);

-- The latest position of each vehicle.
CREATE TABLE transit_vehicle_positions (
  vehicle_id  TEXT NOT NULL PRIMARY KEY,
  issued_at   TEXT NOT NULL,
  received_at TEXT NOT NULL,
  line        TEXT,
  lat         DOUBLE PRECISION NOT NULL,
  lon         DOUBLE PRECISION NOT NULL,
  speed_kmh   DOUBLE PRECISION,
  bearing     INTEGER
);

-- The most recent rejected MQTT messages (trimmed to VECINO_MQTT_REJECTIONS_KEPT).
-- PostgreSQL: id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY.
CREATE TABLE rejections (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  topic       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  detail      TEXT NOT NULL,
  received_at TEXT NOT NULL,
  payload     TEXT NOT NULL
);

-- Rejections counted by reason (the contract's name, e.g. invalidPayload) since the first start.
CREATE TABLE rejection_counts (
  reason TEXT NOT NULL PRIMARY KEY,
  count  BIGINT NOT NULL
);
