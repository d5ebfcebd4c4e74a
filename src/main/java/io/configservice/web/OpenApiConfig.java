package io.configservice.web;

import io.configservice.ServiceProperties;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI description served at {@code /v3/api-docs}: the {@code X-Service-Token} and Bearer JWT
 * schemes for Swagger UI's "Authorize" (either one authenticates a call), and the error envelope on
 * every operation with the statuses it can answer.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String SERVICE_AUTH = "ServiceAuth";
    static final String BEARER_AUTH = "BearerAuth";
    private static final String API_ERROR = "ApiError";

    @Bean
    OpenAPI configServiceOpenApi(ServiceProperties service) {
        Components components =
                new Components()
                        .addSecuritySchemes(
                                SERVICE_AUTH,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Service-Token")
                                        .description("A service token (cst_…) or the admin token"))
                        .addSecuritySchemes(
                                BEARER_AUTH,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "An operator JWT; roles reader, operator, approver, auditor "
                                                        + "and admin are read from its roles claim"));
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Configuration Management API")
                                .version(service.version())
                                .description(
                                        "Centralized configuration management and credential vault"))
                .addServersItem(new Server().url("/").description("This server"))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList(SERVICE_AUTH))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_AUTH));
    }

    /** Adds the error responses each operation can give, all with the {@code ApiError} envelope. */
    @Bean
    OpenApiCustomizer errorResponses() {
        return openApi -> {
            Map<String, Schema> errorSchemas = ModelConverters.getInstance().read(ApiError.class);
            errorSchemas.forEach(openApi.getComponents()::addSchemas);
            openApi.getPaths()
                    .forEach(
                            (path, item) -> {
                                if (path.startsWith("/api/v1/") && !path.equals("/api/v1/health")
                                        || path.startsWith("/config-server/")) {
                                    item.readOperationsMap()
                                            .forEach(
                                                    (method, operation) ->
                                                            addErrors(path, method, operation));
                                }
                            });
        };
    }

    private static void addErrors(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        error(responses, "400", "Invalid request, parameter or body");
        error(responses, "401", "Missing, unknown, expired or revoked token, or an invalid JWT");
        error(responses, "403", "The caller's scopes or roles do not allow this");
        error(responses, "500", "Unexpected error (no details)");
        error(
                responses,
                "503",
                "DEPENDENCY_UNAVAILABLE: PostgreSQL, Redis, Vault or the broker is unreachable;"
                        + " WRITE_CONTENTION (configuration writes): too many concurrent writes to"
                        + " the service on this replica; retry after Retry-After");
        if (path.contains("{")) {
            error(responses, "404", "No such resource");
        }
        boolean write =
                method == PathItem.HttpMethod.POST
                        || method == PathItem.HttpMethod.PUT
                        || method == PathItem.HttpMethod.PATCH
                        || method == PathItem.HttpMethod.DELETE;
        if (operation.getRequestBody() != null) {
            error(responses, "413", "Body over the size limit");
            error(responses, "415", "Unsupported Content-Type");
        }
        if (write) {
            error(responses, "409", "Conflicts with the current state");
        }
        if (write && path.startsWith("/api/v1/configurations/")) {
            error(
                    responses,
                    "413",
                    "The resulting document is over configservice.max-document-bytes");
            error(responses, "412", "If-Match / expectedVersion is not the current version");
            error(responses, "428", "This environment requires If-Match");
        }
        if (path.startsWith("/api/v1/configurations/")) {
            error(
                    responses,
                    "410",
                    "Version removed by retention, or history no longer reaches back");
        }
    }

    private static void error(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(
                status,
                new ApiResponse()
                        .description(description)
                        .content(
                                new Content()
                                        .addMediaType(
                                                "application/json",
                                                new MediaType()
                                                        .schema(new Schema<>().$ref(API_ERROR)))));
    }
}
