-- The Neighbor's Office: appointment bookings, one-time codes, citizen sessions, service
-- requests (Open311), Open311 api keys, kiosk heartbeats and rate-limit events. Secrets (codes,
-- session tokens, api keys) are kept only as SHA-256 hashes.

-- One row per booked slot: how many places are taken of how many. The CHECK and the conditional
-- upsert (booked < capacity) make a double booking impossible, however many requests race.
CREATE TABLE office_slot_counts (
  office_id    TEXT    NOT NULL,
  procedure_id TEXT    NOT NULL,
  slot_start   TEXT    NOT NULL,
  booked       INTEGER NOT NULL,
  capacity     INTEGER NOT NULL,
  PRIMARY KEY (office_id, procedure_id, slot_start),
  CHECK (booked >= 0 AND booked <= capacity)
);

CREATE TABLE office_bookings (
  booking_id   TEXT PRIMARY KEY,
  office_id    TEXT NOT NULL,
  procedure_id TEXT NOT NULL,
  slot_start   TEXT NOT NULL,
  slot_end     TEXT NOT NULL,
  phone        TEXT NOT NULL,
  lang         TEXT NOT NULL,
  status       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  cancelled_at TEXT
);
CREATE INDEX office_bookings_phone ON office_bookings (phone, slot_start);
CREATE UNIQUE INDEX office_bookings_one_per_phone
  ON office_bookings (office_id, procedure_id, slot_start, phone) WHERE status = 'booked';

CREATE TABLE office_otp_codes (
  otp_id     TEXT PRIMARY KEY,
  phone      TEXT    NOT NULL,
  code_hash  BLOB    NOT NULL,
  created_at TEXT    NOT NULL,
  expires_at TEXT    NOT NULL,
  tries_left INTEGER NOT NULL,
  used_at    TEXT
);
CREATE INDEX office_otp_codes_phone ON office_otp_codes (phone, created_at);

CREATE TABLE citizen_sessions (
  session_id TEXT PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,
  phone      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at   TEXT
);

CREATE TABLE service_requests (
  request_id         TEXT PRIMARY KEY,
  seq                INTEGER NOT NULL UNIQUE,
  token              TEXT    NOT NULL UNIQUE,
  service_code       TEXT    NOT NULL,
  description        TEXT,
  lat                REAL,
  lon                REAL,
  address            TEXT,
  attributes         TEXT    NOT NULL,
  phone              TEXT,
  lang               TEXT    NOT NULL,
  status             TEXT    NOT NULL,
  status_notes       TEXT,
  agency_responsible TEXT,
  source             TEXT    NOT NULL,
  source_id          TEXT,
  email              TEXT,
  first_name         TEXT,
  last_name          TEXT,
  device_id          TEXT,
  account_id         TEXT,
  media_url          TEXT,
  requested_at       TEXT    NOT NULL,
  updated_at         TEXT    NOT NULL
);
CREATE INDEX service_requests_requested ON service_requests (requested_at);

CREATE TABLE service_request_notes (
  note_id            TEXT PRIMARY KEY,
  request_id         TEXT NOT NULL REFERENCES service_requests (request_id),
  at                 TEXT NOT NULL,
  status             TEXT NOT NULL,
  status_notes       TEXT,
  agency_responsible TEXT
);
CREATE INDEX service_request_notes_request ON service_request_notes (request_id, at);

CREATE TABLE open311_api_keys (
  key_id     TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  key_hash   BLOB NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE kiosk_heartbeats (
  kiosk_id     TEXT PRIMARY KEY,
  last_seen_at TEXT NOT NULL,
  version      TEXT,
  screen       TEXT
);

CREATE TABLE office_rate_events (
  scope   TEXT NOT NULL,
  subject TEXT NOT NULL,
  at      TEXT NOT NULL
);
CREATE INDEX office_rate_events_key ON office_rate_events (scope, subject, at);

-- A kiosk device token is bound to one kiosk.
ALTER TABLE api_tokens ADD COLUMN kiosk_id TEXT;
