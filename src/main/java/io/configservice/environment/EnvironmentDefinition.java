package io.configservice.environment;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What configuration resolution needs of an environment: its parents, its overrides and its
 * retention.
 */
public record EnvironmentDefinition(
        String id,
        List<String> inheritsFrom,
        ObjectNode configurationOverrides,
        RetentionPolicy retention) {}
