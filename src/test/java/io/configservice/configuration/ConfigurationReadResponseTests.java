package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope's bytes, built without Jackson for the hot reads, are exactly what Jackson writes
 * for the same response (as it does for the other reads).
 */
class ConfigurationReadResponseTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesTheSameBytesAsJackson(boolean cached) {
        ConfigurationReadResponse response =
                new ConfigurationReadResponse(
                        true,
                        "{\"a\":{\"b\":[1,2.5,\"wörd \\\"quoted\\\"\"]},\"z\":null}",
                        cached,
                        "{\"serviceId\":\"orders\",\"version\":3}",
                        Instant.parse("2026-12-01T05:40:28.808000462Z"));
        String expected = json.writeValueAsString(response);
        assertThat(new String(response.toJson(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-01T05:40:28Z",
                "2026-12-01T05:40:28.800Z",
                "2026-12-01T05:40:28.000001Z"
            })
    void writesTimestampsAsJacksonDoes(String instant) {
        ConfigurationReadResponse response =
                new ConfigurationReadResponse(true, "{}", true, "{}", Instant.parse(instant));
        assertThat(new String(response.toJson(), StandardCharsets.UTF_8))
                .isEqualTo(json.writeValueAsString(response));
    }
}
