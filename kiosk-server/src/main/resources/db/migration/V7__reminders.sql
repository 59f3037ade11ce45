-- Appointment reminders (issue 4). Instants are DbInstants text (fixed-width ISO-8601 UTC), so
-- text order is time order. Only what a reminder needs is kept (no diagnosis); an appointment
-- and its reminders are deleted after the retention period (VECINO_REMINDER_RETENTION_DAYS).
CREATE TABLE appointments (
  external_id TEXT NOT NULL PRIMARY KEY,
  phone       TEXT NOT NULL,
  phone_hash  TEXT NOT NULL,
  mobile      INTEGER NOT NULL,
  starts_at   TEXT NOT NULL,
  place       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  language    TEXT NOT NULL,
  status      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE INDEX appointments_phone ON appointments (phone_hash, starts_at);
CREATE INDEX appointments_starts ON appointments (starts_at);

-- Each planned reminder: 'planned' ones are in the SMS outbox under sms_id (their status is the
-- outbox's), 'skipped' ones were never sent (skip_reason), 'withdrawn' ones were replaced when
-- the appointment moved and are no longer shown.
CREATE TABLE reminders (
  id          TEXT NOT NULL PRIMARY KEY,
  external_id TEXT NOT NULL REFERENCES appointments (external_id) ON DELETE CASCADE,
  due_at      TEXT NOT NULL,
  status      TEXT NOT NULL,
  skip_reason TEXT,
  sms_id      TEXT,
  created_at  TEXT NOT NULL
);

CREATE INDEX reminders_appointment ON reminders (external_id, due_at);

-- Phones that replied BAJA, kept as the SHA-256 of the E.164 number only.
CREATE TABLE sms_opt_outs (
  phone_hash    TEXT NOT NULL PRIMARY KEY,
  opted_out_at  TEXT NOT NULL
);

-- Citizens' replies already handled, by the gateway's messageId (a repeated one is not acted on
-- again); answered = 1 when Vecino replied (at most 5 answers per phone per hour).
CREATE TABLE sms_inbound (
  message_id  TEXT NOT NULL PRIMARY KEY,
  phone_hash  TEXT NOT NULL,
  command     TEXT NOT NULL,
  answered    INTEGER NOT NULL,
  received_at TEXT NOT NULL
);

CREATE INDEX sms_inbound_phone ON sms_inbound (phone_hash, received_at);

-- Events for the scheduling system's webhook, sent by a background sender with retries.
CREATE TABLE scheduler_events (
  id              TEXT NOT NULL PRIMARY KEY,
  type            TEXT NOT NULL,
  external_id     TEXT NOT NULL,
  at              TEXT NOT NULL,
  status          TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT
);

CREATE INDEX scheduler_events_due ON scheduler_events (status, next_attempt_at);
