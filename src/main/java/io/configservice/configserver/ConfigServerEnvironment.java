package io.configservice.configserver;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The Config Server's {@code Environment}, as the Spring Cloud Config client reads it.
 *
 * @param name the application (service id)
 * @param profiles the requested profiles (environments), as requested
 * @param label the requested label (a version of the service's own documents), {@code null} for the
 *     current state
 * @param version which state was served: {@code <environment>:r<revision>} per served environment,
 *     or with a label {@code <environment>:v<version>}, comma-separated; {@code null} when nothing
 *     was served
 * @param state always {@code null} (the Config Server fills it only for Vault)
 * @param propertySources one per served environment, the most specific (last requested) first
 */
@JsonPropertyOrder({"name", "profiles", "label", "version", "state", "propertySources"})
public record ConfigServerEnvironment(
        String name,
        List<String> profiles,
        @Nullable String label,
        @Nullable String version,
        @Nullable String state,
        List<PropertySource> propertySources) {

    /**
     * One environment's effective configuration in Spring's flat form ({@code a.b}, {@code
     * list[0]}).
     *
     * @param name {@code configservice:<application>-<environment>}
     * @param source the flat properties; resolved credential values when the caller may read them
     */
    public record PropertySource(
            String name,
            @Schema(description = "Flat properties: dot paths and [index] for list elements")
                    Map<String, JsonNode> source) {

        @Override
        public String toString() {
            return "PropertySource[name=" + name + ", " + source.size() + " properties]";
        }
    }
}
