package io.configservice.audit;

/**
 * Retention will not prune the credential chain: its newest checkpoint or a row it would delete
 * does not verify with the audit chain key. Pruning would then hide the tampering, so the rows stay
 * for {@code GET /api/v1/audit/verify} to report.
 */
final class RetentionRefusedException extends RuntimeException {

    RetentionRefusedException(String message) {
        super(message);
    }
}
