package io.configservice.configserver;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The Config Server's document forms of an environment's merged properties: {@code .properties} as
 * {@code key: value} lines, {@code .json} and {@code .yml}/{@code .yaml} as the rebuilt tree; JSON
 * as {@code application/json}, the others as {@code text/plain}, as the Config Server answers them.
 */
enum DocumentFormat {
    PROPERTIES(MediaType.TEXT_PLAIN),
    JSON(MediaType.APPLICATION_JSON),
    YAML(MediaType.TEXT_PLAIN);

    private static final YAMLMapper YAML_WRITER =
            YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    private final MediaType mediaType;

    DocumentFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    String render(Map<String, JsonNode> merged, JsonMapper json) {
        return switch (this) {
            case PROPERTIES ->
                    merged.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue().asString())
                            .collect(Collectors.joining("\n"));
            case JSON -> json.writeValueAsString(SpringProperties.tree(merged));
            case YAML -> YAML_WRITER.writeValueAsString(SpringProperties.tree(merged));
        };
    }
}
