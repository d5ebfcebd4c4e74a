package io.configservice.approval;

import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ApiResponse;
import io.configservice.web.ErrorCode;
import io.configservice.web.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Change requests held for approval: list, read, decide, and the admin's emergency apply. */
@RestController
@RequestMapping(path = "/api/v1/approvals", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Approvals",
        description = "Configuration changes held for approval in environments with a policy")
class ApprovalController {

    private final ApprovalService approvals;
    private final ApprovalDecisionService decisions;

    ApprovalController(ApprovalService approvals, ApprovalDecisionService decisions) {
        this.approvals = approvals;
        this.decisions = decisions;
    }

    @GetMapping
    @Operation(summary = "List change requests, newest first")
    PagedResponse<ApprovalSummary> list(
            @AuthenticationPrincipal Caller caller,
            @Parameter(
                            description =
                                    "PENDING, APPROVED, REJECTED, EXPIRED, CONFLICT or EMERGENCY_APPLIED")
                    @RequestParam(required = false)
                    @Nullable String status,
            @RequestParam(required = false) @Nullable String serviceId,
            @RequestParam(required = false) @Nullable String environment,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PagedResponse.of(
                approvals.list(caller, status, serviceId, environment, limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(
            summary =
                    "Get a change request with its proposed diff against the base version and its decisions")
    ApiResponse<ApprovalResponse> get(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(approvals.get(caller, id));
    }

    @PostMapping(path = "/{id}/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Approve or reject (approver or admin; never the requester; one vote each). The last "
                            + "required approval applies the change; 409 CONFLICT when the request is no longer pending or its base "
                            + "version moved")
    ApiResponse<ApprovalResponse> decide(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @Valid @RequestBody DecisionRequest body) {
        return answer(
                decisions.decide(
                        caller, id, Objects.requireNonNull(body.decision()), body.reason()));
    }

    @PostMapping(path = "/{id}/emergency-apply", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Apply a pending change without its approvals (admin; reason required; audited as "
                            + "EMERGENCY)")
    ApiResponse<ApprovalResponse> emergencyApply(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @Valid @RequestBody EmergencyApplyRequest body) {
        return answer(decisions.emergencyApply(caller, id, Objects.requireNonNull(body.reason())));
    }

    /**
     * A refusal was committed (the request's final state is stored) before it is answered as 409.
     */
    private static ApiResponse<ApprovalResponse> answer(DecisionOutcome outcome) {
        if (outcome instanceof DecisionOutcome.Refused refused) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    refused.message(),
                    Map.of("id", refused.approval().id(), "status", refused.approval().status()));
        }
        return ApiResponse.ok(outcome.approval());
    }
}
