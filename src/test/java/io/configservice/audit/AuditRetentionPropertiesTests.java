package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A retention is 0 (keep forever) or at least a day, and changes are never pruned before the reads
 * around them.
 */
class AuditRetentionPropertiesTests {

    private static final Duration DAYS_90 = Duration.ofDays(90);

    @Test
    void acceptsDaysAndZero() {
        AuditRetentionProperties properties = retention(DAYS_90, Duration.ZERO, Duration.ZERO);

        assertThat(AuditRetentionProperties.keepsForever(properties.credentialAccess())).isTrue();
        assertThat(AuditRetentionProperties.keepsForever(properties.configurationAccess()))
                .isFalse();
        assertThat(retention(DAYS_90, DAYS_90, Duration.ofDays(365)).credentialChanges())
                .hasDays(365);
    }

    @Test
    void refusesLessThanADayAndNegativeRetentions() {
        assertThatThrownBy(() -> retention(Duration.ofHours(23), DAYS_90, Duration.ZERO))
                .hasMessageContaining(
                        "configuration-access must be 0 (keep forever) or at least 1 day");
        assertThatThrownBy(() -> retention(DAYS_90, Duration.ofDays(-1), Duration.ZERO))
                .hasMessageContaining("credential-access");
    }

    @Test
    void refusesChangesPrunedBeforeTheReadsAroundThem() {
        assertThatThrownBy(() -> retention(DAYS_90, DAYS_90, Duration.ofDays(30)))
                .hasMessageContaining(
                        "credential-changes must be 0 (keep forever) or at least credential-access");
        assertThatThrownBy(() -> retention(DAYS_90, Duration.ZERO, Duration.ofDays(30)))
                .hasMessageContaining("credential-changes");
    }

    private static AuditRetentionProperties retention(
            Duration configuration, Duration credential, Duration changes) {
        return new AuditRetentionProperties(
                configuration,
                credential,
                changes,
                Duration.ofHours(1),
                Duration.ofMinutes(5),
                1000);
    }
}
