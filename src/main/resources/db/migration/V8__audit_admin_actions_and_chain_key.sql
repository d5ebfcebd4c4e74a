-- Admin actions join the audit (token issue/revoke, approval and rotation policies, schemas), with operation names
-- longer than 20 characters. Widening a VARCHAR rewrites nothing and changes no canonical row text.
ALTER TABLE configuration_audit ALTER COLUMN operation TYPE VARCHAR(40);
ALTER TABLE credential_access_log ALTER COLUMN operation TYPE VARCHAR(40);

-- The chains are authenticated from here on: hash = HMAC-SHA256(chain key, prev_hash || canonical row). The chain
-- key is one of the deployment's secret keys (so is the key that signs push frames): each generated once by the first
-- replica that needs it and stored here only wrapped by the key encryption key (local master.key or Vault transit),
-- like a data key; one row per key name, first writer wins.
CREATE TABLE deployment_key (
    name        VARCHAR(100) PRIMARY KEY,
    wrapped_key TEXT         NOT NULL,
    kek_id      VARCHAR(200) NOT NULL,
    kek_version INTEGER      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Rows sealed before this migration keep their plain SHA-256 hashes and are verified as legacy up to the boundary
-- recorded here (legacy_seq, legacy_hash); whoever creates the chain key authenticates that boundary with it
-- (legacy_mac), so it can be neither moved nor re-chained afterwards. The heads table is renamed so that replicas of
-- the previous version, still running during a rolling upgrade, fail to seal instead of sealing past the boundary
-- with SHA-256; the rows they leave unsealed are sealed by the new version.
ALTER TABLE audit_chain_heads RENAME TO audit_chain_state;
ALTER TABLE audit_chain_state
    ADD COLUMN legacy_seq  BIGINT,
    ADD COLUMN legacy_hash VARCHAR(64),
    ADD COLUMN legacy_mac  VARCHAR(64);
UPDATE audit_chain_state SET legacy_seq = last_seq, legacy_hash = last_hash;
ALTER TABLE audit_chain_state
    ALTER COLUMN legacy_seq SET NOT NULL,
    ALTER COLUMN legacy_hash SET NOT NULL;
