package io.configservice.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeApprovalTests {

    private static final Instant REQUESTED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EXPIRES = REQUESTED.plusSeconds(3600);

    @Test
    void isCompleteOnlyOnceTheRequiredApprovalsAreCounted() {
        ChangeApproval approval = configurationChange(2);
        assertThat(approval.pending()).isTrue();
        approval.countApproval();
        assertThat(approval.approvalComplete()).isFalse();
        approval.countApproval();
        assertThat(approval.approvalComplete()).isTrue();
        assertThat(approval.receivedApprovals()).isEqualTo(2);
    }

    @Test
    void expiresAtItsExpiryInstant() {
        ChangeApproval approval = configurationChange(1);
        assertThat(approval.expiredAt(EXPIRES.minusMillis(1))).isFalse();
        assertThat(approval.expiredAt(EXPIRES)).isTrue();
    }

    @Test
    void completingEndsThePendingState() {
        ChangeApproval approval = configurationChange(1);
        approval.complete(ApprovalStatus.APPROVED, "carol", 5, EXPIRES);
        assertThat(approval.pending()).isFalse();
        assertThat(approval.appliedVersion()).isEqualTo(5);
        assertThat(approval.completedBy()).isEqualTo("carol");
    }

    @Test
    void tellsAnOverridesChangeFromAConfigurationChange() {
        ChangeApproval overrides =
                new ChangeApproval(
                        new ChangeRequestDraft(
                                ChangeApproval.OVERRIDES,
                                null,
                                "production",
                                null,
                                REQUESTED,
                                "{}",
                                "[]",
                                null,
                                null,
                                "token:admin",
                                terms(1),
                                REQUESTED,
                                ChangeHash.ofOverrides("production", REQUESTED, "{}"),
                                "[]"));
        assertThat(overrides.overrides()).isTrue();
        assertThat(ChangeHash.matches(overrides)).isTrue();
        assertThat(configurationChange(1).overrides()).isFalse();
    }

    private static ChangeApproval configurationChange(int requiredApprovals) {
        return new ChangeApproval(
                new ChangeRequestDraft(
                        "UPDATE",
                        "orders",
                        "production",
                        3,
                        null,
                        "{\"a\":1}",
                        "[]",
                        "why",
                        null,
                        "alice",
                        terms(requiredApprovals),
                        REQUESTED,
                        ChangeHash.ofConfiguration("orders", "production", 3, "{\"a\":1}"),
                        "[]"));
    }

    private static ApprovalTerms terms(int requiredApprovals) {
        return new ApprovalTerms(
                "production", requiredApprovals, Duration.between(REQUESTED, EXPIRES));
    }
}
