-- Copies the template service (bench/scale/template.mjs wrote it through the API) to services scale-00001 ...
-- scale-<:clones>: every row the service wrote for the template's configurations, with the service id replaced:
-- versions, history, the configuration audit rows (unsealed: the running service seals them into its chain),
-- effective rows and their change log. Checksums are SHA-256 of the copy's canonical text (canonical.tsv holds the
-- template's, and the service id only occurs in values, so the replaced text stays canonical).
-- psql -v tmpl=scale-tmpl -v clones=24999 -f clone.sql, after bench/scale/run.sh loaded canonical.tsv into
-- scale_seed_canonical (dropped here).
\set ON_ERROR_STOP on
BEGIN;
ALTER TABLE scale_seed_canonical RENAME TO seed_canonical;
CREATE TEMP TABLE clones ON COMMIT DROP AS
    SELECT 'scale-' || lpad(i::text, 5, '0') AS service_id FROM generate_series(1, :clones) AS i;

INSERT INTO service_configurations (id, service_id, environment, configuration_data, schema_version, created_at,
        updated_at, created_by, updated_by, version, is_active, checksum)
    SELECT gen_random_uuid(), c.service_id, t.environment, replace(s.canonical, :'tmpl', c.service_id)::jsonb,
        t.schema_version, t.created_at, t.updated_at, t.created_by, t.updated_by, t.version, t.is_active,
        encode(sha256(convert_to(replace(s.canonical, :'tmpl', c.service_id), 'UTF8')), 'hex')
    FROM service_configurations t JOIN seed_canonical s USING (environment, version) CROSS JOIN clones c
    WHERE t.service_id = :'tmpl' ORDER BY c.service_id, t.environment, t.version;

INSERT INTO configuration_history (id, service_id, environment, version, configuration_data, change_type,
        changed_keys, changes, change_reason, changed_at, changed_by)
    SELECT gen_random_uuid(), c.service_id, h.environment, h.version, replace(s.canonical, :'tmpl', c.service_id)::jsonb,
        h.change_type, h.changed_keys, replace(h.changes::text, :'tmpl', c.service_id)::jsonb, h.change_reason,
        h.changed_at, h.changed_by
    FROM configuration_history h JOIN seed_canonical s USING (environment, version) CROSS JOIN clones c
    WHERE h.service_id = :'tmpl' ORDER BY c.service_id, h.environment, h.version;

INSERT INTO configuration_audit (service_id, environment, version, operation, actor, changed_keys, reason, occurred_at)
    SELECT c.service_id, a.environment, a.version, a.operation, a.actor, a.changed_keys, a.reason, a.occurred_at
    FROM configuration_audit a CROSS JOIN clones c
    WHERE a.service_id = :'tmpl' AND a.operation IN ('CREATE', 'UPDATE') ORDER BY c.service_id, a.id;

INSERT INTO effective_configurations (service_id, environment, revision, generation, configuration_data, checksum,
        layers, updated_at)
    SELECT c.service_id, e.environment, e.revision, e.generation, replace(e.configuration_data, :'tmpl', c.service_id),
        encode(sha256(convert_to(replace(e.configuration_data, :'tmpl', c.service_id), 'UTF8')), 'hex'), e.layers,
        e.updated_at
    FROM effective_configurations e CROSS JOIN clones c WHERE e.service_id = :'tmpl';

INSERT INTO effective_configuration_changes (service_id, environment, revision, changes, cause, created_at)
    SELECT c.service_id, l.environment, l.revision, replace(l.changes::text, :'tmpl', c.service_id)::jsonb, l.cause,
        l.created_at
    FROM effective_configuration_changes l CROSS JOIN clones c WHERE l.service_id = :'tmpl';
DROP TABLE seed_canonical;
COMMIT;
ANALYZE;
