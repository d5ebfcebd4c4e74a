-- Baseline schema: the spec's tables (section 2.1) plus what the design needs.
-- The spec's row-level-security policies name a role that does not exist; per-service isolation is
-- enforced in the service layer instead, so RLS is not enabled here.

CREATE TABLE environments (
    id                      VARCHAR(50) PRIMARY KEY,
    name                    VARCHAR(100) NOT NULL,
    type                    VARCHAR(20)  NOT NULL CHECK (type IN ('development', 'testing', 'staging', 'production')),
    inherits_from           TEXT[] NOT NULL DEFAULT '{}',
    properties              JSONB  NOT NULL DEFAULT '{}',
    configuration_overrides JSONB  NOT NULL DEFAULT '{}',
    infrastructure_config   JSONB  NOT NULL DEFAULT '{}',
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    created_by              VARCHAR(100),
    is_active               BOOLEAN NOT NULL DEFAULT true
);

INSERT INTO environments (id, name, type, created_by) VALUES
    ('development', 'Development', 'development', 'system'),
    ('testing',     'Testing',     'testing',     'system'),
    ('staging',     'Staging',     'staging',     'system'),
    ('production',  'Production',  'production',  'system');

-- One immutable row per configuration version; the current one is the newest active version.
CREATE TABLE service_configurations (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id         VARCHAR(100) NOT NULL,
    environment        VARCHAR(50)  NOT NULL REFERENCES environments (id),
    configuration_data JSONB        NOT NULL,
    schema_version     VARCHAR(20)  NOT NULL DEFAULT '1.0.0',
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    created_by         VARCHAR(100),
    updated_by         VARCHAR(100),
    version            INTEGER      NOT NULL DEFAULT 1 CHECK (version > 0),
    is_active          BOOLEAN      NOT NULL DEFAULT true,
    checksum           VARCHAR(64)  NOT NULL,
    UNIQUE (service_id, environment, version)
);

CREATE TABLE configuration_history (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id         VARCHAR(100) NOT NULL,
    environment        VARCHAR(50)  NOT NULL,
    version            INTEGER      NOT NULL,
    configuration_data JSONB        NOT NULL,
    change_type        VARCHAR(20)  NOT NULL CHECK (change_type IN ('CREATE', 'UPDATE', 'DELETE', 'BATCH', 'ROLLBACK')),
    changed_keys       TEXT[]       NOT NULL DEFAULT '{}',
    changes            JSONB        NOT NULL DEFAULT '[]',
    change_reason      TEXT,
    changed_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    changed_by         VARCHAR(100),
    approved_by        VARCHAR(100),
    approval_id        UUID,
    rollback_id        UUID,
    rollback_source_version INTEGER,
    UNIQUE (service_id, environment, version),
    FOREIGN KEY (service_id, environment, version)
        REFERENCES service_configurations (service_id, environment, version)
);

