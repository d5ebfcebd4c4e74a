package io.configservice.audit;

import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.configservice.web.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit API: configuration changes, credential accesses, verification of their hash chains, and
 * the export of the access logs (admin).
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Audit",
        description =
                "HMAC-chained audit of configuration changes, credential accesses and admin actions")
class AuditController {

    private static final String CONFIGURATION_OPERATIONS =
            "Configuration writes: CREATE, UPDATE, DELETE, BATCH, "
                    + "ROLLBACK, EMERGENCY; approvals: APPROVAL_REQUEST, APPROVAL_APPROVE, APPROVAL_REJECT; under serviceId * (whole "
                    + "environment): ENV_CREATE, ENV_UPDATE, ENV_DELETE, APPROVAL_POLICY_PUT, APPROVAL_POLICY_DELETE; under "
                    + "environment * (every environment of the service): SCHEMA_PUT";
    private static final String CREDENTIAL_OPERATIONS =
            "Credentials: CREATE, RETRIEVE, LIST_VERSIONS, ROTATE, "
                    + "DELETE, DESTROY_VERSION; service tokens: TOKEN_ISSUE, TOKEN_REVOKE; rotation policies: ROTATION_POLICY_CREATE, "
                    + "ROTATION_POLICY_UPDATE, ROTATION_POLICY_DELETE; key encryption key: KEK_ROTATE, KEK_REWRAP";

    private static final byte[] NEWLINE = {'\n'};

    private final AuditService auditService;
    private final AuditExportService exportService;
    private final JsonMapper json;

    AuditController(AuditService auditService, AuditExportService exportService, JsonMapper json) {
        this.auditService = auditService;
        this.exportService = exportService;
        this.json = json;
    }

    @GetMapping("/configurations")
    @Operation(summary = "Configuration changes, newest first")
    PagedResponse<ConfigurationAuditEntry> configurations(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Nullable String serviceId,
            @RequestParam(required = false) @Nullable String environment,
            @RequestParam(required = false) @Nullable String actor,
            @Parameter(description = CONFIGURATION_OPERATIONS) @RequestParam(required = false)
                    @Nullable String operation,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        AuditFilter filter = new AuditFilter(serviceId, environment, actor, operation, from, to);
        return PagedResponse.of(auditService.configurationEntries(caller, filter, limit, cursor));
    }

    @GetMapping("/credentials")
    @Operation(summary = "Credential accesses, granted and denied, newest first (never a value)")
    PagedResponse<CredentialAuditEntry> credentials(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Nullable String serviceId,
            @RequestParam(required = false) @Nullable String actor,
            @Parameter(description = CREDENTIAL_OPERATIONS) @RequestParam(required = false)
                    @Nullable String operation,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        AuditFilter filter = new AuditFilter(serviceId, null, actor, operation, from, to);
        return PagedResponse.of(auditService.credentialEntries(caller, filter, limit, cursor));
    }

    @GetMapping(path = "/export", produces = MediaType.APPLICATION_NDJSON_VALUE)
    @Operation(
            summary =
                    "Export an access log as JSON lines, oldest first, to archive it before retention prunes it "
                            + "(admin; recorded as AUDIT_EXPORT)",
            description =
                    "One object per line, as stored (never a value): "
                            + "configuration-access rows {id, serviceId, environment, version, keyPath, actor, ipAddress, userAgent, "
                            + "cached, accessedAt}; credential-access rows as GET /audit/credentials shows them, with chainSeq and "
                            + "hash. Rows with after <= accessedAt < before.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "The rows, one JSON object a line",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_NDJSON_VALUE,
                            schema = @Schema(type = "string")))
    void export(
            @AuthenticationPrincipal Caller caller,
            @Parameter(description = "configuration-access or credential-access") @RequestParam
                    String table,
            @RequestParam(required = false) @Nullable Instant after,
            @RequestParam Instant before,
            HttpServletResponse response)
            throws IOException {
        AuditExportService.AuditExport export = exportService.start(caller, table, after, before);
        response.setContentType(MediaType.APPLICATION_NDJSON_VALUE);
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(export.table().wire() + "-before-" + before + ".jsonl")
                        .build()
                        .toString());
        OutputStream out = response.getOutputStream();
        exportService.forEach(
                export,
                row -> {
                    try {
                        out.write(json.writeValueAsBytes(row));
                        out.write(NEWLINE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @GetMapping("/verify")
    @Operation(
            summary = "Check both chains with the audit chain key: {valid, checked, firstBrokenId}")
    ApiResponse<AuditVerification> verify(@AuthenticationPrincipal Caller caller) {
        return ApiResponse.ok(auditService.verify(caller));
    }
}
