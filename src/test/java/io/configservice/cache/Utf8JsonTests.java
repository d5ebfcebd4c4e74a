package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8JsonTests {

    private static final String TEXT = "{\"password\":\"s3cr€t 🚀\"}";

    @Test
    void keepsTheTextAsUtf8() throws IOException {
        Utf8Json json = Utf8Json.of(TEXT);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        json.writeTo(written);
        assertThat(written.toByteArray()).isEqualTo(TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(json.length()).isEqualTo(written.size()).isGreaterThan(TEXT.length());
        assertThat(json.text()).isEqualTo(TEXT);
    }

    @Test
    void isEqualByContent() {
        assertThat(Utf8Json.of(TEXT))
                .isEqualTo(Utf8Json.adopt(TEXT.getBytes(StandardCharsets.UTF_8)))
                .hasSameHashCodeAs(Utf8Json.of(TEXT))
                .isNotEqualTo(Utf8Json.of("{}"));
    }

    @Test
    void doesNotShowTheTextWhenPrinted() {
        assertThat(Utf8Json.of(TEXT).toString()).doesNotContain("s3cr").contains("bytes");
        assertThat(new CachedConfiguration(1, TEXT, "{\"version\":1}").toString())
                .doesNotContain("s3cr")
                .contains("\"version\":1");
    }
}
