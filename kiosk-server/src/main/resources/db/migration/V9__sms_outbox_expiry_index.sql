-- V9: the dispatcher ends scheduled messages whose not_after has passed before every round.
-- Without this index that query scanned every scheduled message (a million reminders waiting:
-- half a second per round, holding the write lock); with it, it reads only the expired ones.
CREATE INDEX sms_outbox_expiry ON sms_outbox (status, not_after);
