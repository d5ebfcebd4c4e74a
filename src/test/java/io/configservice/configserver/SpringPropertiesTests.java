package io.configservice.configserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SpringPropertiesTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void flattensLikeSpringsYamlProcessorAndWithholdsUnresolvedReferences() {
        Map<String, Object> flat = SpringProperties.flatten(json.readTree("""
                {"a":{"b":{"c":1}},"list":[{"x":"y"},null,[true]],"empty":[],"none":{},
                 "password":"${credential:orders.db}","text":"${not-a-credential}"}"""));

        assertThat(flat).containsExactly(Map.entry("a.b.c", 1), Map.entry("list[0].x", "y"), Map.entry("list[1]", ""),
                Map.entry("list[2][0]", true), Map.entry("empty", ""), Map.entry("invalid.password", "<n/a>"),
                Map.entry("text", "${not-a-credential}"));
    }

    @Test
    void aMoreSpecificSourceWinsPerKeyAndTakesAListWhole() {
        Map<String, Object> specific = new LinkedHashMap<>(Map.of("b", "specific", "list[0]", "s"));
        Map<String, Object> general = new LinkedHashMap<>();
        general.put("a", "general");
        general.put("b", "general");
        general.put("list[0]", "g0");
        general.put("list[1]", "g1");

        assertThat(SpringProperties.merge(List.of(specific, general)))
                .containsExactly(Map.entry("a", "general"), Map.entry("b", "specific"), Map.entry("list[0]", "s"));
    }

    @Test
    void rebuildsTheTreeAndKeepsAKeyBelowAValueAsOneMemberName() {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("server.port", 8080);
        flat.put("logging", "info");
        flat.put("logging.level.root", "debug");
        flat.put("list[1].name", "second");
        flat.put("matrix[0][1]", 2.5);

        assertThat(SpringProperties.tree(flat)).isEqualTo(json.readTree("""
                {"server":{"port":8080},"logging":"info","logging.level.root":"debug",
                 "list":[null,{"name":"second"}],"matrix":[[null,2.5]]}"""));
    }
}
