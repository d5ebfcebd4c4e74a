package io.configservice.configuration;

import io.configservice.audit.RequestOrigin;
import io.configservice.cache.ConfigurationRead;
import io.configservice.configuration.history.VersionSummary;
import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.configservice.web.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The configuration API (spec section 1.2): read, write, keys, batch, history and rollback. */
@RestController
@RequestMapping(path = "/api/v1/configurations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Configurations", description = "Service configurations per environment")
class ConfigurationController {

    static final String DEFAULT_ENVIRONMENT = "production";
    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final ConfigurationQueryService queries;
    private final ConfigurationCommandService commands;
    private final ServiceWriteQueue writeQueue;

    ConfigurationController(
            ConfigurationQueryService queries,
            ConfigurationCommandService commands,
            ServiceWriteQueue writeQueue) {
        this.queries = queries;
        this.commands = commands;
        this.writeQueue = writeQueue;
    }

    @GetMapping("/{serviceId}")
    @Operation(summary = "Get a service's configuration (latest or a given version)")
    ResponseEntity<ConfigurationReadResponse> get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @Parameter(description = "'latest' or a version number") @RequestParam(required = false)
                    @Nullable String version,
            @Parameter(
                            description =
                                    "Replace ${credential:KEY} references by the values (needs read access to each)",
                            schema = @Schema(type = "boolean", defaultValue = "false"))
                    // the default is documented, not declared: Spring resolves a declared one as an
                    // expression per request
                    @RequestParam(required = false)
                    @Nullable Boolean resolveSecrets,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                    @Nullable String ifNoneMatch,
            HttpServletRequest request) {
        ConfigurationRead read =
                Boolean.TRUE.equals(resolveSecrets)
                        ? queries.readResolvingSecrets(
                                caller, serviceId, environment, version, RequestOrigin.of(request))
                        : queries.read(
                                caller, serviceId, environment, version, RequestOrigin.of(request));
        String etag = EntityTags.of(read.entry().version());
        if (EntityTags.matches(ifNoneMatch, read.entry().version())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, etag)
                    .build();
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, etag)
                .body(ConfigurationReadResponse.of(read));
    }

    @GetMapping("/{serviceId}/{key}")
    @Operation(summary = "Get one key (a dot path such as database.pool.size)")
    ApiResponse<KeyValue> getKey(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @PathVariable String key,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            HttpServletRequest request) {
        return ApiResponse.ok(
                queries.readKey(caller, serviceId, environment, key, RequestOrigin.of(request)));
    }

    @PostMapping(path = "/{serviceId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a configuration (version 1)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "201",
            description = WriteResponses.APPLIED,
            content = @Content(schema = @Schema(implementation = WriteResponses.AppliedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description = WriteResponses.HELD,
            content = @Content(schema = @Schema(implementation = WriteResponses.HeldBody.class)))
    ResponseEntity<ApiResponse<?>> create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @Valid @RequestBody ConfigurationWriteRequest body) {
        WriteContext write =
                new WriteContext(caller, serviceId, environment, body.changeReason(), null);
        return WriteResponses.of(
                writeQueue.inTurn(
                        write.serviceId(), () -> commands.create(write, body.configuration())),
                HttpStatus.CREATED);
    }

    @PutMapping(path = "/{serviceId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a configuration (new version)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = WriteResponses.APPLIED,
            content = @Content(schema = @Schema(implementation = WriteResponses.AppliedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description = WriteResponses.HELD,
            content = @Content(schema = @Schema(implementation = WriteResponses.HeldBody.class)))
    ResponseEntity<ApiResponse<?>> replace(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody ConfigurationWriteRequest body) {
        WriteContext write =
                new WriteContext(
                        caller,
                        serviceId,
                        environment,
                        body.changeReason(),
                        EntityTags.expectedVersion(ifMatch, body.expectedVersion()));
        return WriteResponses.of(
                writeQueue.inTurn(
                        write.serviceId(), () -> commands.replace(write, body.configuration())),
                HttpStatus.OK);
    }

    @PatchMapping(path = "/{serviceId}", consumes = MERGE_PATCH_JSON)
    @Operation(summary = "Apply an RFC 7396 JSON merge patch (new version)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = WriteResponses.APPLIED,
            content = @Content(schema = @Schema(implementation = WriteResponses.AppliedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description = WriteResponses.HELD,
            content = @Content(schema = @Schema(implementation = WriteResponses.HeldBody.class)))
    ResponseEntity<ApiResponse<?>> patch(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @RequestParam(required = false) @Nullable String changeReason,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody JsonNode patch) {
        WriteContext write =
                new WriteContext(
                        caller,
                        serviceId,
                        environment,
                        changeReason,
                        EntityTags.expectedVersion(ifMatch, null));
        return WriteResponses.of(
                writeQueue.inTurn(write.serviceId(), () -> commands.mergePatch(write, patch)),
                HttpStatus.OK);
    }

    @DeleteMapping("/{serviceId}/{key}")
    @Operation(summary = "Remove one key (new version)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = WriteResponses.APPLIED,
            content = @Content(schema = @Schema(implementation = WriteResponses.AppliedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description = WriteResponses.HELD,
            content = @Content(schema = @Schema(implementation = WriteResponses.HeldBody.class)))
    ResponseEntity<ApiResponse<?>> deleteKey(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @PathVariable String key,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @RequestParam(required = false) @Nullable String changeReason,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable String ifMatch) {
        WriteContext write =
                new WriteContext(
                        caller,
                        serviceId,
                        environment,
                        changeReason,
                        EntityTags.expectedVersion(ifMatch, null));
        return WriteResponses.of(
                writeQueue.inTurn(write.serviceId(), () -> commands.deleteKey(write, key)),
                HttpStatus.OK);
    }

    @PostMapping(path = "/{serviceId}/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Apply SET / DELETE operations atomically as one new version")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = WriteResponses.APPLIED,
            content = @Content(schema = @Schema(implementation = WriteResponses.AppliedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description = WriteResponses.HELD,
            content = @Content(schema = @Schema(implementation = WriteResponses.HeldBody.class)))
    ResponseEntity<ApiResponse<?>> batch(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(required = false) @Nullable String environment,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody BatchRequest body) {
        String target =
                environment != null
                        ? environment
                        : body.environment() != null ? body.environment() : DEFAULT_ENVIRONMENT;
        WriteContext write =
                new WriteContext(
                        caller,
                        serviceId,
                        target,
                        body.changeReason(),
                        EntityTags.expectedVersion(ifMatch, body.expectedVersion()));
        return WriteResponses.of(
                writeQueue.inTurn(
                        write.serviceId(), () -> commands.batch(write, body.operations())),
                HttpStatus.OK);
    }

    @GetMapping("/{serviceId}/batch")
    @Operation(summary = "Get several keys at once")
    ApiResponse<BatchGetResult> batchGet(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @Parameter(description = "Comma-separated dot paths") @RequestParam String keys,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            HttpServletRequest request) {
        return ApiResponse.ok(
                queries.readKeys(caller, serviceId, environment, keys, RequestOrigin.of(request)));
    }

    @GetMapping("/{serviceId}/versions")
    @Operation(summary = "Version history, newest first")
    PagedResponse<VersionSummary> versions(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PagedResponse.of(queries.history(caller, serviceId, environment, limit, cursor));
    }

    @PostMapping("/{serviceId}/versions/{version}/rollback")
    @Operation(summary = "Make a new version equal to an earlier one")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = WriteResponses.APPLIED,
            content = @Content(schema = @Schema(implementation = WriteResponses.AppliedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description = WriteResponses.HELD,
            content = @Content(schema = @Schema(implementation = WriteResponses.HeldBody.class)))
    ResponseEntity<ApiResponse<?>> rollback(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @PathVariable int version,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody(required = false) @Nullable ChangeReason body) {
        WriteContext write =
                new WriteContext(
                        caller,
                        serviceId,
                        environment,
                        body == null ? null : body.changeReason(),
                        EntityTags.expectedVersion(
                                ifMatch, body == null ? null : body.expectedVersion()));
        return WriteResponses.of(
                writeQueue.inTurn(write.serviceId(), () -> commands.rollback(write, version)),
                HttpStatus.OK);
    }
}
