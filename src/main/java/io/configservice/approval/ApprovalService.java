package io.configservice.approval;

import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.environment.AffectedEnvironment;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import io.configservice.web.PageLimit;
import io.configservice.web.PagedResponse.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads change requests. Readers (operators, approvers, admins) see every request; a service token
 * with {@code config:write} sees its own service's configuration requests only. A pending request
 * past its expiry is marked {@code EXPIRED} when it is read, so these methods write.
 */
@Service
public class ApprovalService {

    private static final TypeReference<List<ConfigurationChange>> CHANGES =
            new TypeReference<>() {};
    private static final TypeReference<List<AffectedEnvironment>> AFFECTED =
            new TypeReference<>() {};

    private final ChangeApprovalRepository approvals;
    private final ApprovalDecisionRepository decisions;
    private final ApprovalQueries queries;
    private final JsonMapper json;
    private final Clock clock;

    public ApprovalService(
            ChangeApprovalRepository approvals,
            ApprovalDecisionRepository decisions,
            ApprovalQueries queries,
            JsonMapper json,
            Clock clock) {
        this.approvals = approvals;
        this.decisions = decisions;
        this.queries = queries;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @throws ApiException {@code INVALID_REQUEST} for an unknown status, a bad limit or cursor
     */
    @Transactional
    public Page<ApprovalSummary> list(
            Caller caller,
            @Nullable String status,
            @Nullable String serviceId,
            @Nullable String environment,
            int limit,
            @Nullable String cursor) {
        PageLimit.require(limit);
        String visibleService = serviceId;
        if (!caller.has(Role.READER)) {
            String own = caller.serviceId();
            if (own == null
                    || !caller.mayWriteConfiguration(own)
                    || serviceId != null && !serviceId.equals(own)) {
                throw ApiException.forbidden("This caller may not read these change requests");
            }
            visibleService = own;
        }
        approvals.expireDue(clock.instant());
        ApprovalQueries.Filter filter =
                new ApprovalQueries.Filter(parseStatus(status), visibleService, environment);
        List<ApprovalSummary> rows = queries.page(filter, decode(cursor), limit + 1);
        List<ApprovalSummary> page = rows.stream().limit(limit).toList();
        ApprovalSummary last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next =
                rows.size() > limit && last != null
                        ? encode(last.requestedAt() + "|" + last.id())
                        : null;
        return new Page<>(page, next);
    }

    /**
     * @throws ApiException {@code NOT_FOUND} for an unknown id, {@code AUTHORIZATION_ERROR} when
     *     not visible
     */
    @Transactional
    public ApprovalResponse get(Caller caller, UUID id) {
        approvals.expireIfDue(id, clock.instant());
        ChangeApproval approval = approvals.findById(id).orElseThrow(() -> notFound(id));
        requireView(caller, approval.serviceId());
        return view(approval);
    }

    /** Marks every pending request past its expiry as expired; returns how many. */
    @Transactional
    public int expireDue() {
        return approvals.expireDue(clock.instant());
    }

    ApprovalResponse view(ChangeApproval approval) {
        return ApprovalResponse.of(
                approval,
                json.readValue(approval.diff(), CHANGES),
                decisions.findByApprovalIdOrderByDecidedAt(approval.id()).stream()
                        .map(DecisionResponse::from)
                        .toList(),
                affected(approval));
    }

    List<AffectedEnvironment> affected(ChangeApproval approval) {
        return json.readValue(approval.affectedEnvironments(), AFFECTED);
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("Change request '" + id + "' does not exist");
    }

    /** Readers see every request; a service with config:write its own configuration's requests. */
    private static void requireView(Caller caller, @Nullable String serviceId) {
        if (!caller.has(Role.READER)
                && (serviceId == null || !caller.mayWriteConfiguration(serviceId))) {
            throw ApiException.forbidden(
                    "This caller may not read the change requests of "
                            + (serviceId == null ? "environments" : "service '" + serviceId + "'"));
        }
    }

    private static @Nullable ApprovalStatus parseStatus(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ApprovalStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(
                    "status must be one of " + List.of(ApprovalStatus.values()));
        }
    }

    private static String encode(String value) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static ApprovalQueries.@Nullable Cursor decode(@Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                            .split("\\|", 2);
            return new ApprovalQueries.Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiException.invalidRequest("cursor is invalid");
        }
    }
}
