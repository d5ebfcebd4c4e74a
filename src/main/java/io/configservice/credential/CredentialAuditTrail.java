package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.security.Caller;
import io.configservice.security.TokenAuditTrail;
import io.configservice.security.TokenMetadata;
import io.configservice.web.ApiException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Writes the audit trail of credential operations: one row per attempt, granted or not, with the
 * caller, where the request came from, how long it took and why it failed. Values never reach it:
 * failure reasons are error codes and messages that name resources only. Service tokens are
 * credentials too: their issue and revocation are recorded here (token id, service and scopes;
 * never the token or its hash), as are rotation policy changes.
 */
@Service
public class CredentialAuditTrail implements TokenAuditTrail {

    static final String SCHEDULER = "system:scheduler";
    private static final Logger log = LoggerFactory.getLogger(CredentialAuditTrail.class);

    private final CredentialAccessLog accessLog;
    private final Clock clock;

    public CredentialAuditTrail(CredentialAccessLog accessLog, Clock clock) {
        this.accessLog = accessLog;
        this.clock = clock;
    }

    Attempt begin(
            CredentialOperation operation,
            Caller caller,
            RequestOrigin origin,
            @Nullable String key) {
        return new Attempt(
                operation, caller.actor(), caller.serviceId(), origin, key, grantedBy(caller));
    }

    private static String grantedBy(Caller caller) {
        if (caller.admin()) {
            return "admin";
        }
        return caller.operatorOrAdmin() ? "role" : "own service";
    }

    @Override
    public void issued(
            Caller admin,
            TokenMetadata token,
            @Nullable String ipAddress,
            @Nullable String userAgent) {
        Attempt attempt =
                token(CredentialOperation.TOKEN_ISSUE, admin, token, ipAddress, userAgent)
                        .detail("scopes", List.copyOf(token.scopes()));
        if (token.expiresAt() != null) {
            attempt.detail("expiresAt", token.expiresAt().toString());
        }
        granted(attempt);
    }

    @Override
    public void revoked(
            Caller admin,
            TokenMetadata token,
            @Nullable String ipAddress,
            @Nullable String userAgent) {
        granted(token(CredentialOperation.TOKEN_REVOKE, admin, token, ipAddress, userAgent));
    }

    private Attempt token(
            CredentialOperation operation,
            Caller admin,
            TokenMetadata token,
            @Nullable String ipAddress,
            @Nullable String userAgent) {
        Attempt attempt =
                begin(operation, admin, new RequestOrigin(ipAddress, userAgent), null)
                        .detail("tokenId", token.id());
        if (token.serviceId() != null) {
            attempt.service(token.serviceId());
        }
        return attempt;
    }

    Attempt beginScheduled(CredentialOperation operation, @Nullable String key) {
        return new Attempt(
                operation, SCHEDULER, null, new RequestOrigin(null, null), key, "scheduled");
    }

    void granted(Attempt attempt) {
        write(attempt, true, attempt.grantedBy, null);
    }

    /**
     * Records a refusal the caller is not told about (another service's credential answers 404 like
     * a missing one).
     */
    void denied(Attempt attempt, String reason) {
        write(attempt, false, null, "DENIED: " + reason);
    }

    /**
     * Records a failure unless the attempt is on record already; never throws over the original
     * failure.
     */
    void failed(Attempt attempt, RuntimeException failure) {
        if (attempt.recorded) {
            return;
        }
        String reason =
                failure instanceof ApiException api
                        ? api.code().name() + ": " + api.getMessage()
                        : "INTERNAL_ERROR";
        try {
            write(attempt, false, null, reason);
        } catch (RuntimeException e) {
            log.error(
                    "Could not record a failed {} of credential '{}' in the audit log",
                    attempt.operation,
                    attempt.key,
                    e);
            failure.addSuppressed(e);
        }
    }

    private void write(
            Attempt attempt,
            boolean granted,
            @Nullable String accessReason,
            @Nullable String failureReason) {
        attempt.recorded = true;
        Map<String, Object> metadata = new LinkedHashMap<>(attempt.details);
        if (attempt.callerServiceId != null) {
            metadata.put("callerServiceId", attempt.callerServiceId);
        }
        accessLog.insert(
                new CredentialAccess(
                        attempt.credentialId,
                        attempt.key,
                        attempt.operation,
                        attempt.actor,
                        attempt.serviceId,
                        attempt.origin.ipAddress(),
                        attempt.origin.userAgent(),
                        granted,
                        accessReason,
                        failureReason,
                        clock.instant(),
                        (System.nanoTime() - attempt.startNanos) / 1_000_000,
                        metadata));
    }

    /**
     * One credential operation in progress: what it is about so far, filled in as the operation
     * learns more.
     */
    static final class Attempt {

        private final CredentialOperation operation;
        private final String actor;
        private final @Nullable String callerServiceId;
        private final RequestOrigin origin;
        private final String grantedBy;
        private final long startNanos = System.nanoTime();
        private final Map<String, Object> details = new LinkedHashMap<>();
        private @Nullable String key;
        private @Nullable UUID credentialId;
        private @Nullable String serviceId;
        private boolean recorded;

        private Attempt(
                CredentialOperation operation,
                String actor,
                @Nullable String callerServiceId,
                RequestOrigin origin,
                @Nullable String key,
                String grantedBy) {
            this.operation = operation;
            this.actor = actor;
            this.callerServiceId = callerServiceId;
            this.origin = origin;
            this.key = key;
            this.grantedBy = grantedBy;
        }

        Attempt about(CredentialIdentity credential) {
            this.credentialId = credential.id();
            this.key = credential.key();
            this.serviceId = credential.serviceId();
            detail("environment", credential.environment());
            return this;
        }

        Attempt service(String serviceId) {
            this.serviceId = serviceId;
            return this;
        }

        Attempt detail(String name, Object value) {
            details.put(name, value);
            return this;
        }
    }
}
