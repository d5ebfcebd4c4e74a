package io.configservice.configuration;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Several keys of one configuration: the values found, by key, and the keys that are not there. */
public record BatchGetResult(int version, Map<String, JsonNode> values, List<String> missing) {}
