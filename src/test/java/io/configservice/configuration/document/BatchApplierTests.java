package io.configservice.configuration.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class BatchApplierTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void appliesEveryOperationToTheOneDocumentItIsGiven() {
        ObjectNode document =
                (ObjectNode) JSON.readTree("{\"keep\": true, \"gone0\": 0, \"gone1\": 1}");
        List<BatchOperation> operations = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            operations.add(
                    new BatchOperation(
                            null,
                            "SET",
                            "section" + i % 10 + ".key" + i,
                            JsonNodeFactory.instance.numberNode(i)));
        }
        operations.add(new BatchOperation(null, "DELETE", "gone0", null));
        operations.add(new BatchOperation(null, "DELETE", "gone1", null));

        ObjectNode result = BatchApplier.apply(document, operations);

        assertThat(result).isSameAs(document);
        assertThat(result.size()).isEqualTo(11);
        assertThat(result.get("section7").size()).isEqualTo(1_000);
        assertThat(result.at("/section3/key9993").asInt()).isEqualTo(9_993);
        assertThat(result.has("gone0") || result.has("gone1")).isFalse();
    }

    @Test
    void reportsEveryOperationsResultWhenOneFailsAndLaterOperationsSeeTheDocumentWithoutIt() {
        ObjectNode document = (ObjectNode) JSON.readTree("{\"port\": 8080}");
        List<BatchOperation> operations =
                List.of(
                        new BatchOperation(
                                "a", "SET", "port.inner", JsonNodeFactory.instance.numberNode(1)),
                        new BatchOperation("b", "DELETE", "port", null),
                        new BatchOperation("c", "DELETE", "port", null));

        DocumentException e =
                catchThrowableOfType(
                        DocumentException.class, () -> BatchApplier.apply(document, operations));

        assertThat(e.reason()).isEqualTo(DocumentException.Reason.BATCH_FAILED);
        assertThat(e.details())
                .asInstanceOf(LIST)
                .extracting(result -> ((BatchOperationResult) result).success())
                .containsExactly(false, true, false);
    }
}
