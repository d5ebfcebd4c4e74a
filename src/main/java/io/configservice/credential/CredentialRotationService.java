package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.credential.CredentialAuditTrail.Attempt;
import io.configservice.crypto.SealedValue;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates credentials, on request and on schedule, and destroys previous versions whose grace
 * period has ended. A rotation locks the credential row, seals the new value as the next version,
 * keeps the old one readable as {@code previous} until its grace period ends, and publishes {@link
 * CredentialRotated} in the same transaction.
 */
@Service
public class CredentialRotationService {

    private static final Logger log = LoggerFactory.getLogger(CredentialRotationService.class);

    private final CredentialService credentialService;
    private final CredentialRepository credentials;
    private final CredentialVersionRepository versions;
    private final RotationPolicyRepository policies;
    private final CredentialSealing sealing;
    private final CredentialAuditTrail audit;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final CredentialProperties properties;
    private final Clock clock;

    public CredentialRotationService(
            CredentialService credentialService,
            CredentialRepository credentials,
            CredentialVersionRepository versions,
            RotationPolicyRepository policies,
            CredentialSealing sealing,
            CredentialAuditTrail audit,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            CredentialProperties properties,
            Clock clock) {
        this.credentialService = credentialService;
        this.credentials = credentials;
        this.versions = versions;
        this.policies = policies;
        this.sealing = sealing;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Rotates a credential now: to the supplied value, or to one generated for its type by the
     * requested policy, else its own policy, else the default generator settings. A requested
     * policy becomes the credential's policy.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR} for a service token, {@code NOT_FOUND},
     *     {@code INVALID_REQUEST} (no value for a certificate or private key, unknown policy),
     *     {@code CONFLICT} while the previous version is inside its grace period and {@code force}
     *     is not set, {@code DEPENDENCY_UNAVAILABLE}
     */
    public RotationResult rotate(
            Caller caller, String key, RotateCredentialRequest request, RequestOrigin origin) {
        Attempt attempt = audit.begin(CredentialOperation.ROTATE, caller, origin, key);
        String rotationId = rotationId();
        attempt.detail("rotationId", rotationId);
        try {
            caller.require(Role.OPERATOR, "rotate credentials");
            Credential found = credentialService.live(key);
            attempt.about(found);
            String policyId =
                    request.rotationPolicyId() != null
                            ? request.rotationPolicyId()
                            : found.rotationPolicyId();
            RotationPolicy policy = policyId == null ? null : credentialService.policy(policyId);
            if (request.rotationPolicyId() != null && !found.type().generated()) {
                throw ApiException.invalidRequest(
                        "A "
                                + found.type().wire()
                                + " cannot be rotated on a schedule: "
                                + "its new value must be sent with each rotation");
            }
            if (request.expiresAt() != null
                    && !request.expiresAt().isAfter(StoredTime.now(clock))) {
                throw ApiException.invalidRequest("expiresAt must be in the future");
            }
            String value = request.value();
            if (value != null) {
                credentialService.requireValueLength(value);
            } else {
                value =
                        ValueGenerator.generate(
                                found.type(),
                                policy == null ? GeneratorSettings.DEFAULTS : policy.generator());
            }
            Rotation rotation =
                    new Rotation(
                            rotationId,
                            value,
                            policy,
                            request.forced(),
                            request.expiresAt(),
                            caller.actor(),
                            false);
            RotationResult result =
                    Objects.requireNonNull(
                            transactions.execute(
                                    status -> rotateLocked(found.id(), found.key(), rotation)));
            audit.granted(attempt.detail("version", found.version() + 1));
            return result;
        } catch (RuntimeException e) {
            audit.failed(attempt, e);
            throw e;
        }
    }

    /**
     * One pass of scheduled work: rotates credentials whose policy says they are due (a batch at a
     * time, stopping when the key encryption key is down), then destroys previous versions whose
     * grace period has ended. Run it on one replica at a time (see {@code
     * CredentialMaintenanceJob}).
     */
    public MaintenanceSummary maintain() {
        int rotated = 0;
        int failed = 0;
        boolean more = true;
        while (more) {
            List<UUID> due =
                    credentials.findDueForRotation(
                            StoredTime.now(clock), Limit.of(properties.batchSize()));
            more = due.size() == properties.batchSize();
            for (UUID id : due) {
                try {
                    if (rotateScheduled(id)) {
                        rotated++;
                    }
                } catch (ApiException e) {
                    failed++;
                    more = false;
                    if (e.code() == ErrorCode.DEPENDENCY_UNAVAILABLE) {
                        log.warn("Scheduled credential rotation paused: {}", e.getMessage());
                        break;
                    }
                    log.error("Scheduled rotation of credential {} failed: {}", id, e.getMessage());
                } catch (RuntimeException e) {
                    failed++;
                    more = false;
                    log.error("Scheduled rotation of credential {} failed", id, e);
                }
            }
        }
        return new MaintenanceSummary(rotated, failed, destroyExpiredVersions());
    }

    /**
     * Crypto-shreds previous versions whose grace period has ended, each exactly once (and audited
     * once) even when two callers run at once; answers how many this call destroyed.
     */
    public int destroyExpiredVersions() {
        int destroyed = 0;
        List<CredentialVersion> expired;
        do {
            Instant now = StoredTime.now(clock);
            expired =
                    versions.findByStateAndGraceUntilLessThanEqualOrderById(
                            VersionState.PREVIOUS.column(), now, Limit.of(properties.batchSize()));
            for (CredentialVersion candidate : expired) {
                Optional<String> erased =
                        Objects.requireNonNull(
                                transactions.execute(
                                        status ->
                                                versions.findLockedById(candidate.id())
                                                        .filter(
                                                                v ->
                                                                        v.state()
                                                                                == VersionState
                                                                                        .PREVIOUS)
                                                        .map(
                                                                version -> {
                                                                    String wrapped =
                                                                            Objects.requireNonNull(
                                                                                    version
                                                                                            .wrappedDek());
                                                                    version.destroy(now);
                                                                    return wrapped;
                                                                })));
                if (erased.isPresent()) {
                    sealing.forget(erased.get());
                    destroyed++;
                    credentials
                            .findById(candidate.credentialId())
                            .ifPresent(
                                    credential ->
                                            audit.granted(
                                                    audit.beginScheduled(
                                                                    CredentialOperation
                                                                            .DESTROY_VERSION,
                                                                    credential.key())
                                                            .about(credential)
                                                            .detail(
                                                                    "version",
                                                                    candidate.version())));
                }
            }
        } while (expired.size() == properties.batchSize());
        return destroyed;
    }

    /**
     * A scheduled rotation; answers false when the credential turned out not to be due any more.
     */
    private boolean rotateScheduled(UUID id) {
        Optional<Credential> found = credentials.findById(id).filter(Credential::active);
        if (found.isEmpty() || found.get().rotationPolicyId() == null) {
            return false;
        }
        Credential credential = found.get();
        String rotationId = rotationId();
        Attempt attempt =
                audit.beginScheduled(CredentialOperation.ROTATE, credential.key())
                        .about(credential)
                        .detail("rotationId", rotationId);
        try {
            RotationPolicy policy =
                    credentialService.policy(Objects.requireNonNull(credential.rotationPolicyId()));
            Rotation rotation =
                    new Rotation(
                            rotationId,
                            ValueGenerator.generate(credential.type(), policy.generator()),
                            policy,
                            true,
                            null,
                            CredentialAuditTrail.SCHEDULER,
                            true);
            RotationResult result =
                    transactions.execute(status -> rotateLocked(id, credential.key(), rotation));
            if (result == null) {
                return false;
            }
            audit.granted(attempt.detail("version", credential.version() + 1));
            return true;
        } catch (RuntimeException e) {
            audit.failed(attempt, e);
            throw e;
        }
    }

    /**
     * Runs inside a transaction; answers null when a scheduled rotation finds the credential not
     * due.
     */
    private @Nullable RotationResult rotateLocked(UUID id, String key, Rotation rotation) {
        Credential credential =
                credentials
                        .lockById(id)
                        .filter(Credential::active)
                        .orElseThrow(() -> CredentialService.notFound(key));
        Instant now = StoredTime.now(clock);
        Instant due = credential.nextRotationAt();
        if (rotation.scheduled() && (due == null || due.isAfter(now))) {
            return null;
        }
        if (!rotation.force()) {
            Optional<CredentialVersion> inGrace =
                    versions.findFirstByCredentialIdAndStateAndGraceUntilAfterOrderByVersionDesc(
                            id, VersionState.PREVIOUS.column(), now);
            if (inGrace.isPresent()) {
                Instant until = Objects.requireNonNull(inGrace.get().graceUntil());
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "The previous version of credential '"
                                + key
                                + "' is "
                                + "still inside its grace period; send force=true to rotate again",
                        Map.of("graceUntil", until.toString()));
            }
        }
        CredentialVersion current =
                versions.findByCredentialIdAndState(id, VersionState.CURRENT.column())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Credential " + id + " has no current version"));
        int next = credential.version() + 1;
        SealedValue sealed =
                sealing.seal(
                        id,
                        next,
                        credential.serviceId(),
                        credential.environment(),
                        key,
                        rotation.value());
        Duration grace =
                rotation.policy() != null
                        ? rotation.policy().gracePeriod()
                        : properties.defaultGracePeriod();
        current.superseded(now.plus(grace));
        versions.saveAndFlush(current);
        versions.save(
                new CredentialVersion(id, next, sealed, rotation.id(), rotation.actor(), now));
        credential.rotated(
                next,
                now,
                rotation.actor(),
                rotation.policy(),
                sealed.keyId(),
                sealed.algorithm(),
                rotation.expiresAt());
        events.publishEvent(
                new CredentialRotated(
                        key,
                        credential.serviceId(),
                        credential.environment(),
                        rotation.id(),
                        now,
                        next));
        return new RotationResult(rotation.id(), true, now, credential.nextRotationAt());
    }

    private static String rotationId() {
        return "rot_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** What one rotation is to do; the value stays in memory only. */
    private record Rotation(
            String id,
            String value,
            @Nullable RotationPolicy policy,
            boolean force,
            @Nullable Instant expiresAt,
            String actor,
            boolean scheduled) {

        @Override
        public String toString() {
            return "Rotation[" + id + "]";
        }
    }
}
