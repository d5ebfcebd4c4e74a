package io.configservice.configuration.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class JsonPathEditorTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String DOCUMENT =
            "{\"database\":{\"pool\":{\"size\":5},\"hosts\":[\"a\",{\"name\":\"b\"}]},\"debug\":false,\"port\":8080}";

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private static JsonNode node(String json) {
        return JSON.readTree(json);
    }

    private static KeyPath key(String text) {
        return KeyPath.parse(text);
    }

    // get

    @Test
    void getsNestedValue() {
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("database.pool.size")))
                .contains(node("5"));
    }

    @Test
    void getsWholeSubtreeAtObjectPath() {
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("database.pool")))
                .contains(node("{\"size\":5}"));
    }

    @Test
    void getsArrayElementByIndex() {
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("database.hosts.0")))
                .contains(node("\"a\""));
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("database.hosts.1.name")))
                .contains(node("\"b\""));
    }

    @Test
    void getsExplicitNullAsPresentNullNode() {
        assertThat(JsonPathEditor.get(object("{\"a\":null}"), key("a"))).contains(node("null"));
    }

    @Test
    void getOfMissingKeyIsEmpty() {
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("database.missing"))).isEmpty();
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("nothing.here.at.all"))).isEmpty();
    }

    @Test
    void getOfIndexPastArrayEndIsEmpty() {
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("database.hosts.2"))).isEmpty();
    }

    @Test
    void getOfNonNumericSegmentOnArrayIsEmpty() {
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("database.hosts.first"))).isEmpty();
    }

    @Test
    void getThroughScalarIsEmpty() {
        assertThat(JsonPathEditor.get(object(DOCUMENT), key("port.value"))).isEmpty();
    }

    // set

    @Test
    void setReplacesExistingValue() {
        ObjectNode result =
                JsonPathEditor.set(object(DOCUMENT), key("database.pool.size"), node("10"));

        assertThat(result.at("/database/pool/size")).isEqualTo(node("10"));
        assertThat(result.at("/database/hosts")).isEqualTo(node("[\"a\",{\"name\":\"b\"}]"));
    }

    @Test
    void setCreatesIntermediateObjects() {
        ObjectNode result = JsonPathEditor.set(object("{\"a\":1}"), key("x.y.z"), node("true"));

        assertThat(result).isEqualTo(object("{\"a\":1,\"x\":{\"y\":{\"z\":true}}}"));
    }

    @Test
    void setAddsMemberToExistingNestedObject() {
        ObjectNode result =
                JsonPathEditor.set(object(DOCUMENT), key("database.pool.timeout"), node("30"));

        assertThat(result.at("/database/pool")).isEqualTo(node("{\"size\":5,\"timeout\":30}"));
    }

    @Test
    void setReplacesArrayElement() {
        ObjectNode result =
                JsonPathEditor.set(object(DOCUMENT), key("database.hosts.0"), node("\"z\""));

        assertThat(result.at("/database/hosts")).isEqualTo(node("[\"z\",{\"name\":\"b\"}]"));
    }

    @Test
    void setInsideObjectHeldByArrayElement() {
        ObjectNode result =
                JsonPathEditor.set(object(DOCUMENT), key("database.hosts.1.port"), node("5432"));

        assertThat(result.at("/database/hosts/1"))
                .isEqualTo(node("{\"name\":\"b\",\"port\":5432}"));
    }

    @Test
    void setThroughScalarThrowsInvalidRequest() {
        DocumentException e =
                catchThrowableOfType(
                        DocumentException.class,
                        () -> JsonPathEditor.set(object(DOCUMENT), key("port.value"), node("1")));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DocumentException.Reason.INVALID);
        assertThat(e).hasMessageContaining("port.value");
    }

    @Test
    void setDeepThroughScalarThrowsInvalidRequest() {
        DocumentException e =
                catchThrowableOfType(
                        DocumentException.class,
                        () -> JsonPathEditor.set(object(DOCUMENT), key("debug.a.b"), node("1")));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DocumentException.Reason.INVALID);
    }

    @Test
    void setPastArrayEndThrowsInvalidRequest() {
        DocumentException e =
                catchThrowableOfType(
                        DocumentException.class,
                        () ->
                                JsonPathEditor.set(
                                        object(DOCUMENT), key("database.hosts.2"), node("\"c\"")));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DocumentException.Reason.INVALID);
    }

    // remove

    @Test
    void removeDeletesMemberAndKeepsSiblings() {
        ObjectNode result = JsonPathEditor.remove(object(DOCUMENT), key("database.pool"));

        assertThat(result.at("/database")).isEqualTo(node("{\"hosts\":[\"a\",{\"name\":\"b\"}]}"));
        assertThat(result.get("port")).isEqualTo(node("8080"));
    }

    @Test
    void removeDeletesArrayElementByIndex() {
        ObjectNode result = JsonPathEditor.remove(object(DOCUMENT), key("database.hosts.0"));

        assertThat(result.at("/database/hosts")).isEqualTo(node("[{\"name\":\"b\"}]"));
    }

    @Test
    void removeOfMissingKeyThrowsKeyNotFound() {
        DocumentException e =
                catchThrowableOfType(
                        DocumentException.class,
                        () ->
                                JsonPathEditor.remove(
                                        object(DOCUMENT), key("database.pool.missing")));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DocumentException.Reason.KEY_NOT_FOUND);
        assertThat(e).hasMessageContaining("database.pool.missing");
    }

    @Test
    void removeUnderMissingParentThrowsKeyNotFound() {
        DocumentException e =
                catchThrowableOfType(
                        DocumentException.class,
                        () -> JsonPathEditor.remove(object(DOCUMENT), key("nowhere.at.all")));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DocumentException.Reason.KEY_NOT_FOUND);
    }

    @Test
    void removeOfIndexPastArrayEndThrowsKeyNotFound() {
        DocumentException e =
                catchThrowableOfType(
                        DocumentException.class,
                        () -> JsonPathEditor.remove(object(DOCUMENT), key("database.hosts.5")));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(DocumentException.Reason.KEY_NOT_FOUND);
    }

    // edits in place, so a batch costs no copy of the document per operation

    @Test
    void setEditsTheGivenDocumentInPlace() {
        ObjectNode input = object(DOCUMENT);

        ObjectNode replaced = JsonPathEditor.set(input, key("database.pool.size"), node("10"));
        ObjectNode created = JsonPathEditor.set(input, key("new.branch.leaf"), node("1"));
        ObjectNode element = JsonPathEditor.set(input, key("database.hosts.1.name"), node("\"c\""));

        assertThat(replaced).isSameAs(input);
        assertThat(created).isSameAs(input);
        assertThat(element).isSameAs(input);
        assertThat(input.at("/database/pool/size").asInt()).isEqualTo(10);
        assertThat(input.at("/new/branch/leaf").asInt()).isEqualTo(1);
        assertThat(input.at("/database/hosts/1/name").asString()).isEqualTo("c");
    }

    @Test
    void removeEditsTheGivenDocumentInPlace() {
        ObjectNode input = object(DOCUMENT);

        ObjectNode member = JsonPathEditor.remove(input, key("database.pool.size"));
        ObjectNode element = JsonPathEditor.remove(input, key("database.hosts.1"));

        assertThat(member).isSameAs(input);
        assertThat(element).isSameAs(input);
        assertThat(input.at("/database/pool").has("size")).isFalse();
        assertThat(input.at("/database/hosts").size()).isEqualTo(1);
    }

    @Test
    void setStoresACopyOfTheValueSoLaterEditsLeaveTheCallersValueAlone() {
        ObjectNode input = object(DOCUMENT);
        ObjectNode value = object("{\"x\": 1}");

        JsonPathEditor.set(input, key("added"), value);
        JsonPathEditor.set(input, key("added.y"), node("2"));

        assertThat(value).isEqualTo(object("{\"x\": 1}"));
    }

    @Test
    void failedRemoveLeavesInputUnchanged() {
        ObjectNode input = object(DOCUMENT);
        ObjectNode snapshot = input.deepCopy();

        catchThrowableOfType(
                DocumentException.class,
                () -> JsonPathEditor.remove(input, key("database.pool.missing")));
        catchThrowableOfType(
                DocumentException.class,
                () -> JsonPathEditor.remove(input, key("database.hosts.5")));

        assertThat(input).isEqualTo(snapshot);
    }

    @Test
    void failedSetLeavesInputUnchanged() {
        ObjectNode input = object(DOCUMENT);
        ObjectNode snapshot = input.deepCopy();

        catchThrowableOfType(
                DocumentException.class,
                () -> JsonPathEditor.set(input, key("database.hosts.9.x"), node("1")));
        catchThrowableOfType(
                DocumentException.class, () -> JsonPathEditor.set(input, key("port.x"), node("1")));

        assertThat(input).isEqualTo(snapshot);
    }
}
