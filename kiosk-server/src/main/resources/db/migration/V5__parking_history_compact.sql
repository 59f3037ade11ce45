-- V5: compact parking history (replaces V4's table).
--
-- A city of ~250 facilities writes 288 five-minute buckets a day each: 26 million rows a year. To
-- keep a year in a few hundred MB:
-- * facilities get a small integer key (parking_history_facilities), not their text id per row;
-- * the tables are clustered on their primary key (WITHOUT ROWID: no second copy of the key in a
--   separate index) and there is no index by time (old rows are trimmed per facility, by key);
-- * five-minute buckets are kept for the recent weeks the typical day needs, then rolled up into
--   hourly buckets (parking_occupancy_1h) by the ingest writer.
-- The DML on these tables is standard SQL; WITHOUT ROWID is SQLite's DDL (on PostgreSQL the
-- same tables are plain tables with the same primary keys).
CREATE TABLE parking_history_facilities (
  ref         INTEGER NOT NULL PRIMARY KEY,
  facility_id TEXT NOT NULL UNIQUE
);

CREATE TABLE parking_occupancy_5m (
  facility_ref  INTEGER NOT NULL,
  bucket_start  BIGINT NOT NULL,
  available     INTEGER NOT NULL,
  min_available INTEGER NOT NULL,
  max_available INTEGER NOT NULL,
  total         INTEGER NOT NULL,
  PRIMARY KEY (facility_ref, bucket_start)
) WITHOUT ROWID;

CREATE TABLE parking_occupancy_1h (
  facility_ref  INTEGER NOT NULL,
  bucket_start  BIGINT NOT NULL,
  available     INTEGER NOT NULL,
  min_available INTEGER NOT NULL,
  max_available INTEGER NOT NULL,
  total         INTEGER NOT NULL,
  PRIMARY KEY (facility_ref, bucket_start)
) WITHOUT ROWID;

INSERT INTO parking_history_facilities (facility_id)
  SELECT DISTINCT facility_id FROM parking_occupancy ORDER BY facility_id;

INSERT INTO parking_occupancy_5m
    (facility_ref, bucket_start, available, min_available, max_available, total)
  SELECT f.ref, o.bucket_start, o.available, o.min_available, o.max_available, o.total
  FROM parking_occupancy o JOIN parking_history_facilities f ON f.facility_id = o.facility_id;

DROP INDEX parking_occupancy_by_time;
DROP TABLE parking_occupancy;
