package io.configservice.configuration;

import io.configservice.audit.RequestOrigin;
import io.configservice.configuration.effective.EffectiveChangeFeed;
import io.configservice.configuration.effective.EffectiveConfigurationService;
import io.configservice.configuration.effective.EffectiveRead;
import io.configservice.configuration.effective.EffectiveReadBody;
import io.configservice.configuration.history.ChangeFeed;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Effective configurations per environment (inheritance and overrides), diffs and the change feed.
 */
@RestController
@RequestMapping(path = "/api/v1/configurations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Configurations")
class ConfigurationLayersController {

    private final EffectiveConfigurationService effective;
    private final ConfigurationCommandService commands;
    private final ServiceWriteQueue writeQueue;
    private final ConfigurationQueryService queries;

    ConfigurationLayersController(
            EffectiveConfigurationService effective,
            ConfigurationCommandService commands,
            ServiceWriteQueue writeQueue,
            ConfigurationQueryService queries) {
        this.effective = effective;
        this.commands = commands;
        this.writeQueue = writeQueue;
        this.queries = queries;
    }

    @GetMapping("/{serviceId}/environments/{environment}")
    @Operation(
            summary =
                    "Effective configuration: parents, then the service's own document, then overrides",
            description =
                    "Served from the stored effective configuration through the cache, with ETag \"r<revision>\""
                            + " (If-None-Match answers 304) and meta {serviceId, environment, revision, checksum, layers}; "
                            + "the revision changes exactly when the effective content changes. With explain=true the "
                            + "configuration is resolved now and each value names the layer that supplied it.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description =
                    "The effective "
                            + "configuration in data {serviceId, environment, configuration[, explain]}",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = EffectiveReadBody.class)))
    ResponseEntity<Object> getEffective(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @PathVariable String environment,
            @Parameter(
                            description = "Say which layer supplied each value",
                            schema = @Schema(type = "boolean", defaultValue = "false"))
                    // the default is documented, not declared: Spring resolves a declared one as an
                    // expression per request
                    @RequestParam(required = false)
                    @Nullable Boolean explain,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                    @Nullable String ifNoneMatch,
            HttpServletRequest request) {
        if (Boolean.TRUE.equals(explain)) {
            return ResponseEntity.ok(
                    ApiResponse.ok(
                            effective.explain(
                                    caller, serviceId, environment, RequestOrigin.of(request))));
        }
        EffectiveRead read =
                effective.read(caller, serviceId, environment, RequestOrigin.of(request));
        String etag = EntityTags.ofRevision(read.revision());
        if (EntityTags.matchesRevision(ifNoneMatch, read.revision())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, etag)
                    .build();
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, etag)
                .body(ConfigurationReadResponse.of(read.read()));
    }

    @GetMapping("/{serviceId}/environments/{environment}/changes")
    @Operation(
            summary =
                    "Effective changes after a revision, oldest first (resume after missed events); 410 "
                            + "RESYNC_REQUIRED when the change log no longer reaches back")
    ApiResponse<EffectiveChangeFeed> effectiveChanges(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @PathVariable String environment,
            @RequestParam long sinceRevision) {
        return ApiResponse.ok(
                effective.changesSince(caller, serviceId, environment, sinceRevision));
    }

    @PutMapping(
            path = "/{serviceId}/environments/{environment}",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Write the service's own document in an environment (created when missing)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = WriteResponses.APPLIED,
            content = @Content(schema = @Schema(implementation = WriteResponses.AppliedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description = WriteResponses.HELD,
            content = @Content(schema = @Schema(implementation = WriteResponses.HeldBody.class)))
    ResponseEntity<ApiResponse<?>> putOwnLayer(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @PathVariable String environment,
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
                        write.serviceId(),
                        () -> commands.createOrReplace(write, body.configuration())),
                HttpStatus.OK);
    }

    @GetMapping("/{serviceId}/changes")
    @Operation(
            summary =
                    "Changes after a version, oldest first (resume after missed events); 410 RESYNC_REQUIRED "
                            + "when history no longer reaches back")
    ApiResponse<ChangeFeed> changes(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam int sinceVersion,
            @RequestParam(defaultValue = ConfigurationController.DEFAULT_ENVIRONMENT)
                    String environment) {
        return ApiResponse.ok(queries.changesSince(caller, serviceId, environment, sinceVersion));
    }

    @GetMapping("/{serviceId}/diff")
    @Operation(summary = "Differences between two versions, as changes or as RFC 6902 JSON Patch")
    ApiResponse<List<?>> diff(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam int from,
            @RequestParam int to,
            @RequestParam(defaultValue = ConfigurationController.DEFAULT_ENVIRONMENT)
                    String environment,
            @Parameter(description = "'changes' (default) or 'json-patch'")
                    @RequestParam(defaultValue = "changes")
                    String format) {
        if (!format.equals("changes") && !format.equals("json-patch")) {
            throw ApiException.invalidRequest("format must be 'changes' or 'json-patch'");
        }
        return ApiResponse.ok(
                queries.diff(
                        caller, serviceId, environment, from, to, format.equals("json-patch")));
    }
}
