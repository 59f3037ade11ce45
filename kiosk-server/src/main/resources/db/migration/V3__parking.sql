-- V3: live parking state, so that it survives a restart.
--
-- The latest reading of each single-space sensor.
CREATE TABLE parking_spot_readings (
  spot_id         TEXT NOT NULL PRIMARY KEY,
  issued_at       TEXT NOT NULL,
  received_at     TEXT NOT NULL,
  occupied        BOOLEAN NOT NULL,
  battery_percent INTEGER
);

-- The latest reading of each car park's gate counter (available is null when it said closed;
-- total is the last capacity it reported, null for the catalog's).
CREATE TABLE parking_counter_readings (
  facility_id TEXT NOT NULL PRIMARY KEY,
  issued_at   TEXT NOT NULL,
  received_at TEXT NOT NULL,
  available   INTEGER,
  closed      BOOLEAN NOT NULL,
  total       INTEGER
);
