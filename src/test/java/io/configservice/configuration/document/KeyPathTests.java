package io.configservice.configuration.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPathTests {

    private static DocumentException parseFailure(String text) {
        DocumentException e =
                catchThrowableOfType(DocumentException.class, () -> KeyPath.parse(text));
        assertThat(e).as("KeyPath.parse(\"%s\") should throw DocumentException", text).isNotNull();
        return e;
    }

    private static String path(int segments, String segment) {
        return String.join(".", Collections.nCopies(segments, segment));
    }

    @Test
    void parsesSingleSegment() {
        KeyPath key = KeyPath.parse("port");

        assertThat(key.text()).isEqualTo("port");
        assertThat(key.segments()).containsExactly("port");
        assertThat(key.last()).isEqualTo("port");
        assertThat(key.parent()).isEmpty();
    }

    @Test
    void parsesDottedPathIntoSegments() {
        KeyPath key = KeyPath.parse("database.pool.size");

        assertThat(key.text()).isEqualTo("database.pool.size");
        assertThat(key.segments()).containsExactly("database", "pool", "size");
        assertThat(key.last()).isEqualTo("size");
        assertThat(key.parent()).containsExactly("database", "pool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A_b-9", "hosts.0", "x.y.z", "UPPER.lower.123", "_.-"})
    void acceptsLettersDigitsUnderscoreAndHyphenSegments(String text) {
        assertThat(KeyPath.parse(text).text()).isEqualTo(text);
    }

    @Test
    void rejectsEmptyPath() {
        assertThat(parseFailure("").reason()).isEqualTo(DocumentException.Reason.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", ".a", "a.", ".", ".."})
    void rejectsPathWithEmptySegment(String text) {
        assertThat(parseFailure(text).reason()).isEqualTo(DocumentException.Reason.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "a.b$", "ä", "a.b c", "a[0]", "a*", " a", "a\n"})
    void rejectsInvalidCharacters(String text) {
        assertThat(parseFailure(text).reason()).isEqualTo(DocumentException.Reason.INVALID);
    }

    @Test
    void rejectsSegmentLongerThan128Characters() {
        assertThat(KeyPath.parse("a".repeat(128)).segments()).hasSize(1);
        assertThat(parseFailure("a".repeat(129)).reason())
                .isEqualTo(DocumentException.Reason.INVALID);
    }

    @Test
    void acceptsPathOfExactlyMaxLength() {
        // three 128-character segments, a 125-character one and three dots: exactly 512 characters
        String text =
                "a".repeat(128)
                        + "."
                        + "b".repeat(128)
                        + "."
                        + "c".repeat(128)
                        + "."
                        + "d".repeat(125);
        assertThat(text).hasSize(KeyPath.MAX_LENGTH);

        assertThat(KeyPath.parse(text).segments()).hasSize(4);
    }

    @Test
    void rejectsPathLongerThan512Characters() {
        String text =
                "a".repeat(128)
                        + "."
                        + "b".repeat(128)
                        + "."
                        + "c".repeat(128)
                        + "."
                        + "d".repeat(126);
        assertThat(text).hasSize(513);

        assertThat(parseFailure(text).reason()).isEqualTo(DocumentException.Reason.INVALID);
    }

    @Test
    void acceptsExactly32Segments() {
        assertThat(KeyPath.parse(path(32, "a")).segments()).hasSize(32);
    }

    @Test
    void rejectsMoreThan32Segments() {
        DocumentException e = parseFailure(path(33, "a"));

        assertThat(e.reason()).isEqualTo(DocumentException.Reason.INVALID);
        assertThat(e).hasMessageContaining("32");
    }
}
