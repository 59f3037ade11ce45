-- The durable SMS outbox (issue 4): every SMS Vecino sends, sent at its time by the dispatcher.
-- Instants are DbInstants text (fixed-width ISO-8601 UTC), so text order is time order.
-- phone and text are personal data: set to NULL once a finished message is past its retention.
CREATE TABLE sms_outbox (
  id                 TEXT    NOT NULL PRIMARY KEY,
  phone              TEXT,
  text               TEXT,
  encoding           TEXT    NOT NULL,
  segments           INTEGER NOT NULL,
  purpose            TEXT    NOT NULL,
  ref_id             TEXT,
  due_at             TEXT    NOT NULL,
  not_after          TEXT    NOT NULL,
  status             TEXT    NOT NULL,
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    TEXT    NOT NULL,
  -- 1 from just before a call to the gateway until its answer says it was not taken: the
  -- message may have been handed over, so it can no longer be cancelled.
  in_flight          INTEGER NOT NULL DEFAULT 0,
  gateway_message_id TEXT,
  last_error         TEXT,
  created_at         TEXT    NOT NULL,
  sent_at            TEXT,
  updated_at         TEXT    NOT NULL,
  purged_at          TEXT
);

CREATE INDEX sms_outbox_due ON sms_outbox (status, next_attempt_at);
CREATE INDEX sms_outbox_phone ON sms_outbox (phone, purpose, sent_at);
CREATE INDEX sms_outbox_created ON sms_outbox (created_at);

-- Delivery receipts already applied, by the gateway's own messageId (a repeated one is not
-- applied again).
CREATE TABLE sms_receipts (
  message_id  TEXT NOT NULL PRIMARY KEY,
  sms_id      TEXT NOT NULL,
  status      TEXT NOT NULL,
  received_at TEXT NOT NULL
);
