package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manages rotation policies: interval, grace period and generator settings. Anyone authenticated
 * may read them; only an admin may change them. Changing a policy's interval reschedules the
 * credentials that follow it.
 */
@Service
public class RotationPolicyService {

    private static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MAX_INTERVAL = Duration.ofDays(3650);
    private static final Duration MAX_GRACE = Duration.ofDays(365);

    private final RotationPolicyRepository policies;
    private final CredentialRepository credentials;
    private final CredentialAuditTrail audit;
    private final CredentialProperties properties;
    private final Clock clock;

    public RotationPolicyService(
            RotationPolicyRepository policies,
            CredentialRepository credentials,
            CredentialAuditTrail audit,
            CredentialProperties properties,
            Clock clock) {
        this.policies = policies;
        this.credentials = credentials;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Creates a policy and records it ({@code ROTATION_POLICY_CREATE}) in the same transaction.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR}, {@code INVALID_REQUEST}, {@code
     *     ALREADY_EXISTS}
     */
    @Transactional
    public RotationPolicyResponse create(
            Caller caller, RotationPolicyRequest request, RequestOrigin origin) {
        caller.require(Role.OPERATOR, "manage rotation policies");
        if (policies.existsByName(request.name())) {
            throw new ApiException(
                    ErrorCode.ALREADY_EXISTS,
                    "Rotation policy '" + request.name() + "' already exists");
        }
        Instant now = StoredTime.now(clock);
        RotationPolicy policy =
                new RotationPolicy(
                        "rp_" + UUID.randomUUID().toString().replace("-", ""), caller.actor(), now);
        apply(policy, request, caller, now);
        RotationPolicyResponse created = policies.saveAndFlush(policy).response();
        recorded(CredentialOperation.ROTATION_POLICY_CREATE, caller, origin, created);
        return created;
    }

    @Transactional(readOnly = true)
    public List<RotationPolicyResponse> list() {
        return policies.findAllByOrderByName().stream().map(RotationPolicy::response).toList();
    }

    @Transactional(readOnly = true)
    public RotationPolicyResponse get(String id) {
        return find(id).response();
    }

    /**
     * Replaces a policy, reschedules the credentials that follow it and records it ({@code
     * ROTATION_POLICY_UPDATE}).
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR}, {@code NOT_FOUND}, {@code INVALID_REQUEST},
     *     {@code ALREADY_EXISTS}
     */
    @Transactional
    public RotationPolicyResponse update(
            Caller caller, String id, RotationPolicyRequest request, RequestOrigin origin) {
        caller.require(Role.OPERATOR, "manage rotation policies");
        RotationPolicy policy = find(id);
        if (!policy.name().equals(request.name()) && policies.existsByName(request.name())) {
            throw new ApiException(
                    ErrorCode.ALREADY_EXISTS,
                    "Rotation policy '" + request.name() + "' already exists");
        }
        apply(policy, request, caller, StoredTime.now(clock));
        credentials
                .findByRotationPolicyIdAndActiveTrue(id)
                .forEach(credential -> credential.rescheduled(policy));
        RotationPolicyResponse updated = policy.response();
        recorded(CredentialOperation.ROTATION_POLICY_UPDATE, caller, origin, updated);
        return updated;
    }

    /**
     * Deletes a policy and records it ({@code ROTATION_POLICY_DELETE} with the settings it had).
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR}, {@code NOT_FOUND}, {@code CONFLICT} while
     *     it is in use
     */
    @Transactional
    public void delete(Caller caller, String id, RequestOrigin origin) {
        caller.require(Role.OPERATOR, "manage rotation policies");
        RotationPolicy policy = find(id);
        if (credentials.existsByRotationPolicyIdAndActiveTrue(id)) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Rotation policy '" + policy.name() + "' is used by credentials");
        }
        RotationPolicyResponse removed = policy.response();
        policies.delete(policy);
        recorded(CredentialOperation.ROTATION_POLICY_DELETE, caller, origin, removed);
    }

    private void recorded(
            CredentialOperation operation,
            Caller caller,
            RequestOrigin origin,
            RotationPolicyResponse policy) {
        audit.granted(
                audit.begin(operation, caller, origin, null)
                        .detail("policyId", policy.id())
                        .detail("name", policy.name())
                        .detail("rotationInterval", policy.rotationInterval())
                        .detail("gracePeriod", policy.gracePeriod()));
    }

    private RotationPolicy find(String id) {
        return policies.findById(id)
                .orElseThrow(() -> ApiException.notFound("Rotation policy '" + id + "' not found"));
    }

    private void apply(
            RotationPolicy policy, RotationPolicyRequest request, Caller caller, Instant now) {
        Duration interval = duration("rotationInterval", request.rotationInterval());
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw ApiException.invalidRequest("rotationInterval must be between PT1M and P3650D");
        }
        Duration grace =
                request.gracePeriod() == null
                        ? properties.defaultGracePeriod()
                        : duration("gracePeriod", request.gracePeriod());
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw ApiException.invalidRequest("gracePeriod must be between PT0S and P365D");
        }
        policy.apply(
                request.name(),
                request.description(),
                interval,
                grace,
                generator(request.generator()),
                caller.actor(),
                now);
    }

    private static GeneratorSettings generator(
            RotationPolicyRequest.@Nullable Generator requested) {
        GeneratorSettings defaults = GeneratorSettings.DEFAULTS;
        if (requested == null) {
            return defaults;
        }
        GeneratorSettings settings =
                new GeneratorSettings(
                        Objects.requireNonNullElse(
                                requested.apiKeyLength(), defaults.apiKeyLength()),
                        Objects.requireNonNullElse(
                                requested.passwordLength(), defaults.passwordLength()),
                        Objects.requireNonNullElse(
                                requested.passwordUppercase(), defaults.passwordUppercase()),
                        Objects.requireNonNullElse(
                                requested.passwordLowercase(), defaults.passwordLowercase()),
                        Objects.requireNonNullElse(
                                requested.passwordDigits(), defaults.passwordDigits()),
                        Objects.requireNonNullElse(
                                requested.passwordSymbols(), defaults.passwordSymbols()),
                        Objects.requireNonNullElse(
                                requested.keyLengthBits(), defaults.keyLengthBits()),
                        Objects.requireNonNullElse(requested.tokenBytes(), defaults.tokenBytes()));
        if (!List.of(128, 192, 256).contains(settings.keyLengthBits())) {
            throw ApiException.invalidRequest("generator.keyLengthBits must be 128, 192 or 256");
        }
        if (!(settings.passwordUppercase()
                || settings.passwordLowercase()
                || settings.passwordDigits()
                || settings.passwordSymbols())) {
            throw ApiException.invalidRequest(
                    "generator must enable at least one password character class");
        }
        return settings;
    }

    private static Duration duration(String field, String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest(
                    field + " must be an ISO-8601 duration such as P30D or PT24H");
        }
    }
}
