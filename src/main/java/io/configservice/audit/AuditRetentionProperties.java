package io.configservice.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Retention of the access logs ({@code configservice.audit.retention}). A bare number is days
 * ({@code 90} = 90 days); {@code 0} keeps that log's rows forever. A retention other than 0 must be
 * at least one day, so a unit left off or mistyped cannot delete the logs of the last hours.
 *
 * @param configurationAccess how long configuration reads ({@code configuration_access_log}) are
 *     kept
 * @param credentialAccess how long credential reads ({@code RETRIEVE}, {@code LIST_VERSIONS},
 *     granted or denied) are kept; the credential chain is pruned from its start up to the first
 *     row younger than this
 * @param credentialChanges how long the other rows of {@code credential_access_log} are kept:
 *     credential changes and admin actions (tokens, rotation policies, key encryption key); 0 (the
 *     default) keeps them forever, like the configuration audit; otherwise at least {@code
 *     credentialAccess}, since only rows of a pruned prefix are pruned
 * @param interval how often retention runs
 * @param initialDelay how long after the start retention runs first
 * @param batchSize rows deleted per transaction, so no batch holds locks or a transaction for long
 */
@Validated
@ConfigurationProperties("configservice.audit.retention")
public record AuditRetentionProperties(
        @DefaultValue("90") @DurationUnit(ChronoUnit.DAYS) Duration configurationAccess,
        @DefaultValue("90") @DurationUnit(ChronoUnit.DAYS) Duration credentialAccess,
        @DefaultValue("0") @DurationUnit(ChronoUnit.DAYS) Duration credentialChanges,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration interval,
        @DefaultValue("5m") @DurationMin(nanos = 0) Duration initialDelay,
        @DefaultValue("1000") @Min(1) @Max(10_000) int batchSize) {

    private static final Duration KEEP_FOREVER = Duration.ZERO;
    private static final Duration SHORTEST = Duration.ofDays(1);

    public AuditRetentionProperties {
        requireValid("configuration-access", configurationAccess);
        requireValid("credential-access", credentialAccess);
        requireValid("credential-changes", credentialChanges);
        if (!credentialChanges.equals(KEEP_FOREVER)
                && (credentialAccess.equals(KEEP_FOREVER)
                        || credentialChanges.compareTo(credentialAccess) < 0)) {
            throw new IllegalArgumentException(
                    "configservice.audit.retention.credential-changes must be 0 (keep "
                            + "forever) or at least credential-access ("
                            + credentialAccess.toDays()
                            + " days, 0 = forever)");
        }
    }

    private static void requireValid(String name, Duration retention) {
        if (!retention.equals(KEEP_FOREVER) && retention.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException(
                    "configservice.audit.retention."
                            + name
                            + " must be 0 (keep forever) "
                            + "or at least 1 day, not "
                            + retention);
        }
    }

    static boolean keepsForever(Duration retention) {
        return retention.equals(KEEP_FOREVER);
    }
}
