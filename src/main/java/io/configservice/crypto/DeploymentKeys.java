package io.configservice.crypto;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The secret keys every replica of a deployment shares (256 random bits each, used as HMAC-SHA256
 * keys), by name: table {@code deployment_key} holds each only wrapped by the key encryption key,
 * as a data key is. The first replica that needs a key generates it, wraps it and inserts it
 * ({@code ON CONFLICT DO NOTHING}: the first writer wins and every other replica unwraps the stored
 * one). A key is unwrapped once, then kept in memory; a key wrapped by another key encryption key
 * than the configured one is never replaced but reported as unavailable. After a failure to load a
 * key, further requests for it fail at once for {@value #RETRY_PAUSE_MILLIS} ms, so callers on hot
 * paths (frame verification) never queue up behind an unreachable Vault. {@link #rewrapAll} moves
 * every stored key to the newest key encryption key version, as {@code POST /keys/rewrap} does for
 * data keys.
 */
@Component
public class DeploymentKeys {

    static final int KEY_BYTES = 32;
    static final long RETRY_PAUSE_MILLIS = 1000;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Logger log = LoggerFactory.getLogger(DeploymentKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKey kek;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final Map<String, SecretKey> loaded = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    public DeploymentKeys(
            JdbcTemplate jdbc,
            KeyEncryptionKey kek,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.kek = kek;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * What {@link #rewrapAll} did: keys moved to the newest version, and keys that failed
     * authentication.
     */
    public record RewrapResult(int rewrapped, int failed) {}

    /**
     * The key of this name, created on first use.
     *
     * @throws KeyUnavailableException when the key encryption key cannot wrap or unwrap it now, or
     *     the stored key was wrapped by another key encryption key than the configured one
     * @throws KeyIntegrityException when the stored wrapped key fails authentication
     */
    public SecretKey key(String name) {
        return key(name, created -> {});
    }

    /**
     * The key of this name, created on first use.
     *
     * @param onCreated runs only when this call creates the key, inside the transaction that stores
     *     it and with the new key; if it throws, the key is not stored
     * @throws KeyUnavailableException when the key encryption key cannot wrap or unwrap it now, or
     *     the stored key was wrapped by another key encryption key than the configured one
     * @throws KeyIntegrityException when the stored wrapped key fails authentication
     */
    public SecretKey key(String name, Consumer<SecretKey> onCreated) {
        SecretKey key = loaded.get(name);
        if (key != null) {
            return key;
        }
        synchronized (this) {
            key = loaded.get(name);
            if (key != null) {
                return key;
            }
            Failure failure = failures.get(name);
            if (failure != null && System.nanoTime() - failure.retryAtNanos() < 0) {
                throw failure.again();
            }
            try {
                key = load(name, onCreated);
            } catch (KeyUnavailableException | KeyIntegrityException e) {
                RuntimeException reported =
                        e instanceof KeyIntegrityException
                                ? new KeyIntegrityException(
                                        "Deployment key '" + name + "': " + e.getMessage(), e)
                                : new KeyUnavailableException(
                                        "Deployment key '"
                                                + name
                                                + "' is unavailable: "
                                                + e.getMessage(),
                                        e);
                if (failures.put(
                                name,
                                new Failure(
                                        reported,
                                        System.nanoTime() + RETRY_PAUSE_MILLIS * 1_000_000))
                        == null) {
                    log.warn("{}; its users wait and retry", reported.getMessage());
                }
                throw reported;
            }
            if (failures.remove(name) != null) {
                log.info("Deployment key '{}' available again", name);
            }
            loaded.put(name, key);
            return key;
        }
    }

    /**
     * The key of this name if it is unwrapped in memory already; never loads it. For callers that
     * hold other work up while they wait (a lock shared by concurrent requests), and so must not
     * wait for the key encryption key; they do without the key until another caller has loaded it.
     */
    public Optional<SecretKey> loaded(String name) {
        return Optional.ofNullable(loaded.get(name));
    }

    /**
     * Moves every stored key wrapped by an older version of the configured key encryption key to
     * {@code latestVersion}; the keys themselves do not change. A wrapped key that failed
     * authentication is left as it was and counted.
     *
     * @throws KeyUnavailableException when the key encryption key cannot rewrap now
     */
    public RewrapResult rewrapAll(int latestVersion) {
        List<StoredKey> behind =
                jdbc.query(
                        """
                SELECT name, wrapped_key, kek_id, kek_version FROM deployment_key
                WHERE kek_id = ? AND kek_version < ? ORDER BY name""",
                        (rs, i) ->
                                new StoredKey(
                                        rs.getString("name"),
                                        rs.getString("wrapped_key"),
                                        rs.getString("kek_id"),
                                        rs.getInt("kek_version")),
                        kek.id(),
                        latestVersion);
        if (behind.isEmpty()) {
            return new RewrapResult(0, 0);
        }
        List<@Nullable WrappedKey> results =
                kek.rewrap(behind.stream().map(StoredKey::wrappedKey).toList());
        int rewrapped = 0;
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < behind.size(); i++) {
            StoredKey stored = behind.get(i);
            WrappedKey next = results.get(i);
            if (next == null) {
                failed.add(stored.name());
            } else if (jdbc.update(
                            """
                    UPDATE deployment_key SET wrapped_key = ?, kek_version = ? WHERE name = ? AND wrapped_key = ?""",
                            next.ciphertext(),
                            next.version(),
                            stored.name(),
                            stored.wrappedKey())
                    == 1) {
                rewrapped++;
            }
        }
        if (!failed.isEmpty()) {
            log.error(
                    "Security: the wrapped deployment keys {} failed authentication while rewrapping; they were left "
                            + "as they were and cannot be unwrapped",
                    failed);
        }
        return new RewrapResult(rewrapped, failed.size());
    }

    private SecretKey load(String name, Consumer<SecretKey> onCreated) {
        Optional<StoredKey> stored = find(name);
        if (stored.isEmpty()) {
            Optional<SecretKey> created = create(name, onCreated);
            if (created.isPresent()) {
                return created.get();
            }
            stored = find(name);
        }
        return unwrap(stored.orElseThrow());
    }

    /**
     * @return the new key if this call stored it; empty if another replica stored one first
     */
    private Optional<SecretKey> create(String name, Consumer<SecretKey> onCreated) {
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        try {
            WrappedKey wrapped = kek.wrap(material);
            SecretKey key = new SecretKeySpec(material, ALGORITHM);
            boolean inserted =
                    Objects.requireNonNull(
                            newTransaction.execute(
                                    status -> {
                                        if (jdbc.update(
                                                        """
                        INSERT INTO deployment_key (name, wrapped_key, kek_id, kek_version, created_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING""",
                                                        name,
                                                        wrapped.ciphertext(),
                                                        kek.id(),
                                                        wrapped.version(),
                                                        Timestamp.from(clock.instant()))
                                                != 1) {
                                            return false;
                                        }
                                        onCreated.accept(key);
                                        return true;
                                    }));
            if (!inserted) {
                return Optional.empty();
            }
            log.info(
                    "Created deployment key '{}' (256 bits, stored wrapped by version {} of key encryption key {})",
                    name,
                    wrapped.version(),
                    kek.id());
            return Optional.of(key);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private Optional<StoredKey> find(String name) {
        return jdbc
                .query(
                        "SELECT name, wrapped_key, kek_id, kek_version FROM deployment_key WHERE name = ?",
                        (rs, i) ->
                                new StoredKey(
                                        rs.getString("name"),
                                        rs.getString("wrapped_key"),
                                        rs.getString("kek_id"),
                                        rs.getInt("kek_version")),
                        name)
                .stream()
                .findFirst();
    }

    private SecretKey unwrap(StoredKey stored) {
        if (!stored.kekId().equals(kek.id())) {
            throw new KeyUnavailableException(
                    "it is wrapped by key encryption key '"
                            + stored.kekId()
                            + "' but '"
                            + kek.id()
                            + "' is configured");
        }
        byte[] material = kek.unwrap(stored.wrappedKey());
        try {
            if (material.length != KEY_BYTES) {
                throw new KeyIntegrityException("the unwrapped key has the wrong length");
            }
            SecretKey key = new SecretKeySpec(material, ALGORITHM);
            log.info(
                    "Deployment key '{}' unwrapped (version {} of key encryption key {})",
                    stored.name(),
                    stored.kekVersion(),
                    stored.kekId());
            return key;
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * A key as stored: wrapped by a key encryption key (its id and the version that wrapped it),
     * never the key.
     */
    private record StoredKey(String name, String wrappedKey, String kekId, int kekVersion) {

        @Override
        public String toString() {
            return "StoredKey[name="
                    + name
                    + ", kekId="
                    + kekId
                    + ", kekVersion="
                    + kekVersion
                    + "]";
        }
    }

    /** The last failure to load a key, reported again until {@code retryAtNanos}. */
    private record Failure(RuntimeException reported, long retryAtNanos) {

        RuntimeException again() {
            return reported instanceof KeyIntegrityException
                    ? new KeyIntegrityException(
                            reported.getMessage() + " (retried shortly)", reported)
                    : new KeyUnavailableException(
                            reported.getMessage() + " (retried shortly)", reported);
        }
    }
}
