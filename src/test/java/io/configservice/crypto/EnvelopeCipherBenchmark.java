package io.configservice.crypto;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Envelope encryption with the local key encryption key: sealing (fresh data key, AES-256-GCM, key
 * wrap) and opening with and without the data-key cache. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeCipherBenchmark {

    @Param({"64", "4096"})
    public int valueBytes;

    private EnvelopeCipher uncached;
    private EnvelopeCipher cached;
    private byte[] value;
    private byte[] associatedData;
    private SealedValue sealed;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("jmh-kek");
        KeyEncryptionKey kek = new LocalKeyEncryptionKey(dir.resolve("master.key"));
        uncached = new EnvelopeCipher(kek, DataKeyCache.disabled());
        cached =
                new EnvelopeCipher(
                        kek, new DataKeyCache(1000, Duration.ofMinutes(5), Ticker.systemTicker()));
        value = "v".repeat(valueBytes).getBytes(StandardCharsets.UTF_8);
        associatedData =
                AssociatedData.of(
                        "credential-id", "1", "orders", "production", "orders.db-password");
        sealed = uncached.seal(value, associatedData);
    }

    @Benchmark
    public SealedValue seal() {
        return uncached.seal(value, associatedData);
    }

    @Benchmark
    public byte[] openWithoutDataKeyCache() {
        return uncached.open(sealed, associatedData);
    }

    @Benchmark
    public byte[] openWithDataKeyCache() {
        return cached.open(sealed, associatedData);
    }
}
