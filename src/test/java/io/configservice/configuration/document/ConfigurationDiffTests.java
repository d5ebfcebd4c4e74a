package io.configservice.configuration.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ConfigurationDiffTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private static JsonNode node(String json) {
        return JSON.readTree(json);
    }

    @Test
    void identicalDocumentsGiveNoChanges() {
        String document = "{\"a\":1,\"b\":{\"c\":[1,{\"d\":true}],\"e\":null},\"f\":\"x\"}";

        assertThat(ConfigurationDiff.between(object(document), object(document))).isEmpty();
    }

    @Test
    void documentsDifferingOnlyInMemberOrderGiveNoChanges() {
        assertThat(
                        ConfigurationDiff.between(
                                object("{\"a\":1,\"b\":{\"x\":1,\"y\":2}}"),
                                object("{\"b\":{\"y\":2,\"x\":1},\"a\":1}")))
                .isEmpty();
    }

    @Test
    void reportsAddedMemberWithNewValueOnly() {
        List<ConfigurationChange> changes =
                ConfigurationDiff.between(object("{}"), object("{\"a\":{\"b\":1}}"));

        assertThat(changes)
                .containsExactly(new ConfigurationChange("a", "added", null, node("{\"b\":1}")));
    }

    @Test
    void reportsRemovedMemberWithOldValueOnly() {
        List<ConfigurationChange> changes =
                ConfigurationDiff.between(object("{\"a\":\"x\"}"), object("{}"));

        assertThat(changes)
                .containsExactly(new ConfigurationChange("a", "removed", node("\"x\""), null));
    }

    @Test
    void reportsChangedScalarWithOldAndNewValue() {
        List<ConfigurationChange> changes =
                ConfigurationDiff.between(object("{\"a\":1}"), object("{\"a\":2}"));

        assertThat(changes)
                .containsExactly(new ConfigurationChange("a", "changed", node("1"), node("2")));
    }

    @Test
    void reportsTypeChangeAsChanged() {
        List<ConfigurationChange> changes =
                ConfigurationDiff.between(object("{\"a\":\"1\"}"), object("{\"a\":1}"));

        assertThat(changes)
                .containsExactly(new ConfigurationChange("a", "changed", node("\"1\""), node("1")));
    }

    @Test
    void explicitNullIsAValueDistinctFromAMissingMember() {
        assertThat(ConfigurationDiff.between(object("{}"), object("{\"a\":null}")))
                .containsExactly(new ConfigurationChange("a", "added", null, node("null")));
        assertThat(ConfigurationDiff.between(object("{\"a\":null}"), object("{\"a\":0}")))
                .containsExactly(new ConfigurationChange("a", "changed", node("null"), node("0")));
    }

    @Test
    void nestedObjectsProduceDotPathsToTheChangedLeaves() {
        ObjectNode before =
                object("{\"database\":{\"pool\":{\"size\":5,\"timeout\":30},\"host\":\"db\"}}");
        ObjectNode after =
                object("{\"database\":{\"pool\":{\"size\":10,\"timeout\":30},\"host\":\"db\"}}");

        assertThat(ConfigurationDiff.between(before, after))
                .containsExactly(
                        new ConfigurationChange(
                                "database.pool.size", "changed", node("5"), node("10")));
    }

    @Test
    void arraysAreComparedAsWholeValues() {
        ObjectNode before = object("{\"hosts\":[\"a\",\"b\",{\"x\":1}]}");
        ObjectNode after = object("{\"hosts\":[\"a\",\"c\",{\"x\":1}]}");

        assertThat(ConfigurationDiff.between(before, after))
                .containsExactly(
                        new ConfigurationChange(
                                "hosts",
                                "changed",
                                node("[\"a\",\"b\",{\"x\":1}]"),
                                node("[\"a\",\"c\",{\"x\":1}]")));
    }

    @Test
    void equalArraysGiveNoChange() {
        assertThat(
                        ConfigurationDiff.between(
                                object("{\"a\":[1,[2,3]]}"), object("{\"a\":[1,[2,3]]}")))
                .isEmpty();
    }

    @Test
    void objectReplacedByScalarIsOneChangeAtTheObjectPath() {
        assertThat(ConfigurationDiff.between(object("{\"a\":{\"b\":1}}"), object("{\"a\":5}")))
                .containsExactly(
                        new ConfigurationChange("a", "changed", node("{\"b\":1}"), node("5")));
    }

    @Test
    void changesAreSortedByPath() {
        ObjectNode before = object("{\"z\":1,\"m\":{\"b\":1,\"a\":1},\"c\":true,\"a\":\"x\"}");
        ObjectNode after = object("{\"a\":\"y\",\"m\":{\"a\":2,\"c\":3},\"b\":[1],\"z\":1}");

        List<ConfigurationChange> changes = ConfigurationDiff.between(before, after);

        assertThat(changes)
                .extracting(ConfigurationChange::path, ConfigurationChange::op)
                .containsExactly(
                        tuple("a", "changed"),
                        tuple("b", "added"),
                        tuple("c", "removed"),
                        tuple("m.a", "changed"),
                        tuple("m.b", "removed"),
                        tuple("m.c", "added"));
    }

    @Test
    void changedKeysListsThePathsInOrder() {
        List<ConfigurationChange> changes =
                ConfigurationDiff.between(
                        object("{\"b\":{\"x\":1},\"a\":1}"),
                        object("{\"a\":2,\"b\":{\"x\":2,\"y\":3},\"c\":4}"));

        assertThat(ConfigurationDiff.changedKeys(changes)).containsExactly("a", "b.x", "b.y", "c");
    }

    @Test
    void changedKeysOfNoChangesIsEmpty() {
        assertThat(ConfigurationDiff.changedKeys(List.of())).isEmpty();
    }
}
