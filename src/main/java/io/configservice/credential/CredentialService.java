package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.credential.CredentialAuditTrail.Attempt;
import io.configservice.crypto.SealedValue;
import io.configservice.environment.EnvironmentService;
import io.configservice.identifiers.Identifiers;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.configservice.web.PageLimit;
import io.configservice.web.PagedResponse.Page;
import jakarta.persistence.criteria.Predicate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores, reads, lists and deletes credentials (spec section 1.3). Values are sealed before any row
 * is written and opened outside any transaction, so a key encryption key that is down leaves no
 * half-written row and holds no database connection. A service token sees only its own service's
 * credentials: another service's key answers 404 exactly like a missing one and is audited as
 * denied. Storing and deleting need the admin token.
 */
@Service
public class CredentialService {

    private static final int MAX_EXPIRY_DAYS = 36_500;
    private static final TypeReference<Map<String, Object>> TAGS = new TypeReference<>() {};

    private final CredentialRepository credentials;
    private final CurrentCredentialQuery currentCredentials;
    private final CredentialVersionRepository versions;
    private final RotationPolicyRepository policies;
    private final EnvironmentService environments;
    private final CredentialSealing sealing;
    private final CredentialAuditTrail audit;
    private final TransactionTemplate transactions;
    private final CredentialProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    public CredentialService(
            CredentialRepository credentials,
            CurrentCredentialQuery currentCredentials,
            CredentialVersionRepository versions,
            RotationPolicyRepository policies,
            EnvironmentService environments,
            CredentialSealing sealing,
            CredentialAuditTrail audit,
            TransactionTemplate transactions,
            CredentialProperties properties,
            JsonMapper json,
            Clock clock) {
        this.credentials = credentials;
        this.currentCredentials = currentCredentials;
        this.versions = versions;
        this.policies = policies;
        this.environments = environments;
        this.sealing = sealing;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Encrypts and stores a new credential as version 1.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR} for a service token, {@code INVALID_REQUEST}
     *     for a bad field, {@code ALREADY_EXISTS} for a key in use, {@code DEPENDENCY_UNAVAILABLE}
     *     when the key encryption key is down
     */
    public CredentialMetadata store(
            Caller caller, StoreCredentialRequest request, RequestOrigin origin) {
        Attempt attempt =
                audit.begin(CredentialOperation.CREATE, caller, origin, request.key())
                        .service(request.serviceId());
        try {
            caller.require(Role.OPERATOR, "store credentials");
            CredentialType type = CredentialType.parse(request.type());
            Sensitivity sensitivity = Sensitivity.parse(request.sensitivity());
            environments.requireExists(request.environment());
            requireValueLength(request.value());
            Instant now = StoredTime.now(clock);
            if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
                throw ApiException.invalidRequest("expiresAt must be in the future");
            }
            RotationPolicy policy =
                    request.rotationPolicyId() == null ? null : policy(request.rotationPolicyId());
            if (policy != null && !type.generated()) {
                throw ApiException.invalidRequest(
                        "A "
                                + type.wire()
                                + " cannot be rotated on a schedule: its new "
                                + "value must be sent with each rotation");
            }
            if (credentials.existsByCredentialKeyAndActiveTrue(request.key())) {
                throw alreadyExists(request.key());
            }
            UUID id = UUID.randomUUID();
            SealedValue sealed =
                    sealing.seal(
                            id,
                            1,
                            request.serviceId(),
                            request.environment(),
                            request.key(),
                            request.value());
            Credential credential =
                    new Credential(
                            id,
                            request.key(),
                            request.serviceId(),
                            request.environment(),
                            type,
                            request.description(),
                            sensitivity,
                            json.writeValueAsString(
                                    Objects.requireNonNullElse(request.tags(), Map.of())),
                            request.expiresAt(),
                            policy,
                            sealed.keyId(),
                            sealed.algorithm(),
                            caller.actor(),
                            now);
            Credential saved =
                    Objects.requireNonNull(
                            transactions.execute(
                                    status -> {
                                        Credential stored = credentials.saveAndFlush(credential);
                                        versions.save(
                                                new CredentialVersion(
                                                        id, 1, sealed, null, caller.actor(), now));
                                        return stored;
                                    }));
            audit.granted(attempt.about(saved).detail("version", 1));
            return metadata(saved);
        } catch (DataIntegrityViolationException e) {
            if (!credentials.existsByCredentialKeyAndActiveTrue(request.key())) {
                audit.failed(attempt, e);
                throw e;
            }
            ApiException conflict = alreadyExists(request.key());
            audit.failed(attempt, conflict);
            throw conflict;
        } catch (RuntimeException e) {
            audit.failed(attempt, e);
            throw e;
        }
    }

    /**
     * The decrypted value of the current version, of {@code previous} (the newest superseded
     * version still in its grace period) or of version N while it is current or in its grace
     * period.
     *
     * @throws ApiException {@code NOT_FOUND} for a missing key, another service's key or an
     *     unavailable version, {@code CREDENTIAL_EXPIRED}, {@code INTEGRITY_ERROR}, {@code
     *     DEPENDENCY_UNAVAILABLE}
     */
    public CredentialValue retrieve(
            Caller caller, String key, @Nullable String version, RequestOrigin origin) {
        Attempt attempt = audit.begin(CredentialOperation.RETRIEVE, caller, origin, key);
        try {
            String requested = version == null ? "current" : version;
            Instant now = StoredTime.now(clock);
            if (requested.equals("current") || requested.equals("latest")) {
                CurrentCredential credential = checkReadable(caller, current(key), attempt, true);
                requireUnexpired(credential, now);
                Integer number = credential.version();
                SealedValue sealed = credential.sealed();
                if (number == null || sealed == null) {
                    throw notFound(key);
                }
                return open(credential, number, sealed, attempt);
            }
            Credential credential = checkReadable(caller, live(key), attempt, true);
            requireUnexpired(credential, now);
            CredentialVersion stored = version(credential, requested, now);
            return open(credential, stored.version(), stored.sealed(), attempt);
        } catch (RuntimeException e) {
            audit.failed(attempt, e);
            throw e;
        }
    }

    private CredentialValue open(
            CredentialIdentity credential, int version, SealedValue sealed, Attempt attempt) {
        attempt.detail("version", version);
        String value = sealing.open(credential, version, sealed);
        audit.granted(attempt);
        return new CredentialValue(value, version);
    }

    private static void requireUnexpired(CredentialIdentity credential, Instant now) {
        if (credential.expiredAt(now)) {
            throw new ApiException(
                    ErrorCode.CREDENTIAL_EXPIRED,
                    "Credential '" + credential.key() + "' expired at " + credential.expiresAt());
        }
    }

    /**
     * Metadata of live credentials, ordered by key; a service token sees its own service's only.
     */
    public Page<CredentialMetadata> list(
            Caller caller, CredentialFilter filter, int limit, @Nullable String cursor) {
        PageLimit.require(limit);
        String serviceId = filter.serviceId();
        if (!caller.has(Role.READER)) {
            String own = caller.serviceId();
            if (own == null || !caller.mayReadCredentialMetadata(own)) {
                throw ApiException.forbidden("This caller may not list credentials");
            }
            if (serviceId != null && !serviceId.equals(own)) {
                return new Page<>(List.of(), null);
            }
            serviceId = own;
        }
        CredentialType type = filter.type() == null ? null : CredentialType.parse(filter.type());
        Integer days = filter.expiringWithinDays();
        if (days != null && (days < 0 || days > MAX_EXPIRY_DAYS)) {
            throw ApiException.invalidRequest(
                    "expiringWithinDays must be between 0 and " + MAX_EXPIRY_DAYS);
        }
        Instant expiringBefore =
                days == null ? null : StoredTime.now(clock).plus(Duration.ofDays(days));
        String after = cursor == null ? null : decodeCursor(cursor);
        Specification<Credential> matching =
                matching(serviceId, filter.environment(), type, expiringBefore, after);
        List<Credential> rows =
                credentials.findBy(
                        matching,
                        query -> query.sortBy(Sort.by("credentialKey")).limit(limit + 1).all());
        List<CredentialMetadata> page = rows.stream().limit(limit).map(this::metadata).toList();
        String next = rows.size() > limit ? encodeCursor(page.get(page.size() - 1).key()) : null;
        return new Page<>(page, next);
    }

    /** Metadata of every version of a credential, newest first. */
    public List<CredentialVersionMetadata> versions(
            Caller caller, String key, RequestOrigin origin) {
        Attempt attempt = audit.begin(CredentialOperation.LIST_VERSIONS, caller, origin, key);
        Credential credential = readable(caller, key, attempt, false);
        return versions.findByCredentialIdOrderByVersionDesc(credential.id()).stream()
                .map(CredentialVersion::metadata)
                .toList();
    }

    /**
     * Deletes a credential by crypto-shredding: every version's wrapped data key and ciphertext are
     * erased; the metadata row stays (inactive) for the audit trail. Reads answer 404 afterwards.
     */
    public void delete(Caller caller, String key, RequestOrigin origin) {
        Attempt attempt = audit.begin(CredentialOperation.DELETE, caller, origin, key);
        try {
            caller.require(Role.OPERATOR, "delete credentials");
            Credential found = live(key);
            attempt.about(found);
            Instant now = StoredTime.now(clock);
            List<String> erased =
                    Objects.requireNonNull(
                            transactions.execute(
                                    status -> {
                                        Credential credential =
                                                credentials
                                                        .lockById(found.id())
                                                        .filter(Credential::active)
                                                        .orElseThrow(() -> notFound(key));
                                        List<String> wrapped = new ArrayList<>();
                                        for (CredentialVersion version :
                                                versions.findByCredentialIdAndStateNot(
                                                        credential.id(),
                                                        VersionState.DESTROYED.column())) {
                                            if (version.wrappedDek() != null) {
                                                wrapped.add(version.wrappedDek());
                                            }
                                            version.destroy(now);
                                        }
                                        credential.deleted(caller.actor(), now);
                                        return wrapped;
                                    }));
            erased.forEach(sealing::forget);
            audit.granted(attempt.detail("destroyedVersions", erased.size()));
        } catch (RuntimeException e) {
            audit.failed(attempt, e);
            throw e;
        }
    }

    CredentialMetadata metadata(Credential credential) {
        return new CredentialMetadata(
                credential.id(),
                credential.key(),
                credential.type().wire(),
                credential.serviceId(),
                credential.environment(),
                credential.description(),
                credential.sensitivity().wire(),
                credential.version(),
                json.readValue(credential.tagsJson(), TAGS),
                credential.rotationPolicyId(),
                credential.createdAt(),
                credential.updatedAt(),
                credential.expiresAt(),
                credential.rotatedAt(),
                credential.nextRotationAt(),
                credential.createdBy(),
                credential.approvalRequired());
    }

    /**
     * The live credential this caller may read (its value, or only its metadata); another service's
     * answers 404 like a missing one, audited. An operator without the role, or the owning
     * service's token without the scope, is told so (403).
     */
    private Credential readable(Caller caller, String key, Attempt attempt, boolean value) {
        return checkReadable(caller, live(key), attempt, value);
    }

    private <C extends CredentialIdentity> C checkReadable(
            Caller caller, C credential, Attempt attempt, boolean value) {
        String key = credential.key();
        attempt.about(credential);
        boolean allowed =
                value
                        ? caller.mayReadCredentialValue(credential.serviceId())
                        : caller.mayReadCredentialMetadata(credential.serviceId());
        if (!allowed) {
            audit.denied(attempt, denial(caller, credential));
            if (caller.operatorOrAdmin()) {
                throw ApiException.forbidden(
                        value
                                ? "Reading credential values needs the operator role"
                                : "Reading credential metadata needs the reader role");
            }
            if (credential.serviceId().equals(caller.serviceId())) {
                throw ApiException.forbidden("This token lacks the credentials:read scope");
            }
            throw notFound(key);
        }
        return credential;
    }

    private static String denial(Caller caller, CredentialIdentity credential) {
        if (caller.operatorOrAdmin()) {
            return "role may not read credential values";
        }
        return credential.serviceId().equals(caller.serviceId())
                ? "token lacks the credentials:read scope"
                : "credential belongs to another service";
    }

    Credential live(String key) {
        requireKey(key);
        return credentials.findByCredentialKeyAndActiveTrue(key).orElseThrow(() -> notFound(key));
    }

    /** The live credential and its current version in one plain query: the hot read path. */
    private CurrentCredential current(String key) {
        requireKey(key);
        return currentCredentials.find(key).orElseThrow(() -> notFound(key));
    }

    private static void requireKey(String key) {
        if (!Identifiers.isCredentialKey(key)) {
            throw ApiException.invalidRequest(
                    "Credential key must match " + Identifiers.CREDENTIAL_KEY);
        }
    }

    /**
     * An earlier version by name: {@code previous} or its number (the current one comes with the
     * credential).
     */
    private CredentialVersion version(Credential credential, String version, Instant now) {
        if (version.equals("previous")) {
            return versions.findFirstByCredentialIdAndStateAndGraceUntilAfterOrderByVersionDesc(
                            credential.id(), VersionState.PREVIOUS.column(), now)
                    .orElseThrow(
                            () ->
                                    ApiException.notFound(
                                            "Credential '"
                                                    + credential.key()
                                                    + "' has no previous version within its grace period"));
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw ApiException.invalidRequest(
                    "version must be 'current', 'previous' or a positive integer");
        }
        int requested = number;
        return versions.findByCredentialIdAndVersion(credential.id(), requested)
                .filter(stored -> stored.readableAt(now))
                .orElseThrow(
                        () ->
                                ApiException.notFound(
                                        "Version "
                                                + requested
                                                + " of credential '"
                                                + credential.key()
                                                + "' is not available"));
    }

    RotationPolicy policy(String id) {
        return policies.findById(id)
                .orElseThrow(
                        () -> ApiException.invalidRequest("Unknown rotation policy '" + id + "'"));
    }

    void requireValueLength(String value) {
        if (value.length() > properties.maxValueLength()) {
            throw ApiException.invalidRequest(
                    "value is longer than " + properties.maxValueLength() + " characters");
        }
    }

    static ApiException notFound(String key) {
        return ApiException.notFound("Credential '" + key + "' not found");
    }

    private static ApiException alreadyExists(String key) {
        return new ApiException(
                ErrorCode.ALREADY_EXISTS, "Credential '" + key + "' already exists");
    }

    private static Specification<Credential> matching(
            @Nullable String serviceId,
            @Nullable String environment,
            @Nullable CredentialType type,
            @Nullable Instant expiringBefore,
            @Nullable String afterKey) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.isTrue(root.get("active")));
            if (serviceId != null) {
                where.add(cb.equal(root.get("serviceId"), serviceId));
            }
            if (environment != null) {
                where.add(cb.equal(root.get("environment"), environment));
            }
            if (type != null) {
                where.add(cb.equal(root.get("type"), type.wire()));
            }
            if (expiringBefore != null) {
                where.add(cb.lessThanOrEqualTo(root.get("expiresAt"), expiringBefore));
            }
            if (afterKey != null) {
                where.add(cb.greaterThan(root.get("credentialKey"), afterKey));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    private static String encodeCursor(String key) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (Identifiers.isCredentialKey(key)) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalidRequest("cursor is invalid");
    }

    /** The list filters of {@code GET /api/v1/credentials}; each is optional. */
    public record CredentialFilter(
            @Nullable String serviceId,
            @Nullable String environment,
            @Nullable String type,
            @Nullable Integer expiringWithinDays) {}
}
