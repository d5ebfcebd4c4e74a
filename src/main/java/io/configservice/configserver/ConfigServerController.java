package io.configservice.configserver;

import io.configservice.audit.RequestOrigin;
import io.configservice.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Spring Cloud Config Server protocol under {@code /config-server}: the {@code Environment} the
 * Config client reads ({@code spring.config.import=configserver:http://host:8011/config-server}),
 * and the {@code .properties}, {@code .json}, {@code .yml} and {@code .yaml} document forms.
 */
@RestController
@RequestMapping(path = ConfigServerController.PREFIX)
@Tag(
        name = "Spring Cloud Config Server",
        description =
                "The Config Server protocol over effective configurations "
                        + "(application = service id, profiles = environments, label = version of the service's own document)")
class ConfigServerController {

    static final String PREFIX = "/config-server";

    /**
     * What the Config client asks for by default; the body is the same as for {@code
     * application/json}.
     */
    static final String ENVIRONMENT_V2_JSON = "application/vnd.spring-cloud.config-server.v2+json";

    private static final String PROFILES = "{profiles:(?!.*\\b\\.(?:ya?ml|properties|json)\\b).*}";
    private static final String PROFILES_DESCRIPTION =
            "Comma-separated environments; the last wins";

    private final ConfigServerService configServer;

    ConfigServerController(ConfigServerService configServer) {
        this.configServer = configServer;
    }

    @GetMapping(
            path = "/{application}/" + PROFILES,
            produces = {MediaType.APPLICATION_JSON_VALUE, ENVIRONMENT_V2_JSON})
    @Operation(
            summary = "The Config Server Environment of a service in environments, current state")
    ConfigServerEnvironment environment(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String application,
            @Parameter(description = PROFILES_DESCRIPTION) @PathVariable String profiles,
            HttpServletRequest request) {
        return configServer.environment(
                caller, application, profiles, null, RequestOrigin.of(request));
    }

    @GetMapping(
            path = "/{application}/{profiles}/{label}",
            produces = {MediaType.APPLICATION_JSON_VALUE, ENVIRONMENT_V2_JSON})
    @Operation(
            summary =
                    "The Config Server Environment with each environment's own document at a version")
    ConfigServerEnvironment labelledEnvironment(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String application,
            @Parameter(description = PROFILES_DESCRIPTION) @PathVariable String profiles,
            @Parameter(description = "A version number of the service's own document") @PathVariable
                    String label,
            HttpServletRequest request) {
        return configServer.environment(
                caller, application, profiles, label, RequestOrigin.of(request));
    }

    @GetMapping(path = "/{application}-{profiles}.properties")
    @Operation(summary = "The merged properties as key: value lines")
    ResponseEntity<String> properties(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String application,
            @PathVariable String profiles,
            HttpServletRequest request) {
        return document(caller, application, profiles, null, DocumentFormat.PROPERTIES, request);
    }

    @GetMapping(path = "/{label}/{application}-{profiles}.properties")
    @Operation(summary = "The merged properties at a version as key: value lines")
    ResponseEntity<String> labelledProperties(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String label,
            @PathVariable String application,
            @PathVariable String profiles,
            HttpServletRequest request) {
        return document(caller, application, profiles, label, DocumentFormat.PROPERTIES, request);
    }

    @GetMapping(path = "/{application}-{profiles}.json")
    @Operation(summary = "The merged properties as a JSON document")
    ResponseEntity<String> json(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String application,
            @PathVariable String profiles,
            HttpServletRequest request) {
        return document(caller, application, profiles, null, DocumentFormat.JSON, request);
    }

    @GetMapping(path = "/{label}/{application}-{profiles}.json")
    @Operation(summary = "The merged properties at a version as a JSON document")
    ResponseEntity<String> labelledJson(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String label,
            @PathVariable String application,
            @PathVariable String profiles,
            HttpServletRequest request) {
        return document(caller, application, profiles, label, DocumentFormat.JSON, request);
    }

    @GetMapping(path = {"/{application}-{profiles}.yml", "/{application}-{profiles}.yaml"})
    @Operation(summary = "The merged properties as a YAML document")
    ResponseEntity<String> yaml(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String application,
            @PathVariable String profiles,
            HttpServletRequest request) {
        return document(caller, application, profiles, null, DocumentFormat.YAML, request);
    }

    @GetMapping(
            path = {
                "/{label}/{application}-{profiles}.yml",
                "/{label}/{application}-{profiles}.yaml"
            })
    @Operation(summary = "The merged properties at a version as a YAML document")
    ResponseEntity<String> labelledYaml(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String label,
            @PathVariable String application,
            @PathVariable String profiles,
            HttpServletRequest request) {
        return document(caller, application, profiles, label, DocumentFormat.YAML, request);
    }

    private ResponseEntity<String> document(
            Caller caller,
            String application,
            String profiles,
            @Nullable String label,
            DocumentFormat format,
            HttpServletRequest request) {
        return ResponseEntity.ok()
                .contentType(format.mediaType())
                .body(
                        configServer.document(
                                caller,
                                application,
                                profiles,
                                label,
                                format,
                                RequestOrigin.of(request)));
    }
}
