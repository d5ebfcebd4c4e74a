package io.configservice.audit;

import io.configservice.crypto.KeyIntegrityException;
import io.configservice.crypto.KeyUnavailableException;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.configservice.web.PageLimit;
import io.configservice.web.PagedResponse.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tamper-evident audit: records configuration, environment and schema changes inside the
 * changing transaction (so a change whose audit row cannot be written fails), serves both audit
 * tables with filters, and verifies their chains with the audit chain key.
 */
@Service
public class AuditService {

    /**
     * The service id of audit rows about an environment rather than one service's configuration.
     */
    public static final String ALL_SERVICES = "*";

    /** The environment of audit rows about a service in every environment (its schema). */
    public static final String ALL_ENVIRONMENTS = "*";

    private final AuditQueries queries;
    private final AuditVerifier verifier;
    private final AuditChainKey chainKey;

    public AuditService(AuditQueries queries, AuditVerifier verifier, AuditChainKey chainKey) {
        this.queries = queries;
        this.verifier = verifier;
        this.chainKey = chainKey;
    }

    /**
     * Records a change of an environment itself (definition, overrides, or a request about them)
     * under the service id {@value #ALL_SERVICES}, since it affects every service there. Must run
     * inside the change's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordEnvironmentChange(
            String environment,
            String operation,
            String actor,
            List<String> changedParts,
            @Nullable String reason,
            Instant occurredAt) {
        queries.insertConfigurationAudit(
                ALL_SERVICES, environment, 0, operation, actor, changedParts, reason, occurredAt);
    }

    /**
     * Records a new schema version of a service, which applies in every environment (environment
     * {@value #ALL_ENVIRONMENTS}, version = the schema version). Must run inside the change's
     * transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordSchemaChange(
            String serviceId, int schemaVersion, String actor, boolean forced, Instant occurredAt) {
        queries.insertConfigurationAudit(
                serviceId,
                ALL_ENVIRONMENTS,
                schemaVersion,
                "SCHEMA_PUT",
                actor,
                forced ? List.of("force=true") : List.of(),
                null,
                occurredAt);
    }

    /** Must run inside the transaction of the change it records. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordConfigurationChange(
            String serviceId,
            String environment,
            int version,
            String operation,
            String actor,
            List<String> changedKeys,
            @Nullable String reason,
            Instant occurredAt) {
        queries.insertConfigurationAudit(
                serviceId, environment, version, operation, actor, changedKeys, reason, occurredAt);
    }

    @Transactional(readOnly = true)
    public Page<ConfigurationAuditEntry> configurationEntries(
            Caller caller, AuditFilter filter, int limit, @Nullable String cursor) {
        requireAuditor(caller, limit);
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(decode(cursor));
            } catch (NumberFormatException e) {
                throw ApiException.invalidRequest("cursor is invalid");
            }
        }
        List<ConfigurationAuditEntry> rows =
                queries.configurationEntries(filter, before, limit + 1);
        List<ConfigurationAuditEntry> page = rows.stream().limit(limit).toList();
        String next =
                rows.size() > limit ? encode(Long.toString(page.get(page.size() - 1).id())) : null;
        return new Page<>(page, next);
    }

    @Transactional(readOnly = true)
    public Page<CredentialAuditEntry> credentialEntries(
            Caller caller, AuditFilter filter, int limit, @Nullable String cursor) {
        requireAuditor(caller, limit);
        AuditQueries.Cursor before = null;
        if (cursor != null) {
            String[] parts = decode(cursor).split("\\|", 2);
            try {
                before = new AuditQueries.Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw ApiException.invalidRequest("cursor is invalid");
            }
        }
        List<CredentialAuditEntry> rows = queries.credentialEntries(filter, before, limit + 1);
        List<CredentialAuditEntry> page = rows.stream().limit(limit).toList();
        CredentialAuditEntry last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next =
                rows.size() > limit && last != null && last.accessedAt() != null
                        ? encode(last.accessedAt() + "|" + last.id())
                        : null;
        return new Page<>(page, next);
    }

    /**
     * Verifies both chains with the chain key, on one snapshot of the database (repeatable read),
     * so rows sealed or pruned meanwhile cannot make an intact chain look broken.
     *
     * @throws ApiException {@code DEPENDENCY_UNAVAILABLE} when the chain key cannot be unwrapped
     *     now
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AuditVerification verify(Caller caller) {
        requireAuditor(caller, 1);
        ChainKey key;
        try {
            key = chainKey.current();
        } catch (KeyUnavailableException e) {
            throw new ApiException(
                    ErrorCode.DEPENDENCY_UNAVAILABLE,
                    "The audit chain key cannot be unwrapped: the key encryption service is unavailable; retry later");
        } catch (KeyIntegrityException e) {
            return AuditVerification.of(
                    Arrays.stream(AuditChain.values())
                            .map(
                                    chain ->
                                            new ChainVerification(
                                                    chain.chainName(),
                                                    false,
                                                    0,
                                                    null,
                                                    "the wrapped audit chain key failed authentication",
                                                    0,
                                                    0,
                                                    0))
                            .toList());
        }
        return AuditVerification.of(
                Arrays.stream(AuditChain.values())
                        .map(chain -> verifier.verify(chain, key))
                        .toList());
    }

    private static void requireAuditor(Caller caller, int limit) {
        caller.require(Role.AUDITOR, "read the audit");
        PageLimit.require(limit);
    }

    private static String encode(String value) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest("cursor is invalid");
        }
    }
}
