-- The foreign key of configuration_history checks (service_id, environment, version) in service_configurations
-- with a plan each connection prepares once. Prepared while the table had no statistics, that plan used the
-- single-column environment index and filtered every version of the environment, so each write grew slower with
-- the number of versions. Every index left here leads to the one row: the unique (service_id, environment, version)
-- and an environment-first one for queries by environment alone; (service_id, environment) was a prefix of the
-- unique index, so it goes too.
CREATE INDEX idx_service_configurations_environment_service_version
    ON service_configurations (environment, service_id, version);
DROP INDEX idx_service_configurations_environment;
DROP INDEX idx_service_configurations_service_env;
