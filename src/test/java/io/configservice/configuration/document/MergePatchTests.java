package io.configservice.configuration.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link MergePatch} against the examples of RFC 7396 Appendix A whose target and patch are both
 * objects.
 */
class MergePatchTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private static ObjectNode apply(String target, String patch) {
        return MergePatch.apply(object(target), object(patch));
    }

    @Test
    void replacesExistingScalarMember() {
        assertThat(apply("{\"a\":\"b\"}", "{\"a\":\"c\"}")).isEqualTo(object("{\"a\":\"c\"}"));
    }

    @Test
    void addsMemberMissingFromTarget() {
        assertThat(apply("{\"a\":\"b\"}", "{\"b\":\"c\"}"))
                .isEqualTo(object("{\"a\":\"b\",\"b\":\"c\"}"));
    }

    @Test
    void removesMemberWhenPatchValueIsNull() {
        assertThat(apply("{\"a\":\"b\"}", "{\"a\":null}")).isEqualTo(object("{}"));
    }

    @Test
    void removesOnlyTheNulledMemberAndKeepsOthers() {
        assertThat(apply("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}"))
                .isEqualTo(object("{\"b\":\"c\"}"));
    }

    @Test
    void replacesArrayWithScalar() {
        assertThat(apply("{\"a\":[\"b\"]}", "{\"a\":\"c\"}")).isEqualTo(object("{\"a\":\"c\"}"));
    }

    @Test
    void replacesScalarWithArray() {
        assertThat(apply("{\"a\":\"c\"}", "{\"a\":[\"b\"]}")).isEqualTo(object("{\"a\":[\"b\"]}"));
    }

    @Test
    void mergesNestedObjectsAndRemovesNestedNullMembers() {
        assertThat(apply("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}"))
                .isEqualTo(object("{\"a\":{\"b\":\"d\"}}"));
    }

    @Test
    void replacesArrayOfObjectsAsAWholeInsteadOfMergingElements() {
        assertThat(apply("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}"))
                .isEqualTo(object("{\"a\":[1]}"));
    }

    @Test
    void keepsExplicitNullMemberOfTargetThatPatchDoesNotMention() {
        ObjectNode result = apply("{\"e\":null}", "{\"a\":1}");

        assertThat(result).isEqualTo(object("{\"e\":null,\"a\":1}"));
        assertThat(result.has("e")).isTrue();
        assertThat(result.get("e").isNull()).isTrue();
    }

    @Test
    void createsNestedObjectsForMissingMembersAndDropsNullLeaves() {
        assertThat(apply("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}"))
                .isEqualTo(object("{\"a\":{\"bb\":{}}}"));
    }

    @Test
    void replacesScalarWithObjectWhenPatchMemberIsObject() {
        // Not an Appendix A example, but follows from the RFC's pseudo code: a non-object target
        // member becomes {}.
        assertThat(apply("{\"a\":\"b\"}", "{\"a\":{\"c\":1,\"d\":null}}"))
                .isEqualTo(object("{\"a\":{\"c\":1}}"));
    }

    @Test
    void emptyPatchLeavesDocumentUnchanged() {
        assertThat(apply("{\"a\":{\"b\":[1,2]},\"c\":null}", "{}"))
                .isEqualTo(object("{\"a\":{\"b\":[1,2]},\"c\":null}"));
    }

    @Test
    void doesNotMutateTarget() {
        ObjectNode target = object("{\"a\":\"b\",\"nested\":{\"x\":1,\"y\":2},\"gone\":true}");
        ObjectNode snapshot = target.deepCopy();

        ObjectNode result =
                MergePatch.apply(
                        target,
                        object(
                                "{\"a\":\"c\",\"nested\":{\"x\":null,\"z\":3},\"gone\":null,\"new\":[1]}"));

        assertThat(target).isEqualTo(snapshot);
        assertThat(result).isNotSameAs(target);
        assertThat(result)
                .isEqualTo(object("{\"a\":\"c\",\"nested\":{\"y\":2,\"z\":3},\"new\":[1]}"));
    }

    @Test
    void resultDoesNotShareNodesWithPatch() {
        ObjectNode patch = object("{\"list\":[1,2]}");

        ObjectNode result = MergePatch.apply(object("{}"), patch);
        ((tools.jackson.databind.node.ArrayNode) patch.get("list")).add(3);

        assertThat(result).isEqualTo(object("{\"list\":[1,2]}"));
    }
}
