-- V4: parking occupancy history, one row per facility and 5-minute bucket.
--
-- Written by the ingest writer on each change (the bucket's last, minimum and maximum free
-- spaces), trimmed to the retention of the parking catalog. bucket_start is Unix seconds (UTC,
-- a multiple of 300): compact, and a day of one facility is a range scan of 288 rows.
CREATE TABLE parking_occupancy (
  facility_id   TEXT NOT NULL,
  bucket_start  BIGINT NOT NULL,
  available     INTEGER NOT NULL,
  min_available INTEGER NOT NULL,
  max_available INTEGER NOT NULL,
  total         INTEGER NOT NULL,
  PRIMARY KEY (facility_id, bucket_start)
);

CREATE INDEX parking_occupancy_by_time ON parking_occupancy (bucket_start);
