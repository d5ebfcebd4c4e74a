package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rotation policies: read by anyone authenticated, changed by an admin. */
@RestController
@RequestMapping(path = "/api/v1/rotation-policies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Rotation policies",
        description = "Rotation interval, grace period and value generator settings")
class RotationPolicyController {

    private final RotationPolicyService policies;

    RotationPolicyController(RotationPolicyService policies) {
        this.policies = policies;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a rotation policy (admin)")
    ApiResponse<RotationPolicyResponse> create(
            @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody RotationPolicyRequest body,
            HttpServletRequest request) {
        return ApiResponse.ok(policies.create(caller, body, RequestOrigin.of(request)));
    }

    @GetMapping
    @Operation(summary = "List rotation policies")
    ApiResponse<List<RotationPolicyResponse>> list() {
        return ApiResponse.ok(policies.list());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a rotation policy")
    ApiResponse<RotationPolicyResponse> get(@PathVariable String id) {
        return ApiResponse.ok(policies.get(id));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Replace a rotation policy (admin); credentials that follow it are rescheduled")
    ApiResponse<RotationPolicyResponse> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @Valid @RequestBody RotationPolicyRequest body,
            HttpServletRequest request) {
        return ApiResponse.ok(policies.update(caller, id, body, RequestOrigin.of(request)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a rotation policy no live credential uses (admin)")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            HttpServletRequest request) {
        policies.delete(caller, id, RequestOrigin.of(request));
    }
}
