package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.configservice.web.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The credential vault API (spec sections 1.3 and 3.1): store, read, list, version history, rotate
 * and delete.
 */
@RestController
@RequestMapping(path = "/api/v1/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Credentials", description = "Encrypted credentials with rotation and expiry")
class CredentialController {

    private final CredentialService credentials;
    private final CredentialRotationService rotations;

    CredentialController(CredentialService credentials, CredentialRotationService rotations) {
        this.credentials = credentials;
        this.rotations = rotations;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary =
                    "Store an encrypted credential (admin); answers its metadata, never the value")
    ApiResponse<CredentialMetadata> store(
            @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody StoreCredentialRequest body,
            HttpServletRequest request) {
        return ApiResponse.ok(credentials.store(caller, body, RequestOrigin.of(request)));
    }

    @GetMapping
    @Operation(summary = "List credential metadata; a service token sees its own service's only")
    PagedResponse<CredentialMetadata> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Nullable String serviceId,
            @RequestParam(required = false) @Nullable String environment,
            @RequestParam(required = false) @Nullable String type,
            @Parameter(
                            description =
                                    "Only credentials that expire within this many days (or have expired)")
                    @RequestParam(required = false)
                    @Nullable Integer expiringWithinDays,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PagedResponse.of(
                credentials.list(
                        caller,
                        new CredentialService.CredentialFilter(
                                serviceId, environment, type, expiringWithinDays),
                        limit,
                        cursor));
    }

    @GetMapping("/{key}")
    @Operation(summary = "Decrypt and return a credential's value")
    ApiResponse<CredentialValue> retrieve(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String key,
            @Parameter(
                            description =
                                    "'current' (default), 'previous', or a version number within its grace period")
                    @RequestParam(required = false)
                    @Nullable String version,
            HttpServletRequest request) {
        return ApiResponse.ok(
                credentials.retrieve(caller, key, version, RequestOrigin.of(request)));
    }

    @GetMapping("/{key}/versions")
    @Operation(summary = "Metadata of every version: current, previous (within grace) or destroyed")
    ApiResponse<List<CredentialVersionMetadata>> versions(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String key,
            HttpServletRequest request) {
        return ApiResponse.ok(credentials.versions(caller, key, RequestOrigin.of(request)));
    }

    @DeleteMapping("/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary =
                    "Delete a credential (admin): its data keys are destroyed, metadata and audit kept")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String key,
            HttpServletRequest request) {
        credentials.delete(caller, key, RequestOrigin.of(request));
    }

    @PostMapping("/{key}/rotate")
    @Operation(
            summary =
                    "Rotate a credential (admin): a supplied or generated value becomes the current version")
    ApiResponse<RotationResult> rotate(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String key,
            @Valid @RequestBody(required = false) @Nullable RotateCredentialRequest body,
            HttpServletRequest request) {
        return ApiResponse.ok(
                rotations.rotate(
                        caller,
                        key,
                        Objects.requireNonNullElse(body, RotateCredentialRequest.NONE),
                        RequestOrigin.of(request)));
    }
}
