package io.configservice.configserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class SpringPropertiesTests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void flattensLikeSpringsYamlProcessorAndWithholdsUnresolvedReferences() {
        Map<String, JsonNode> flat =
                SpringProperties.flatten(
                        json.readTree(
                                """
                {"a":{"b":{"c":1}},"list":[{"x":"y"},null,[true]],"empty":[],"none":{},
                 "password":"${credential:orders.db}","text":"${not-a-credential}"}"""));

        assertThat(flat)
                .containsExactly(
                        Map.entry("a.b.c", NODES.numberNode(1)),
                        Map.entry("list[0].x", NODES.stringNode("y")),
                        Map.entry("list[1]", NODES.stringNode("")),
                        Map.entry("list[2][0]", NODES.booleanNode(true)),
                        Map.entry("empty", NODES.stringNode("")),
                        Map.entry("invalid.password", NODES.stringNode("<n/a>")),
                        Map.entry("text", NODES.stringNode("${not-a-credential}")));
    }

    @Test
    void aMoreSpecificSourceWinsPerKeyAndTakesAListWhole() {
        Map<String, JsonNode> specific = new LinkedHashMap<>();
        specific.put("b", NODES.stringNode("specific"));
        specific.put("list[0]", NODES.stringNode("s"));
        Map<String, JsonNode> general = new LinkedHashMap<>();
        general.put("a", NODES.stringNode("general"));
        general.put("b", NODES.stringNode("general"));
        general.put("list[0]", NODES.stringNode("g0"));
        general.put("list[1]", NODES.stringNode("g1"));

        assertThat(SpringProperties.merge(List.of(specific, general)))
                .containsExactly(
                        Map.entry("a", NODES.stringNode("general")),
                        Map.entry("b", NODES.stringNode("specific")),
                        Map.entry("list[0]", NODES.stringNode("s")));
    }

    @Test
    void rebuildsTheTreeAndKeepsAKeyBelowAValueAsOneMemberName() {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        flat.put("server.port", NODES.numberNode(8080));
        flat.put("logging", NODES.stringNode("info"));
        flat.put("logging.level.root", NODES.stringNode("debug"));
        flat.put("list[1].name", NODES.stringNode("second"));
        flat.put("matrix[0][1]", NODES.numberNode(2.5));

        assertThat(SpringProperties.tree(flat))
                .isEqualTo(
                        json.readTree(
                                """
                {"server":{"port":8080},"logging":"info","logging.level.root":"debug",
                 "list":[null,{"name":"second"}],"matrix":[[null,2.5]]}"""));
    }
}
