-- A change request names every environment whose effective configuration it alters (the written one first), each
-- with the effective revision it had when the change was requested; the change is applied only while none moved.
-- Requests made before this column existed affected their own environment only.
ALTER TABLE change_approvals ADD COLUMN affected_environments jsonb;
UPDATE change_approvals SET affected_environments = jsonb_build_array(jsonb_build_object('environment', environment));
ALTER TABLE change_approvals ALTER COLUMN affected_environments SET NOT NULL;
