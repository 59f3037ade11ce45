-- V10: the office's security review. Indexes only: every row stays as it was.

-- Open311 GET requests.json runs its filters, newest-first order and limit in SQL. With the window
-- index (requested_at, seq) the scan walks the index backwards and stops at the limit, without
-- sorting the window's rows; it replaces the index on requested_at alone.
CREATE INDEX service_requests_window ON service_requests (requested_at, seq);
DROP INDEX service_requests_requested;

-- The cap on a citizen's bookings counts, inside the booking transaction, the phone's booked
-- bookings that have not ended.
CREATE INDEX office_bookings_phone_booked ON office_bookings (phone, slot_end)
  WHERE status = 'booked';

-- Only a phone's newest one-time code is valid from now on: burn every older live code (codes last
-- ten minutes, so this touches at most the last ten minutes' codes).
UPDATE office_otp_codes SET tries_left = 0
  WHERE used_at IS NULL AND tries_left > 0
    AND EXISTS (
      SELECT 1 FROM office_otp_codes AS newer
        WHERE newer.phone = office_otp_codes.phone
          AND (newer.created_at > office_otp_codes.created_at
            OR (newer.created_at = office_otp_codes.created_at
              AND newer.rowid > office_otp_codes.rowid)));
