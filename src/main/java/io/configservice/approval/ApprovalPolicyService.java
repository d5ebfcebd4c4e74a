package io.configservice.approval;

import io.configservice.audit.AuditService;
import io.configservice.environment.EnvironmentService;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Approval policies per environment: read by anyone authenticated, changed by an admin. */
@Service
public class ApprovalPolicyService {

    static final Duration DEFAULT_EXPIRY = Duration.ofHours(72);

    private final ApprovalPolicyRepository policies;
    private final EnvironmentService environments;
    private final AuditService audit;
    private final Clock clock;

    public ApprovalPolicyService(
            ApprovalPolicyRepository policies,
            EnvironmentService environments,
            AuditService audit,
            Clock clock) {
        this.policies = policies;
        this.environments = environments;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ApprovalPolicyResponse> list() {
        return policies.findAllByOrderByEnvironment().stream()
                .map(ApprovalPolicyResponse::from)
                .toList();
    }

    /**
     * @throws ApiException {@code NOT_FOUND} when the environment has no policy
     */
    @Transactional(readOnly = true)
    public ApprovalPolicyResponse get(String environment) {
        return ApprovalPolicyResponse.from(
                policies.findById(environment).orElseThrow(() -> missing(environment)));
    }

    /**
     * Creates or replaces the policy and records it ({@code APPROVAL_POLICY_PUT} with the new
     * settings); requests already pending keep the count and expiry they were made with.
     */
    @Transactional
    public ApprovalPolicyResponse put(
            Caller caller, String environment, ApprovalPolicyRequest request) {
        caller.require(Role.ADMIN, "change approval policies");
        environments.requireExists(environment);
        Duration expiresAfter = parseExpiry(request.expiresAfter());
        Integer required = request.requiredApprovals();
        if (required == null || required < 1) {
            throw ApiException.invalidRequest("requiredApprovals must be at least 1");
        }
        ApprovalPolicy policy =
                policies.findById(environment).orElseGet(() -> new ApprovalPolicy(environment));
        Instant now = clock.instant();
        policy.update(required, expiresAfter, caller.actor(), now);
        ApprovalPolicyResponse saved = ApprovalPolicyResponse.from(policies.save(policy));
        audit.recordEnvironmentChange(
                environment,
                "APPROVAL_POLICY_PUT",
                caller.actor(),
                List.of("requiredApprovals=" + required, "expiresAfter=" + expiresAfter),
                null,
                now);
        return saved;
    }

    /**
     * Removes the policy and records it ({@code APPROVAL_POLICY_DELETE} with the settings it had).
     *
     * @throws ApiException {@code NOT_FOUND} when the environment has no policy
     */
    @Transactional
    public void delete(Caller caller, String environment) {
        caller.require(Role.ADMIN, "change approval policies");
        ApprovalPolicy policy =
                policies.findById(environment).orElseThrow(() -> missing(environment));
        ApprovalPolicyResponse removed = ApprovalPolicyResponse.from(policy);
        policies.delete(policy);
        audit.recordEnvironmentChange(
                environment,
                "APPROVAL_POLICY_DELETE",
                caller.actor(),
                List.of(
                        "requiredApprovals=" + removed.requiredApprovals(),
                        "expiresAfter=" + removed.expiresAfter()),
                null,
                clock.instant());
    }

    static Duration parseExpiry(@Nullable String value) {
        if (value == null) {
            return DEFAULT_EXPIRY;
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.toSeconds() < 1) {
                throw ApiException.invalidRequest("expiresAfter must be at least one second");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest(
                    "expiresAfter must be an ISO-8601 duration such as PT72H");
        }
    }

    private static ApiException missing(String environment) {
        return ApiException.notFound("Environment '" + environment + "' has no approval policy");
    }
}
