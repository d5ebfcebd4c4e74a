package io.configservice.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.support.IntegrationTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Deployment keys: replicas over one database share the first writer's key, each stored only
 * wrapped by the key encryption key; a key wrapped by another key encryption key is refused, never
 * replaced; a rewrap moves every key and counts the ones that fail authentication. Each test uses
 * its own local key encryption key (so its own key id) and its own key names.
 */
class DeploymentKeysIntegrationTests extends IntegrationTest {

    @TempDir private Path dir;

    @Autowired private JdbcTemplate jdbc;

    @Autowired private PlatformTransactionManager transactionManager;

    private final String prefix = "test-" + UUID.randomUUID() + "-";

    @AfterEach
    void deleteTestKeys() {
        jdbc.update("DELETE FROM deployment_key WHERE name LIKE ?", prefix + "%");
    }

    @Test
    void twoReplicasCreatingAKeyAtOnceEndWithTheSameKeyStoredOnceAndOnlyWrapped() throws Exception {
        Path masterKey = dir.resolve("master.key");
        KeyEncryptionKey kek = new LocalKeyEncryptionKey(masterKey);
        DeploymentKeys first = replica(kek);
        DeploymentKeys second = replica(new LocalKeyEncryptionKey(masterKey));
        String name = prefix + "shared";
        AtomicInteger created = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<SecretKey> a =
                    threads.submit(
                            () -> {
                                start.await();
                                return first.key(name, key -> created.incrementAndGet());
                            });
            Future<SecretKey> b =
                    threads.submit(
                            () -> {
                                start.await();
                                return second.key(name, key -> created.incrementAndGet());
                            });
            byte[] key = a.get(30, TimeUnit.SECONDS).getEncoded();

            assertThat(b.get(30, TimeUnit.SECONDS).getEncoded()).isEqualTo(key);
            assertThat(created).hasValue(1);
            List<String> stored =
                    jdbc.queryForList(
                            "SELECT wrapped_key FROM deployment_key WHERE name = ?",
                            String.class,
                            name);
            assertThat(stored).hasSize(1);
            assertThat(kek.unwrap(stored.get(0))).isEqualTo(key);
            assertThat(replica(kek).key(name).getEncoded()).isEqualTo(key);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void refusesAKeyWrappedByAnotherKeyEncryptionKeyAndKeepsIt() {
        LocalKeyEncryptionKey configured = new LocalKeyEncryptionKey(dir.resolve("one.key"));
        LocalKeyEncryptionKey other = new LocalKeyEncryptionKey(dir.resolve("two.key"));
        String name = prefix + "foreign";
        replica(configured).key(name);

        assertThatThrownBy(() -> replica(other).key(name))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("wrapped by key encryption key '" + configured.id() + "'");
        assertThat(
                        jdbc.queryForList(
                                "SELECT kek_id FROM deployment_key WHERE name = ?",
                                String.class,
                                name))
                .containsExactly(configured.id());
    }

    @Test
    void aCreationHookThatFailsStoresNothing() {
        DeploymentKeys keys = replica(new LocalKeyEncryptionKey(dir.resolve("master.key")));
        String name = prefix + "hooked";

        assertThatThrownBy(
                        () ->
                                keys.key(
                                        name,
                                        key -> {
                                            throw new IllegalStateException(
                                                    "boundary not authenticated");
                                        }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM deployment_key WHERE name = ?",
                                Long.class,
                                name))
                .isZero();
    }

    @Test
    void rewrapMovesEveryKeyToTheNewestVersionAndCountsTheOnesThatFailAuthentication() {
        LocalKeyEncryptionKey kek = new LocalKeyEncryptionKey(dir.resolve("master.key"));
        DeploymentKeys keys = replica(kek);
        byte[] a = keys.key(prefix + "a").getEncoded();
        byte[] b = keys.key(prefix + "b").getEncoded();
        keys.key(prefix + "tampered");
        String wrapped =
                jdbc.queryForObject(
                        "SELECT wrapped_key FROM deployment_key WHERE name = ?",
                        String.class,
                        prefix + "tampered");
        int at = wrapped.length() - 10;
        jdbc.update(
                "UPDATE deployment_key SET wrapped_key = ? WHERE name = ?",
                wrapped.substring(0, at)
                        + (wrapped.charAt(at) == 'A' ? 'B' : 'A')
                        + wrapped.substring(at + 1),
                prefix + "tampered");
        int latest = kek.rotate().latestVersion();

        assertThat(keys.rewrapAll(latest)).isEqualTo(new DeploymentKeys.RewrapResult(2, 1));
        assertThat(keys.rewrapAll(latest)).isEqualTo(new DeploymentKeys.RewrapResult(0, 1));

        assertThat(
                        jdbc.queryForList(
                                "SELECT kek_version FROM deployment_key WHERE name IN (?, ?)",
                                Integer.class,
                                prefix + "a",
                                prefix + "b"))
                .containsOnly(latest);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT kek_version FROM deployment_key WHERE name = ?",
                                Integer.class,
                                prefix + "tampered"))
                .isEqualTo(latest - 1);
        DeploymentKeys restarted = replica(kek);
        assertThat(restarted.key(prefix + "a").getEncoded()).isEqualTo(a);
        assertThat(restarted.key(prefix + "b").getEncoded()).isEqualTo(b);
        assertThatThrownBy(() -> restarted.key(prefix + "tampered"))
                .isInstanceOf(KeyIntegrityException.class);
    }

    private DeploymentKeys replica(KeyEncryptionKey kek) {
        return new DeploymentKeys(jdbc, kek, transactionManager, Clock.systemUTC());
    }
}
