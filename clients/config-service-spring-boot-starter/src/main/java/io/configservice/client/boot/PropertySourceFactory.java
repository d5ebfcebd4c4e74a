package io.configservice.client.boot;

import io.configservice.client.ConfigServiceClient;
import io.configservice.client.EffectiveConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Flattens an effective configuration into Spring property names: object members join with {@code
 * .}, array elements get {@code [i]}, scalars keep their type, {@code null} and empty containers
 * leave no property. A string that is exactly {@code ${credential:KEY}} is replaced by the
 * credential's current value, read from the service into memory only (Spring would otherwise read
 * it as a placeholder for {@code credential} with the default {@code KEY}).
 */
final class PropertySourceFactory {

    private static final Pattern CREDENTIAL_REFERENCE =
            Pattern.compile("^\\$\\{credential:([a-zA-Z0-9._-]+)}$");

    private PropertySourceFactory() {}

    static String name(ConfigServiceClient client) {
        return "configservice:"
                + client.settings().serviceId()
                + "/"
                + client.settings().environment();
    }

    static ConfigServicePropertySource create(
            ConfigServiceClient client, EffectiveConfiguration configuration) {
        String source =
                client.settings().url()
                        + " "
                        + client.settings().serviceId()
                        + "/"
                        + client.settings().environment();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ConfigServiceOrigin> origins = new LinkedHashMap<>();
        Map<String, String> dotPaths = new LinkedHashMap<>();
        flatten("", "", configuration.document(), values, dotPaths);
        values.replaceAll((name, value) -> resolve(client, value));
        dotPaths.forEach(
                (name, dotPath) ->
                        origins.put(
                                name,
                                new ConfigServiceOrigin(
                                        source, configuration.revision(), dotPath)));
        return new ConfigServicePropertySource(
                name(client), values, origins, configuration.revision());
    }

    /** Keys of the credentials the configuration references. */
    static Set<String> credentialKeys(EffectiveConfiguration configuration) {
        Map<String, Object> values = new LinkedHashMap<>();
        flatten("", "", configuration.document(), values, new LinkedHashMap<>());
        Set<String> keys = new TreeSet<>();
        for (Object value : values.values()) {
            Matcher reference =
                    value instanceof String text ? CREDENTIAL_REFERENCE.matcher(text) : null;
            if (reference != null && reference.matches()) {
                keys.add(reference.group(1));
            }
        }
        return keys;
    }

    private static Object resolve(ConfigServiceClient client, Object value) {
        if (value instanceof String text) {
            Matcher reference = CREDENTIAL_REFERENCE.matcher(text);
            if (reference.matches()) {
                return client.credential(reference.group(1)).value();
            }
        }
        return value;
    }

    private static void flatten(
            String name,
            String dotPath,
            JsonNode node,
            Map<String, Object> values,
            Map<String, String> dotPaths) {
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            member ->
                                    flatten(
                                            name.isEmpty()
                                                    ? member.getKey()
                                                    : name + "." + member.getKey(),
                                            dotPath.isEmpty()
                                                    ? member.getKey()
                                                    : dotPath + "." + member.getKey(),
                                            member.getValue(),
                                            values,
                                            dotPaths));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(name + "[" + i + "]", dotPath, node.get(i), values, dotPaths);
            }
        } else if (!node.isNull() && !node.isMissingNode()) {
            values.put(
                    name,
                    node.isString()
                            ? node.asString()
                            : node.isBoolean()
                                    ? node.asBoolean()
                                    : node.isNumber() ? node.numberValue() : node.toString());
            dotPaths.put(name, dotPath);
        }
    }
}
