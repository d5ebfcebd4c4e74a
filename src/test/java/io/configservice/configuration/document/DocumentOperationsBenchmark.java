package io.configservice.configuration.document;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document work of every write on a ~2 KB configuration like the HTTP benchmark's: the diff
 * against the current version (changes and RFC 6902), an RFC 7396 merge patch, and the canonical
 * form that is stored and checksummed. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DocumentOperationsBenchmark {

    private final JsonMapper json = JsonMapper.builder().build();
    private ObjectNode before;
    private ObjectNode after;
    private ObjectNode patch;

    @Setup
    public void setUp() {
        before = json.createObjectNode();
        for (int section = 0; section < 8; section++) {
            ObjectNode node = before.putObject("section" + section);
            for (int key = 0; key < 8; key++) {
                node.put("key" + key, "value-" + section + "-" + key + "-padding-to-make-it-real");
                node.put("number" + key, section * 100 + key);
            }
            node.putArray("hosts").add("host-a.example.internal").add("host-b.example.internal");
        }
        after = before.deepCopy();
        ((ObjectNode) after.get("section3")).put("key2", "changed");
        ((ObjectNode) after.get("section5")).remove("number4");
        after.put("revision", 2);
        patch = json.createObjectNode();
        patch.putObject("section1").put("key1", "patched").putNull("key2");
        patch.put("revision", 3);
    }

    @Benchmark
    public List<ConfigurationChange> diff() {
        return ConfigurationDiff.between(before, after);
    }

    @Benchmark
    public List<JsonPatchOperation> jsonPatch() {
        return ConfigurationDiff.jsonPatch(before, after);
    }

    @Benchmark
    public ObjectNode mergePatch() {
        return MergePatch.apply(before, patch);
    }

    @Benchmark
    public String canonicalWithChecksum() {
        return JsonDocuments.checksum(JsonDocuments.canonical(json, after));
    }
}
