-- Retention per environment: keep the newest N versions and/or versions younger than D days (NULL: no limit).
ALTER TABLE environments
    ADD COLUMN retention_max_versions INTEGER CHECK (retention_max_versions > 0),
    ADD COLUMN retention_max_age_days INTEGER CHECK (retention_max_age_days > 0);

CREATE INDEX idx_service_configurations_environment ON service_configurations (environment);
