-- The effective configuration of each (service, environment): parents, then the service's own document, then the
-- environment's overrides, maintained in the transaction of every change that can alter it. revision counts content
-- changes (+1 exactly when the checksum changes); generation counts every change of the row (layers included) and
-- orders cache entries. configuration_data is NULL when no layer holds a document of the service (read: 404), e.g.
-- after its environment was deleted: the row stays, so a re-created environment continues the revision.
-- Rows of pairs that existed before this migration are created on first use (write or read), under the service's lock.
CREATE TABLE effective_configurations (
    service_id         VARCHAR(100) NOT NULL,
    environment        VARCHAR(50)  NOT NULL,
    revision           BIGINT       NOT NULL CHECK (revision > 0),
    generation         BIGINT       NOT NULL CHECK (generation > 0),
    configuration_data TEXT,
    checksum           VARCHAR(64),
    layers             JSONB        NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service_id, environment)
);

-- One row per effective revision: the effective diff and which layer of which environment caused it. The last
-- configservice.effective.change-log-size rows per (service, environment) are kept.
CREATE TABLE effective_configuration_changes (
    service_id  VARCHAR(100) NOT NULL,
    environment VARCHAR(50)  NOT NULL,
    revision    BIGINT       NOT NULL,
    changes     JSONB        NOT NULL,
    cause       JSONB        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service_id, environment, revision)
);
