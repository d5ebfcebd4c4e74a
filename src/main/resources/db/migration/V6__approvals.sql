-- Change approvals: an environment with a policy holds every configuration write as a change request, applied once
-- the required number of approvers agreed (or an admin applied it in an emergency).

CREATE TABLE approval_policies (
    environment           VARCHAR(50) PRIMARY KEY REFERENCES environments (id) ON DELETE CASCADE,
    required_approvals    INTEGER     NOT NULL CHECK (required_approvals >= 1),
    expires_after_seconds BIGINT      NOT NULL CHECK (expires_after_seconds > 0),
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by            VARCHAR(100)
);

-- The spec's table, extended with the change itself. A configuration change (change_type CREATE … ROLLBACK) names
-- its service and base version and proposes the whole next document as canonical JSON; an OVERRIDES change names no
-- service, its base is the environment's updated_at, and it proposes the whole environment update request.
-- proposed_document is the text exactly as it was hashed (jsonb would reorder it); content_hash = SHA-256 over
-- service, environment, base and that text.
ALTER TABLE change_approvals
    ADD COLUMN service_id              VARCHAR(100),
    ADD COLUMN environment             VARCHAR(50)  NOT NULL,
    ADD COLUMN base_version            INTEGER,
    ADD COLUMN base_updated_at         TIMESTAMP WITH TIME ZONE,
    ADD COLUMN proposed_document       TEXT         NOT NULL,
    ADD COLUMN content_hash            VARCHAR(64)  NOT NULL,
    ADD COLUMN diff                    JSONB        NOT NULL DEFAULT '[]',
    ADD COLUMN change_reason           TEXT,
    ADD COLUMN rollback_source_version INTEGER,
    ADD COLUMN applied_version         INTEGER,
    ADD COLUMN completed_by            VARCHAR(100),
    ADD COLUMN emergency_reason        TEXT,
    ALTER COLUMN received_approvals SET NOT NULL,
    ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN requested_at SET NOT NULL,
    ALTER COLUMN expires_at SET NOT NULL,
    ADD CONSTRAINT change_approvals_status_check
        CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'CONFLICT', 'EMERGENCY_APPLIED')),
    ADD CONSTRAINT change_approvals_change_type_check
        CHECK (change_type IN ('CREATE', 'UPDATE', 'DELETE', 'BATCH', 'ROLLBACK', 'OVERRIDES')),
    ADD CONSTRAINT change_approvals_target_check
        CHECK ((change_type = 'OVERRIDES') = (service_id IS NULL AND base_updated_at IS NOT NULL));

CREATE INDEX idx_change_approvals_requested ON change_approvals (requested_at DESC, id DESC);
CREATE INDEX idx_change_approvals_service ON change_approvals (service_id, environment);
CREATE INDEX idx_change_approvals_pending ON change_approvals (expires_at) WHERE status = 'PENDING';

-- Each decision records the content hash it agreed to; one vote per approver.
ALTER TABLE approval_decisions
    ADD COLUMN content_hash VARCHAR(64) NOT NULL,
    ALTER COLUMN decided_at SET NOT NULL,
    ADD CONSTRAINT approval_decisions_decision_check CHECK (decision IN ('APPROVE', 'REJECT')),
    ADD CONSTRAINT approval_decisions_one_vote UNIQUE (approval_id, approver_id);

-- Several approvers are recorded on the version an approval applied.
ALTER TABLE configuration_history ALTER COLUMN approved_by TYPE TEXT;
