package io.configservice.approval;

import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Approval policies per environment: read by anyone authenticated, changed by an admin. */
@RestController
@RequestMapping(path = "/api/v1/approval-policies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Approval policies",
        description = "Which environments hold writes for approval, and how many approvals")
class ApprovalPolicyController {

    private final ApprovalPolicyService policies;

    ApprovalPolicyController(ApprovalPolicyService policies) {
        this.policies = policies;
    }

    @GetMapping
    @Operation(summary = "List approval policies")
    ApiResponse<List<ApprovalPolicyResponse>> list() {
        return ApiResponse.ok(policies.list());
    }

    @GetMapping("/{environment}")
    @Operation(summary = "Get an environment's approval policy")
    ApiResponse<ApprovalPolicyResponse> get(@PathVariable String environment) {
        return ApiResponse.ok(policies.get(environment));
    }

    @PutMapping(path = "/{environment}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or replace an environment's approval policy (admin)")
    ApiResponse<ApprovalPolicyResponse> put(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String environment,
            @Valid @RequestBody ApprovalPolicyRequest body) {
        return ApiResponse.ok(policies.put(caller, environment, body));
    }

    @DeleteMapping("/{environment}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary =
                    "Remove an environment's approval policy (admin); pending requests stay pending")
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable String environment) {
        policies.delete(caller, environment);
    }
}
