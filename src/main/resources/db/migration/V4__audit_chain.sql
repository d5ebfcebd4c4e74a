-- Tamper-evident audit: configuration changes get an append-only audit table (history rows may be pruned by retention,
-- audit rows never are), and both audit tables are hash-chained: hash = SHA-256(prev_hash || canonical row). Rows are
-- inserted in the transaction of the audited operation and sealed into the chain shortly after by one replica.

CREATE TABLE configuration_audit (
    id           BIGSERIAL PRIMARY KEY,
    service_id   VARCHAR(100) NOT NULL,
    environment  VARCHAR(50)  NOT NULL,
    version      INTEGER      NOT NULL,
    operation    VARCHAR(20)  NOT NULL,
    actor        VARCHAR(100),
    changed_keys TEXT[]       NOT NULL DEFAULT '{}',
    reason       TEXT,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    chain_seq    BIGINT UNIQUE,
    prev_hash    VARCHAR(64),
    hash         VARCHAR(64)
);

CREATE INDEX idx_configuration_audit_service ON configuration_audit (service_id, environment);
CREATE INDEX idx_configuration_audit_occurred ON configuration_audit (occurred_at);
CREATE INDEX idx_configuration_audit_unsealed ON configuration_audit (id) WHERE chain_seq IS NULL;

ALTER TABLE credential_access_log
    ADD COLUMN chain_seq BIGINT UNIQUE,
    ADD COLUMN prev_hash VARCHAR(64),
    ADD COLUMN hash      VARCHAR(64);

CREATE INDEX idx_credential_access_log_unsealed ON credential_access_log (accessed_at, id) WHERE chain_seq IS NULL;

CREATE TABLE audit_chain_heads (
    chain     VARCHAR(50) PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);

INSERT INTO audit_chain_heads (chain, last_seq, last_hash) VALUES
    ('configuration', 0, repeat('0', 64)),
    ('credential',    0, repeat('0', 64));
