package io.configservice.configuration;

import tools.jackson.databind.JsonNode;

/** One configuration key and its value. */
public record KeyValue(String key, JsonNode value) {}
