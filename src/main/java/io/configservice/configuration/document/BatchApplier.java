package io.configservice.configuration.document;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies batch operations in order to one working document, collecting each one's result. The
 * document is edited in place, so a batch costs the size of its operations, not one copy of the
 * document per operation.
 */
public final class BatchApplier {

    private BatchApplier() {}

    /**
     * @param document the working document, edited in place: the caller owns it and discards it on
     *     failure
     * @return {@code document}, with every operation applied
     * @throws DocumentException {@code BATCH_FAILED} with each operation's result when any
     *     operation fails; operations after a failed one still run (on the document without the
     *     failed one) so that every result is reported
     */
    public static ObjectNode apply(ObjectNode document, List<BatchOperation> operations) {
        List<BatchOperationResult> results = new ArrayList<>(operations.size());
        boolean failed = false;
        for (int i = 0; i < operations.size(); i++) {
            BatchOperation operation = operations.get(i);
            String id = operation.id() == null ? Integer.toString(i) : operation.id();
            try {
                applyOne(document, operation);
                results.add(new BatchOperationResult(id, true, null));
            } catch (DocumentException e) {
                failed = true;
                results.add(new BatchOperationResult(id, false, e.getMessage()));
            }
        }
        if (failed) {
            throw new DocumentException(
                    DocumentException.Reason.BATCH_FAILED,
                    "At least one batch operation failed; nothing was applied",
                    results);
        }
        return document;
    }

    private static void applyOne(ObjectNode document, BatchOperation operation) {
        if (operation.key() == null) {
            throw DocumentException.invalid("key is required");
        }
        KeyPath path = KeyPath.parse(operation.key());
        if ("SET".equals(operation.type())) {
            if (operation.value() == null) {
                throw DocumentException.invalid("value is required for SET");
            }
            JsonPathEditor.set(document, path, operation.value());
        } else if ("DELETE".equals(operation.type())) {
            JsonPathEditor.remove(document, path);
        } else {
            throw DocumentException.invalid("type must be SET or DELETE");
        }
    }
}
