-- Retention of the access logs. configuration_access_log is not chained: its old rows are simply deleted.
-- credential_access_log is the credential chain: retention deletes a prefix of it (reads older than the access
-- retention; credential changes and admin actions only once older than their own, longer retention, until then they
-- stay as "kept" rows below the prefix) and, in the same transaction, writes a checkpoint signed with the audit chain
-- key: where the pruned prefix ends (position and hash of its last row), how many rows of it are still kept, how many
-- were pruned in total, the time range of the rows this batch deleted (none when it only moved past kept rows).
-- Verification starts from the newest checkpoint.
CREATE TABLE audit_checkpoint (
    id           BIGSERIAL PRIMARY KEY,
    chain        VARCHAR(50) NOT NULL REFERENCES audit_chain_state (chain),
    through_seq  BIGINT      NOT NULL,
    through_hash VARCHAR(64) NOT NULL,
    kept         BIGINT      NOT NULL,
    pruned       BIGINT      NOT NULL,
    first_at     TIMESTAMP WITH TIME ZONE,
    last_at      TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    mac          VARCHAR(64) NOT NULL
);

CREATE INDEX idx_audit_checkpoint_newest ON audit_checkpoint (chain, id DESC);
