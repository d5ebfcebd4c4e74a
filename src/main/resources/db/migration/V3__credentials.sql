-- Credential vault. The spec's credentials table keeps the metadata; every encrypted value moves to
-- credential_versions, so the previous value stays readable during a rotation's grace period. A value is
-- AES-256-GCM under its own data key; only that data key wrapped by the key encryption key (Vault transit or the
-- local master key) is stored, never a plaintext key or value. V1 created credentials but nothing wrote to it, so
-- the columns that held the single encrypted value can go.

CREATE TABLE rotation_policies (
    id                        VARCHAR(100) PRIMARY KEY,
    name                      VARCHAR(100) NOT NULL UNIQUE,
    description               TEXT,
    rotation_interval_seconds BIGINT       NOT NULL CHECK (rotation_interval_seconds >= 60),
    grace_period_seconds      BIGINT       NOT NULL CHECK (grace_period_seconds >= 0),
    -- generator settings: api_key and token length, database_password length and character classes,
    -- symmetric_key size
    api_key_length            INTEGER      NOT NULL DEFAULT 64 CHECK (api_key_length BETWEEN 16 AND 512),
    password_length           INTEGER      NOT NULL DEFAULT 32 CHECK (password_length BETWEEN 12 AND 256),
    password_uppercase        BOOLEAN      NOT NULL DEFAULT true,
    password_lowercase        BOOLEAN      NOT NULL DEFAULT true,
    password_digits           BOOLEAN      NOT NULL DEFAULT true,
    password_symbols          BOOLEAN      NOT NULL DEFAULT true,
    key_length_bits           INTEGER      NOT NULL DEFAULT 256 CHECK (key_length_bits IN (128, 192, 256)),
    token_bytes               INTEGER      NOT NULL DEFAULT 32 CHECK (token_bytes BETWEEN 16 AND 256),
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    created_by                VARCHAR(100),
    updated_by                VARCHAR(100),
    CHECK (password_uppercase OR password_lowercase OR password_digits OR password_symbols)
);

ALTER TABLE credentials
    DROP COLUMN encrypted_value,
    DROP COLUMN encrypted_dek,
    DROP COLUMN encryption_metadata,
    -- a deleted credential keeps its row (metadata and audit stay); only live keys must be unique
    DROP CONSTRAINT credentials_credential_key_key,
    ADD COLUMN created_by       VARCHAR(100),
    ADD COLUMN updated_by       VARCHAR(100),
    ADD COLUMN next_rotation_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN deleted_at       TIMESTAMP WITH TIME ZONE,
    ADD COLUMN deleted_by       VARCHAR(100);

ALTER TABLE credentials
    ALTER COLUMN version SET NOT NULL,
    ALTER COLUMN is_active SET NOT NULL,
    ALTER COLUMN tags SET NOT NULL,
    ALTER COLUMN created_at SET NOT NULL,
    ALTER COLUMN updated_at SET NOT NULL,
    ALTER COLUMN audit_required SET NOT NULL,
    ALTER COLUMN approval_required SET NOT NULL,
    ADD CONSTRAINT credentials_version_positive CHECK (version > 0),
    ADD CONSTRAINT credentials_type_known CHECK (credential_type IN
        ('api_key', 'database_password', 'certificate', 'private_key', 'token', 'symmetric_key')),
    ADD CONSTRAINT credentials_sensitivity_known CHECK (sensitivity IN
        ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED', 'TOP_SECRET')),
    ADD CONSTRAINT credentials_deleted_inactive CHECK (deleted_at IS NULL OR NOT is_active),
    ADD CONSTRAINT fk_credentials_rotation_policy FOREIGN KEY (rotation_policy_id)
        REFERENCES rotation_policies (id) ON DELETE SET NULL;

CREATE UNIQUE INDEX uq_credentials_live_key ON credentials (credential_key) WHERE is_active;
CREATE INDEX idx_credentials_next_rotation ON credentials (next_rotation_at)
    WHERE is_active AND next_rotation_at IS NOT NULL;

-- One row per version of a credential's value. state: current (exactly one per live credential), previous (still
-- readable until grace_until), destroyed (ciphertext and wrapped data key erased: crypto-shredding).
-- The ciphertext's additional authenticated data binds credential id, version, service, environment and key, so a
-- row copied to another credential, version, service or environment no longer decrypts.
CREATE TABLE credential_versions (
    id            BIGSERIAL PRIMARY KEY,
    credential_id UUID         NOT NULL REFERENCES credentials (id),
    version       INTEGER      NOT NULL CHECK (version > 0),
    state         VARCHAR(20)  NOT NULL CHECK (state IN ('current', 'previous', 'destroyed')),
    ciphertext    BYTEA,
    nonce         BYTEA,
    wrapped_dek   TEXT,
    kek_id        VARCHAR(100) NOT NULL,
    kek_version   INTEGER      NOT NULL,
    algorithm     VARCHAR(50)  NOT NULL,
    rotation_id   VARCHAR(100),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    created_by    VARCHAR(100),
    grace_until   TIMESTAMP WITH TIME ZONE,
    destroyed_at  TIMESTAMP WITH TIME ZONE,
    UNIQUE (credential_id, version),
    CHECK ((state = 'destroyed') = (wrapped_dek IS NULL)),
    CHECK (state = 'destroyed' OR (ciphertext IS NOT NULL AND nonce IS NOT NULL)),
    CHECK (state <> 'previous' OR grace_until IS NOT NULL)
);

CREATE UNIQUE INDEX uq_credential_versions_current ON credential_versions (credential_id) WHERE state = 'current';
CREATE INDEX idx_credential_versions_grace ON credential_versions (grace_until) WHERE state = 'previous';
CREATE INDEX idx_credential_versions_kek ON credential_versions (kek_id, kek_version) WHERE wrapped_dek IS NOT NULL;

-- credential_access_log (V1) records every store, retrieve, rotate, delete and every failed or denied attempt:
-- user_id is the caller, service_id the credential's service, metadata the caller's own service and details such as
-- the version read or the rotation id. Never a value.
CREATE INDEX idx_credential_access_log_key ON credential_access_log (credential_key);

-- ShedLock's lock table (JDBC provider): scheduled rotation and version destruction run on one replica at a time.
CREATE TABLE shedlock (
    name       VARCHAR(64)  PRIMARY KEY,
    lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
