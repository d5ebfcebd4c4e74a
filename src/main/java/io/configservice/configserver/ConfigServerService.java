package io.configservice.configserver;

import io.configservice.audit.RequestOrigin;
import io.configservice.configuration.SecretReferenceResolver;
import io.configservice.configuration.effective.EffectiveConfigurationService;
import io.configservice.configuration.effective.EffectiveRead;
import io.configservice.environment.EnvironmentService;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the Config Server's requests from the effective configuration: the application is the
 * service id, each profile an environment (an unknown one contributes nothing, as a profile without
 * files does on a Config Server), a label a version of the service's own document in each requested
 * environment. Access, scopes and the access audit are those of the effective read; {@code
 * ${credential:KEY}} references are resolved per request, only for a caller that may read the
 * service's credential values, and never cached.
 */
@Service
class ConfigServerService {

    private static final String SOURCE_PREFIX = "configservice:";

    private final EffectiveConfigurationService effective;
    private final EnvironmentService environments;
    private final SecretReferenceResolver secrets;
    private final JsonMapper json;

    ConfigServerService(
            EffectiveConfigurationService effective,
            EnvironmentService environments,
            SecretReferenceResolver secrets,
            JsonMapper json) {
        this.effective = effective;
        this.environments = environments;
        this.secrets = secrets;
        this.json = json;
    }

    /**
     * The {@code Environment} of an application in the requested profiles, the most specific (last)
     * first.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR} when the caller may not read the
     *     application's configuration or may read its credentials but not every credential it
     *     references; {@code NOT_FOUND} for a label that is not a version of the service's document
     *     in every requested environment that exists
     */
    ConfigServerEnvironment environment(
            Caller caller,
            String application,
            String profiles,
            @Nullable String label,
            RequestOrigin origin) {
        caller.requireReadConfiguration(application);
        Integer version = label == null ? null : parseLabel(label);
        List<String> requested =
                List.copyOf(
                        new LinkedHashSet<>(
                                Arrays.stream(profiles.split(","))
                                        .map(String::trim)
                                        .filter(profile -> !profile.isEmpty())
                                        .toList()));
        List<ConfigServerEnvironment.PropertySource> sources = new ArrayList<>();
        List<String> served = new ArrayList<>();
        for (String environment : requested) {
            if (!environments.isActive(environment)) {
                continue;
            }
            Optional<Served> document =
                    version == null
                            ? current(caller, application, environment, origin)
                            : Optional.of(
                                    new Served(
                                            effective.readWithOwnVersion(
                                                    caller,
                                                    application,
                                                    environment,
                                                    version,
                                                    origin),
                                            environment + ":v" + version));
            document.ifPresent(
                    found -> {
                        JsonNode resolved =
                                caller.mayReadCredentialValue(application)
                                        ? secrets.resolve(
                                                caller, application, found.configuration(), origin)
                                        : found.configuration();
                        sources.add(
                                0,
                                new ConfigServerEnvironment.PropertySource(
                                        SOURCE_PREFIX + application + "-" + environment,
                                        SpringProperties.flatten(resolved)));
                        served.add(found.state());
                    });
        }
        return new ConfigServerEnvironment(
                application,
                requested,
                label,
                served.isEmpty() ? null : String.join(",", served),
                null,
                sources);
    }

    /**
     * The environment's properties merged into one document form, as the Config Server's document
     * endpoints do.
     */
    String document(
            Caller caller,
            String application,
            String profiles,
            @Nullable String label,
            DocumentFormat format,
            RequestOrigin origin) {
        List<Map<String, JsonNode>> sources =
                environment(caller, application, profiles, label, origin).propertySources().stream()
                        .map(ConfigServerEnvironment.PropertySource::source)
                        .toList();
        return format.render(SpringProperties.merge(sources), json);
    }

    private Optional<Served> current(
            Caller caller, String application, String environment, RequestOrigin origin) {
        EffectiveRead read;
        try {
            read = effective.read(caller, application, environment, origin);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode data = json.readTree(read.read().entry().data().text());
        return Optional.of(
                new Served(data.get("configuration"), environment + ":r" + read.revision()));
    }

    private static int parseLabel(String label) {
        try {
            int version = Integer.parseInt(label);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.notFound(
                "No label '"
                        + label
                        + "': a label is a version number of the service's "
                        + "configuration");
    }

    /** An environment's effective document and which state of it was served. */
    private record Served(JsonNode configuration, String state) {}
}
