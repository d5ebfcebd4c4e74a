package io.configservice.approval;

import io.configservice.configuration.ProposedChange;
import java.time.Instant;

/** Everything a new change request row is made of: the proposed change, its policy's terms and its hash. */
record ChangeRequestDraft(ProposedChange change, int requiredApprovals, Instant requestedAt, Instant expiresAt,
        String contentHash, String diffJson) {
}
