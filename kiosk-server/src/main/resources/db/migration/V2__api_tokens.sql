-- Bearer tokens issued by an administrator. Only a SHA-256 hash of each secret is kept.
CREATE TABLE api_tokens (
  token_id   TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  roles      TEXT NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
