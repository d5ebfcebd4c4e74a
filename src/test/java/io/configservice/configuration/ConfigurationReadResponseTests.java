package io.configservice.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.configuration.ConfigurationReadResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.mock.http.MockHttpOutputMessage;
import tools.jackson.databind.json.JsonMapper;

/** The byte-level writer answers exactly what Jackson writes for the same response. */
class ConfigurationReadResponseConverterTests {

    private final ConfigurationReadResponseConverter converter =
            new ConfigurationReadResponseConverter();
    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesTheSameBytesAsJackson(boolean cached) throws Exception {
        ConfigurationReadResponse response =
                new ConfigurationReadResponse(
                        true,
                        "{\"a\":{\"b\":[1,2.5,\"wörd \\\"quoted\\\"\"]},\"z\":null}",
                        cached,
                        "{\"serviceId\":\"orders\",\"version\":3}",
                        Instant.parse("2026-12-01T05:40:28.808000462Z"));
        MockHttpOutputMessage output = new MockHttpOutputMessage();

        assertThat(converter.canWrite(ConfigurationReadResponse.class, MediaType.APPLICATION_JSON))
                .isTrue();
        converter.write(response, MediaType.APPLICATION_JSON, output);

        String expected = json.writeValueAsString(response);
        assertThat(output.getBodyAsString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(output.getHeaders().getContentLength())
                .isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
        assertThat(output.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-01T05:40:28Z",
                "2026-12-01T05:40:28.800Z",
                "2026-12-01T05:40:28.000001Z"
            })
    void writesTimestampsAsJacksonDoes(String instant) throws Exception {
        ConfigurationReadResponse response =
                new ConfigurationReadResponse(true, "{}", true, "{}", Instant.parse(instant));
        MockHttpOutputMessage output = new MockHttpOutputMessage();
        converter.write(response, MediaType.APPLICATION_JSON, output);
        assertThat(output.getBodyAsString(StandardCharsets.UTF_8))
                .isEqualTo(json.writeValueAsString(response));
    }
}
