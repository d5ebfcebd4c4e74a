-- No query reads credential_access_log by credential_id or credential_key: the audit API filters by service_id,
-- user_id, operation and accessed_at; retention and the verifier go by chain_seq and id. Every credential read
-- inserted an entry into both indexes, and the sealer's update of the row (not HOT: chain_seq is indexed) another.
-- credential_id keeps its foreign key: credentials are never deleted (a deletion erases the key material and keeps
-- the row), so the reference is never checked from the credentials side.
DROP INDEX IF EXISTS idx_credential_access_log_credential;
DROP INDEX IF EXISTS idx_credential_access_log_key;
