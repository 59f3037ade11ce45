-- V11, from the security review (findings 13 and 5). One migration for both; V10 may be another
-- branch's (Migrations allows a gap).
--
-- 13: every appointment has an owner: the id of the API token whose PUT created it (tok-...,
-- 'admin' for the bootstrap token), or 'office' for the office's own bookings. The appointments
-- API sees only its caller's. Rows from before: the office's bookings (office-bk-*) are the
-- office's; the others were created by some scheduler token nobody recorded: 'legacy', reachable
-- by any scheduler token as before, until they are purged after the retention.
ALTER TABLE appointments ADD COLUMN owner TEXT NOT NULL DEFAULT 'legacy';
UPDATE appointments SET owner = 'office' WHERE external_id LIKE 'office-bk-%';

-- 5: a secret SMS (a one-time code): 0 = an ordinary message, 1 = secret, text still held (the
-- dispatcher needs it), 2 = secret, text erased (replaced by a fixed redacted text) once the
-- message ended or its validity did. The admin view never shows a secret's text when a real
-- gateway is configured. The index finds the held secrets whose validity has ended.
ALTER TABLE sms_outbox ADD COLUMN secret INTEGER NOT NULL DEFAULT 0;
UPDATE sms_outbox SET secret = 1 WHERE purpose = 'otp';
UPDATE sms_outbox SET text = '[código de un solo uso]', secret = 2 WHERE secret = 1 AND status <> 'scheduled';
CREATE INDEX sms_outbox_secret ON sms_outbox (secret, not_after);
