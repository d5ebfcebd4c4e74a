package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.cache.CachedConfiguration;
import io.configservice.cache.ConfigurationRead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot reads' body, written without Jackson, is exactly what Jackson writes for the same
 * response (as it does for the other reads), and as long as it says.
 */
class ReadResponseBodyTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesTheSameBytesAsJackson(boolean cached) throws IOException {
        assertSameAsJackson(
                new ConfigurationRead(
                        new CachedConfiguration(
                                3,
                                "{\"a\":{\"b\":[1,2.5,\"wörd \\\"quoted\\\" 🚀\"]},\"z\":null}",
                                "{\"serviceId\":\"orders\",\"version\":3}"),
                        cached),
                Instant.parse("2026-12-01T05:40:28.808000462Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-01T05:40:28Z",
                "2026-12-01T05:40:28.800Z",
                "2026-12-01T05:40:28.000001Z"
            })
    void writesTimestampsAsJacksonDoes(String instant) throws IOException {
        assertSameAsJackson(
                new ConfigurationRead(new CachedConfiguration(1, "{}", "{}"), true),
                Instant.parse(instant));
    }

    private void assertSameAsJackson(ConfigurationRead read, Instant timestamp) throws IOException {
        ReadResponseBody body = new ReadResponseBody(read, timestamp);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        body.writeTo(written);
        String expected =
                json.writeValueAsString(
                        new ConfigurationReadResponse(
                                true,
                                read.entry().data().text(),
                                read.cached(),
                                read.entry().meta().text(),
                                timestamp));
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(body.length()).isEqualTo(written.size());
    }
}