-- Every configuration read (who, from where); written in batches off the request path.
CREATE TABLE configuration_access_log (
    id          BIGSERIAL PRIMARY KEY,
    service_id  VARCHAR(100) NOT NULL,
    environment VARCHAR(50)  NOT NULL,
    version     INTEGER,
    key_path    TEXT,
    actor       VARCHAR(100),
    ip_address  INET,
    user_agent  TEXT,
    cached      BOOLEAN      NOT NULL,
    accessed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE credentials (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    credential_key       VARCHAR(200) NOT NULL UNIQUE,
    service_id           VARCHAR(100) NOT NULL,
    environment          VARCHAR(50)  NOT NULL,
    credential_type      VARCHAR(50)  NOT NULL,
    description          TEXT,
    sensitivity          VARCHAR(20)  NOT NULL,
    encrypted_value      TEXT         NOT NULL,
    encrypted_dek        TEXT         NOT NULL,
    master_key_id        VARCHAR(100) NOT NULL,
    encryption_algorithm VARCHAR(50)  NOT NULL,
    encryption_metadata  JSONB,
    tags                 JSONB DEFAULT '{}',
    compliance_labels    TEXT[],
    created_at           TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at           TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    expires_at           TIMESTAMP WITH TIME ZONE,
    rotated_at           TIMESTAMP WITH TIME ZONE,
    rotation_policy_id   VARCHAR(100),
    version              INTEGER DEFAULT 1,
    is_active            BOOLEAN DEFAULT true,
    audit_required       BOOLEAN DEFAULT true,
    approval_required    BOOLEAN DEFAULT false
);

CREATE TABLE credential_access_log (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    credential_id  UUID REFERENCES credentials (id),
    credential_key VARCHAR(200),
    operation      VARCHAR(20) NOT NULL,
    user_id        VARCHAR(100),
    service_id     VARCHAR(100),
    ip_address     INET,
    user_agent     TEXT,
    access_granted BOOLEAN NOT NULL,
    access_reason  TEXT,
    failure_reason TEXT,
    accessed_at    TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    duration_ms    INTEGER,
    metadata       JSONB DEFAULT '{}'
);

CREATE TABLE configuration_schemas (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id        VARCHAR(100) NOT NULL,
    schema_version    VARCHAR(20)  NOT NULL,
    schema_definition JSONB        NOT NULL,
    description       TEXT,
    created_at        TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    created_by        VARCHAR(100),
    is_active         BOOLEAN DEFAULT true,
    UNIQUE (service_id, schema_version)
);

CREATE TABLE change_approvals (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    change_request_id  UUID        NOT NULL,
    change_type        VARCHAR(50) NOT NULL,
    required_approvals INTEGER     NOT NULL DEFAULT 1,
    received_approvals INTEGER DEFAULT 0,
    status             VARCHAR(20) DEFAULT 'PENDING',
    policy_id          VARCHAR(100),
    approval_rules     JSONB,
    requested_at       TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    expires_at         TIMESTAMP WITH TIME ZONE,
    completed_at       TIMESTAMP WITH TIME ZONE,
    requested_by       VARCHAR(100) NOT NULL,
    reason             TEXT
);

CREATE TABLE approval_decisions (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    approval_id     UUID         NOT NULL REFERENCES change_approvals (id),
    approver_id     VARCHAR(100) NOT NULL,
    approver_role   VARCHAR(100),
    decision        VARCHAR(20)  NOT NULL,
    decision_reason TEXT,
    decided_at      TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    comments        TEXT,
    metadata        JSONB DEFAULT '{}'
);

-- Service tokens: only the SHA-256 of each token is stored. The id is the token's public prefix.
CREATE TABLE service_tokens (
    id           VARCHAR(32) PRIMARY KEY,
    token_hash   VARCHAR(64)  NOT NULL,
    service_id   VARCHAR(100),
    admin        BOOLEAN      NOT NULL DEFAULT false,
    description  TEXT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    created_by   VARCHAR(100),
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CHECK (admin OR service_id IS NOT NULL)
);

-- Transactional outbox: an event row commits with the change that caused it; a relay publishes it.
CREATE TABLE event_outbox (
    id           BIGSERIAL PRIMARY KEY,
    destination  VARCHAR(300) NOT NULL,
    event_type   VARCHAR(50)  NOT NULL,
    payload      JSONB        NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    published_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX idx_service_configurations_service_env ON service_configurations (service_id, environment);
CREATE INDEX idx_service_configurations_updated ON service_configurations (updated_at);
CREATE INDEX idx_configuration_history_service ON configuration_history (service_id, environment);
CREATE INDEX idx_configuration_history_changed_at ON configuration_history (changed_at);
CREATE INDEX idx_configuration_access_log_service ON configuration_access_log (service_id, environment);
CREATE INDEX idx_configuration_access_log_accessed_at ON configuration_access_log (accessed_at);
CREATE INDEX idx_credentials_service_env ON credentials (service_id, environment);
CREATE INDEX idx_credentials_type ON credentials (credential_type);
CREATE INDEX idx_credentials_expires_at ON credentials (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX idx_credential_access_log_credential ON credential_access_log (credential_id);
CREATE INDEX idx_credential_access_log_accessed_at ON credential_access_log (accessed_at);
CREATE INDEX idx_credential_access_log_user ON credential_access_log (user_id);
CREATE INDEX idx_service_tokens_service ON service_tokens (service_id);
CREATE INDEX idx_event_outbox_unpublished ON event_outbox (id) WHERE published_at IS NULL;

CREATE INDEX idx_service_configurations_data_gin ON service_configurations USING GIN (configuration_data);
CREATE INDEX idx_credentials_tags_gin ON credentials USING GIN (tags);
CREATE INDEX idx_environments_properties_gin ON environments USING GIN (properties);

CREATE OR REPLACE FUNCTION update_configuration_timestamp()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER update_service_configurations_timestamp
    BEFORE UPDATE ON service_configurations
    FOR EACH ROW
    EXECUTE FUNCTION update_configuration_timestamp();

CREATE TRIGGER update_credentials_timestamp
    BEFORE UPDATE ON credentials
    FOR EACH ROW
    EXECUTE FUNCTION update_configuration_timestamp();

CREATE TRIGGER update_environments_timestamp
    BEFORE UPDATE ON environments
    FOR EACH ROW
    EXECUTE FUNCTION update_configuration_timestamp();
