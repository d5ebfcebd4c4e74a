package io.configservice.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DocumentPatchTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void appliesAddedChangedAndRemovedPaths() {
        ObjectNode before = object("{\"db\":{\"host\":\"a\",\"pool\":5},\"old\":true}");

        ObjectNode after =
                DocumentPatch.apply(
                                before,
                                List.of(
                                        new PathChange("db.pool", "changed", json.readTree("10")),
                                        new PathChange("old", "removed", null),
                                        new PathChange(
                                                "servers",
                                                "added",
                                                json.readTree("[{\"host\":\"x\"}]"))))
                        .orElseThrow();

        assertThat(after)
                .isEqualTo(
                        object(
                                "{\"db\":{\"host\":\"a\",\"pool\":10},\"servers\":[{\"host\":\"x\"}]}"));
        assertThat(before).isEqualTo(object("{\"db\":{\"host\":\"a\",\"pool\":5},\"old\":true}"));
    }

    @Test
    void refusesWhatItCannotApplyUnambiguously() {
        assertThat(
                        DocumentPatch.apply(
                                object("{\"a.b\":1}"),
                                List.of(new PathChange("a.b", "changed", json.readTree("2")))))
                .isEmpty();
        assertThat(
                        DocumentPatch.apply(
                                object("{\"a\":1}"), List.of(new PathChange("b", "removed", null))))
                .isEmpty();
        assertThat(
                        DocumentPatch.apply(
                                object("{\"a\":1}"),
                                List.of(new PathChange("a.b", "added", json.readTree("2")))))
                .isEmpty();
    }

    @Test
    void changedPathsFollowTheServiceDiff() {
        assertThat(
                        DocumentPatch.changedPaths(
                                object("{\"db\":{\"host\":\"a\",\"pool\":5},\"list\":[1]}"),
                                object(
                                        "{\"db\":{\"host\":\"a\",\"pool\":6},\"list\":[1,2],\"new\":{\"x\":1}}")))
                .containsExactly("db.pool", "list", "new");
    }

    private ObjectNode object(String text) {
        return (ObjectNode) json.readTree(text);
    }
}
