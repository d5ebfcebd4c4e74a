package io.configservice.configuration;

import io.configservice.audit.RequestOrigin;
import io.configservice.configuration.document.ConfigurationFormats;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Export of a configuration as JSON, YAML or .properties, and import of one as a new version. */
@RestController
@RequestMapping("/api/v1/configurations")
@Tag(name = "Configurations")
class ConfigurationTransferController {

    private final ConfigurationQueryService queries;
    private final ConfigurationCommandService commands;
    private final ServiceWriteQueue writeQueue;

    ConfigurationTransferController(
            ConfigurationQueryService queries,
            ConfigurationCommandService commands,
            ServiceWriteQueue writeQueue) {
        this.queries = queries;
        this.commands = commands;
        this.writeQueue = writeQueue;
    }

    @GetMapping("/{serviceId}/export")
    @Operation(
            summary =
                    "Download the configuration as json, yaml or properties (flattened as Spring Boot reads them)")
    ResponseEntity<byte[]> export(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(defaultValue = ConfigurationController.DEFAULT_ENVIRONMENT)
                    String environment,
            @Parameter(description = "'latest' or a version number") @RequestParam(required = false)
                    @Nullable String version,
            HttpServletRequest request) {
        ConfigurationFormats.Format target = ConfigurationFormats.Format.fromQuery(format);
        byte[] body =
                ConfigurationFormats.export(
                        queries.readDocument(
                                caller, serviceId, environment, version, RequestOrigin.of(request)),
                        target);
        String filename =
                serviceId + "-" + environment + "." + target.name().toLowerCase(Locale.ROOT);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(target.mediaType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename).build().toString())
                .body(body);
    }

    @PostMapping(
            path = "/{serviceId}/import",
            produces = MediaType.APPLICATION_JSON_VALUE,
            consumes = {
                "application/json",
                "application/yaml",
                "application/x-yaml",
                "text/yaml",
                "text/x-java-properties"
            })
    @Operation(
            summary =
                    "Import a JSON, YAML or .properties document as one new version (mode replace or merge)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = WriteResponses.APPLIED,
            content = @Content(schema = @Schema(implementation = WriteResponses.AppliedBody.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "202",
            description = WriteResponses.HELD,
            content = @Content(schema = @Schema(implementation = WriteResponses.HeldBody.class)))
    ResponseEntity<ApiResponse<?>> importDocument(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(defaultValue = ConfigurationController.DEFAULT_ENVIRONMENT)
                    String environment,
            @Parameter(
                            description =
                                    "'replace' (default) or 'merge' (RFC 7396 into the current document)")
                    @RequestParam(defaultValue = "replace")
                    String mode,
            @RequestParam(required = false) @Nullable String changeReason,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestBody byte[] body) {
        if (!mode.equals("replace") && !mode.equals("merge")) {
            throw ApiException.invalidRequest("mode must be 'replace' or 'merge'");
        }
        ConfigurationFormats.Format format =
                ConfigurationFormats.Format.fromMediaType(contentType)
                        .orElseThrow(
                                () ->
                                        ApiException.invalidRequest(
                                                "Unsupported import content type"));
        WriteContext write =
                new WriteContext(
                        caller,
                        serviceId,
                        environment,
                        changeReason,
                        EntityTags.expectedVersion(ifMatch, null));
        return WriteResponses.of(
                writeQueue.inTurn(
                        write.serviceId(),
                        () ->
                                commands.importDocument(
                                        write,
                                        ConfigurationFormats.parse(body, format),
                                        mode.equals("merge"))),
                HttpStatus.OK);
    }
}
