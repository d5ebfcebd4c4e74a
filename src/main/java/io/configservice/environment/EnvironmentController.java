package io.configservice.environment;

import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

/**
 * Environments and their inheritance (writes are admin only, enforced in the security
 * configuration).
 */
@RestController
@RequestMapping(path = "/api/v1/environments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Environments", description = "Environments, inheritance, overrides and retention")
class EnvironmentController {

    private final EnvironmentService environmentService;

    EnvironmentController(EnvironmentService environmentService) {
        this.environmentService = environmentService;
    }

    @GetMapping
    @Operation(summary = "List environments")
    ApiResponse<List<EnvironmentResponse>> list() {
        return ApiResponse.ok(environmentService.list());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get one environment")
    ApiResponse<EnvironmentResponse> get(@PathVariable String id) {
        return ApiResponse.ok(environmentService.get(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an environment (admin)")
    ApiResponse<EnvironmentResponse> create(
            @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody EnvironmentRequest request) {
        return ApiResponse.ok(environmentService.create(caller, request));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Replace an environment's definition (admin); held for approval (202) when it changes the "
                            + "overrides of an environment with an approval policy")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "Updated",
            content = @Content(schema = @Schema(implementation = UpdatedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description =
                    "The overrides change needs approval: the update is held as a PENDING change request",
            content = @Content(schema = @Schema(implementation = HeldBody.class)))
    ResponseEntity<ApiResponse<?>> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @Valid @RequestBody EnvironmentRequest request) {
        EnvironmentUpdate update = environmentService.update(caller, id, request);
        if (update instanceof EnvironmentUpdate.Held held) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .<ApiResponse<?>>body(ApiResponse.ok(held.request()));
        }
        return ResponseEntity.ok(
                ApiResponse.ok(((EnvironmentUpdate.Applied) update).environment()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary =
                    "Delete an environment that holds no configurations and has no children (admin)")
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        environmentService.delete(caller, id);
    }

    /** The documented body of an applied update. */
    @Schema(name = "ApiResponseEnvironmentResponse")
    record UpdatedBody(boolean success, EnvironmentResponse data, Instant timestamp) {}

    /** The documented body of an update held for approval. */
    @Schema(name = "ApiResponsePendingEnvironmentChange")
    record HeldBody(boolean success, PendingEnvironmentChange data, Instant timestamp) {}
}
