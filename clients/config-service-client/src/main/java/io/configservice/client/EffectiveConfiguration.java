package io.configservice.client;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The effective configuration of a service in an environment at one revision, as the service serves
 * it (secret references such as {@code ${credential:KEY}} are kept as written, never resolved).
 *
 * @param revision the effective revision; 0 when nothing was ever loaded
 * @param document the configuration document; a private copy, so callers may not change the
 *     client's state
 * @param appliedAt when this client applied it
 */
public record EffectiveConfiguration(
        String serviceId,
        String environment,
        long revision,
        ObjectNode document,
        Instant appliedAt) {

    public EffectiveConfiguration {
        document = document.deepCopy();
    }

    @Override
    public ObjectNode document() {
        return document.deepCopy();
    }

    /** The value at a dot path ({@code database.pool.size}), or a missing node. */
    public JsonNode at(String dotPath) {
        JsonNode node = document;
        for (String segment : dotPath.split("\\.")) {
            node = node.path(segment);
        }
        return node;
    }

    /** Without the document, which may hold anything. */
    @Override
    public String toString() {
        return "EffectiveConfiguration[serviceId="
                + serviceId
                + ", environment="
                + environment
                + ", revision="
                + revision
                + ", appliedAt="
                + appliedAt
                + "]";
    }
}
