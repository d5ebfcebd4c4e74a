package io.configservice.configuration.effective;

import io.configservice.configuration.document.BatchApplier;
import io.configservice.configuration.document.BatchOperation;
import io.configservice.environment.EnvironmentDefinition;
import io.configservice.environment.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document work that used to grow quadratically: the effective-configuration merge of a parent
 * and a child layer holding {@code keys} keys each (issue 13 measured 80,000 keys), and a batch of
 * 10,000 SETs on such a document. Run with {@code bench/jmh.sh -f 1 -wi 2 -i 3 LargeDocument}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LargeDocumentBenchmark {

    @Param("80000")
    public int keys;

    private ObjectNode parentDocument;
    private ObjectNode ownDocument;
    private Map<String, EnvironmentDefinition> environments;
    private Map<String, Integer> versions;
    private List<BatchOperation> operations;

    @Setup
    public void setUp() {
        parentDocument = JsonNodeFactory.instance.objectNode();
        ownDocument = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keys; i++) {
            String section = "section" + i % 100;
            objectAt(parentDocument, section).put("key" + i, "parent-" + i);
            objectAt(ownDocument, section).put("key" + i, "own-" + i);
        }
        ObjectNode none = JsonNodeFactory.instance.objectNode();
        RetentionPolicy retention = new RetentionPolicy(null, null);
        environments =
                Map.of(
                        "base", new EnvironmentDefinition("base", List.of(), none, retention),
                        "production",
                                new EnvironmentDefinition(
                                        "production", List.of("base"), none, retention));
        versions = Map.of("base", 1, "production", 1);
        operations = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            operations.add(
                    new BatchOperation(
                            null,
                            "SET",
                            "section" + i % 100 + ".added" + i,
                            JsonNodeFactory.instance.stringNode("value-" + i)));
        }
    }

    @Benchmark
    public int effectiveMerge() {
        EffectiveResolver resolver =
                new EffectiveResolver(
                        environments,
                        versions,
                        environment -> environment.equals("base") ? parentDocument : ownDocument);
        return resolver.explain("production").size();
    }

    @Benchmark
    public ObjectNode batchOfTenThousandSets() {
        return BatchApplier.apply(ownDocument.deepCopy(), operations);
    }

    private static ObjectNode objectAt(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
    }
}
