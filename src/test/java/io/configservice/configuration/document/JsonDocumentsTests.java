package io.configservice.configuration.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.configservice.persistence.UnstorableJsonException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class JsonDocumentsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode node(String json) {
        return JSON.readTree(json);
    }

    private static String sha256Hex(String text) throws Exception {
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /**
     * {"a":{"a":...{"a":1}...}} with {@code objects} nested objects, i.e. of depth {@code objects}.
     */
    private static JsonNode nestedObjects(int objects) {
        return node("{\"a\":".repeat(objects - 1) + "{\"a\":1}" + "}".repeat(objects - 1));
    }

    private static DocumentException failure(Runnable call) {
        DocumentException e = catchThrowableOfType(DocumentException.class, call::run);
        assertThat(e).as("expected a DocumentException").isNotNull();
        return e;
    }

    // canonical

    @Test
    void canonicalSortsMembersAtEveryDepthAndHasNoWhitespace() {
        JsonNode document =
                node(
                        """
                {
                  "zeta": 1,
                  "alpha": {
                    "delta": [ { "y": 2, "x": 1 }, 3 ],
                    "beta": { "n": null, "m": "text with spaces" }
                  },
                  "Mid": true
                }
                """);

        assertThat(JsonDocuments.canonical(JSON, document))
                .isEqualTo(
                        "{\"Mid\":true,\"alpha\":{\"beta\":{\"m\":\"text with spaces\",\"n\":null},"
                                + "\"delta\":[{\"x\":1,\"y\":2},3]},\"zeta\":1}");
    }

    @Test
    void canonicalKeepsArrayElementOrder() {
        assertThat(JsonDocuments.canonical(JSON, node("{\"a\":[3,1,2,[\"c\",\"b\"]]}")))
                .isEqualTo("{\"a\":[3,1,2,[\"c\",\"b\"]]}");
    }

    @Test
    void canonicalDoesNotReorderTheInput() {
        JsonNode document = node("{\"b\":1,\"a\":{\"d\":1,\"c\":2}}");
        JsonNode snapshot = document.deepCopy();

        JsonDocuments.canonical(JSON, document);

        assertThat(document).isEqualTo(snapshot);
        assertThat(document.propertyNames()).containsExactly("b", "a");
        assertThat(document.get("a").propertyNames()).containsExactly("d", "c");
    }

    @Test
    void equalDocumentsWithDifferentMemberOrderHaveSameCanonicalTextAndChecksum() {
        JsonNode first = node("{\"a\":1,\"b\":{\"c\":[{\"e\":1,\"d\":2}],\"f\":\"g\"}}");
        JsonNode second =
                node(
                        "{ \"b\" : { \"f\" : \"g\", \"c\" : [ { \"d\" : 2, \"e\" : 1 } ] }, \"a\" : 1 }");

        String firstCanonical = JsonDocuments.canonical(JSON, first);
        String secondCanonical = JsonDocuments.canonical(JSON, second);

        assertThat(firstCanonical).isEqualTo(secondCanonical);
        assertThat(JsonDocuments.checksum(firstCanonical))
                .isEqualTo(JsonDocuments.checksum(secondCanonical));
    }

    @Test
    void differentDocumentsHaveDifferentChecksums() {
        assertThat(JsonDocuments.checksum(JsonDocuments.canonical(JSON, node("{\"a\":1}"))))
                .isNotEqualTo(
                        JsonDocuments.checksum(JsonDocuments.canonical(JSON, node("{\"a\":2}"))));
    }

    // checksum

    @Test
    void checksumIsLowerCaseSha256HexOfUtf8Text() throws Exception {
        String canonical = JsonDocuments.canonical(JSON, node("{\"name\":\"café ☕\",\"b\":[1,2]}"));

        String checksum = JsonDocuments.checksum(canonical);

        assertThat(checksum).isEqualTo(sha256Hex(canonical)).matches("[0-9a-f]{64}");
    }

    @Test
    void checksumOfEmptyDocumentIsKnownSha256() {
        assertThat(JsonDocuments.checksum("{}"))
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    // requireDocument / requireDepth

    @Test
    void requireDocumentReturnsTheObject() {
        JsonNode document = node("{\"a\":{\"b\":1}}");

        ObjectNode result = JsonDocuments.requireDocument(document, 10, "configuration");

        assertThat(result).isSameAs(document);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"a\":1}]", "1", "\"text\"", "true", "null"})
    void requireDocumentRejectsNonObjectsAsInvalidRequest(String json) {
        DocumentException e =
                failure(() -> JsonDocuments.requireDocument(node(json), 10, "configuration"));

        assertThat(e.reason()).isEqualTo(DocumentException.Reason.INVALID);
        assertThat(e).hasMessageContaining("configuration");
    }

    @Test
    void requireDocumentRejectsDocumentDeeperThanLimitAsInvalidJson() {
        assertThatThrownBy(
                        () -> JsonDocuments.requireDocument(nestedObjects(6), 5, "configuration"))
                .isInstanceOf(UnstorableJsonException.class);
    }

    @Test
    void requireDocumentAcceptsDocumentAtExactlyTheLimit() {
        assertThatCode(() -> JsonDocuments.requireDocument(nestedObjects(5), 5, "configuration"))
                .doesNotThrowAnyException();
    }

    @Test
    void requireDepthAcceptsExactlyTheLimit() {
        assertThatCode(() -> JsonDocuments.requireDepth(nestedObjects(3), 3))
                .doesNotThrowAnyException();
        assertThatCode(() -> JsonDocuments.requireDepth(node("{}"), 1)).doesNotThrowAnyException();
        assertThatCode(() -> JsonDocuments.requireDepth(node("{\"a\":[[1]]}"), 3))
                .doesNotThrowAnyException();
    }

    @Test
    void requireDepthRejectsOneLevelOverTheLimit() {
        assertThatThrownBy(() -> JsonDocuments.requireDepth(nestedObjects(4), 3))
                .isInstanceOf(UnstorableJsonException.class);
        assertThatThrownBy(() -> JsonDocuments.requireDepth(node("{}"), 0))
                .isInstanceOf(UnstorableJsonException.class);
    }

    @Test
    void requireDepthCountsArraysAsLevels() {
        JsonNode document = node("{\"a\":[[{\"b\":1}]]}");

        assertThatCode(() -> JsonDocuments.requireDepth(document, 4)).doesNotThrowAnyException();
        assertThatThrownBy(() -> JsonDocuments.requireDepth(document, 3))
                .isInstanceOf(UnstorableJsonException.class);
    }

    @Test
    void requireDepthLooksAtTheDeepestBranchNotTheFirst() {
        JsonNode document =
                node("{\"shallow\":1,\"flat\":{\"x\":1},\"deep\":{\"a\":{\"b\":{\"c\":1}}}}");

        assertThatCode(() -> JsonDocuments.requireDepth(document, 4)).doesNotThrowAnyException();
        assertThatThrownBy(() -> JsonDocuments.requireDepth(document, 3))
                .isInstanceOf(UnstorableJsonException.class);
    }
}
