package io.configservice.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * The credential vault end to end, run once per key encryption key: the local key file (the shared
 * test context) and Vault transit through its HTTP stand-in ({@link
 * VaultTransitCredentialIntegrationTests}).
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class CredentialVaultTests extends IntegrationTest {

    @Autowired protected JdbcTemplate jdbc;

    @Autowired private ConfigurableApplicationContext context;

    @Autowired private CredentialRotationService rotations;

    @Autowired private LockProvider lockProvider;

    @Autowired private RedisConnectionFactory redis;

    @Autowired private ScheduledTaskHolder scheduledTasks;

    private final List<CredentialRotated> rotated = new CopyOnWriteArrayList<>();
    private final List<Boolean> publishedInTransaction = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> rotationListener =
            event -> {
                if (event instanceof PayloadApplicationEvent<?> payload
                        && payload.getPayload() instanceof CredentialRotated r) {
                    rotated.add(r);
                    publishedInTransaction.add(
                            TransactionSynchronizationManager.isActualTransactionActive());
                }
            };

    @BeforeEach
    void listenForRotations() {
        context.addApplicationListener(rotationListener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(rotationListener);
    }

    /** The id the configured key encryption key stores beside each wrapped data key. */
    protected abstract String expectedKeyIdPrefix();

    @Test
    void storesEncryptedAndAnswersTheValueOnlyOnRetrieve() {
        String serviceId = uniqueServiceId("store");
        String key = serviceId + ".db.password";

        Response created =
                store(
                        key,
                        serviceId,
                        "p@ss-wörd-1",
                        "database_password",
                        Map.of(
                                "description",
                                "orders db",
                                "sensitivity",
                                "restricted",
                                "tags",
                                Map.of("team", "payments", "tier", 1)));

        assertThat(created.status()).isEqualTo(201);
        JsonNode metadata = created.json().path("data");
        assertThat(metadata.path("key").asString()).isEqualTo(key);
        assertThat(metadata.path("type").asString()).isEqualTo("database_password");
        assertThat(metadata.path("serviceId").asString()).isEqualTo(serviceId);
        assertThat(metadata.path("environment").asString()).isEqualTo("production");
        assertThat(metadata.path("sensitivity").asString()).isEqualTo("restricted");
        assertThat(metadata.path("version").asInt()).isEqualTo(1);
        assertThat(metadata.path("tags").path("tier").asInt()).isEqualTo(1);
        assertThat(metadata.path("approvalRequired").asBoolean()).isTrue();
        assertThat(metadata.has("value")).isFalse();
        assertThat(created.text()).doesNotContain("p@ss");

        Response read = call(admin(), HttpMethod.GET, "/api/v1/credentials/" + key, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().at("/data/value").asString()).isEqualTo("p@ss-wörd-1");
        assertThat(read.json().at("/data/version").asInt()).isEqualTo(1);

        Map<String, Object> row =
                jdbc.queryForMap(
                        """
                SELECT v.kek_id, v.kek_version, v.algorithm, v.state, length(v.nonce) AS nonce_length,
                       length(v.ciphertext) AS ciphertext_length, v.wrapped_dek, c.master_key_id
                FROM credential_versions v JOIN credentials c ON c.id = v.credential_id
                WHERE c.credential_key = ? AND c.is_active""",
                        key);
        assertThat((String) row.get("kek_id")).startsWith(expectedKeyIdPrefix());
        assertThat(row.get("master_key_id")).isEqualTo(row.get("kek_id"));
        assertThat(row.get("algorithm")).isEqualTo("AES-256-GCM");
        assertThat(row.get("state")).isEqualTo("current");
        assertThat(row.get("nonce_length")).isEqualTo(12);
        assertThat(row.get("ciphertext_length"))
                .isEqualTo("p@ss-wörd-1".getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat((String) row.get("wrapped_dek")).matches("^(vault|local):v\\d+:.+");

        assertThat(
                        store(key, serviceId, "other", "api_key", Map.of())
                                .json()
                                .path("code")
                                .asString())
                .isEqualTo("ALREADY_EXISTS");
        Response invalid = store("bad key!", serviceId, "x", "password", Map.of());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(invalid.json().path("details").has("key")).isTrue();
        assertThat(invalid.json().path("details").has("type")).isTrue();
        assertThat(
                        store(
                                        serviceId + ".x",
                                        serviceId,
                                        "x",
                                        "api_key",
                                        Map.of("environment", "nowhere"))
                                .status())
                .isEqualTo(400);

        List<Map<String, Object>> audit =
                jdbc.queryForList(
                        """
                SELECT operation, access_granted, user_id, service_id, host(ip_address) AS ip, duration_ms
                FROM credential_access_log WHERE credential_key = ? ORDER BY accessed_at, id""",
                        key);
        assertThat(audit)
                .extracting(r -> r.get("operation") + ":" + r.get("access_granted"))
                .containsExactly("CREATE:true", "RETRIEVE:true", "CREATE:false");
        assertThat(audit)
                .allSatisfy(
                        r -> {
                            assertThat(r.get("user_id")).isEqualTo("token:admin");
                            assertThat(r.get("service_id")).isEqualTo(serviceId);
                            assertThat(r.get("ip")).isIn("127.0.0.1", "::1");
                            assertThat(r.get("duration_ms")).isNotNull();
                        });
    }

    @Test
    void aFlippedByteInCiphertextNonceOrWrappedKeyIsAnIntegrityError(CapturedOutput output) {
        String serviceId = uniqueServiceId("flip");
        String value = "flip-value-" + serviceId;
        String ciphertextKey = storeValue(serviceId, "ciphertext", value);
        String nonceKey = storeValue(serviceId, "nonce", value);
        String wrappedKey = storeValue(serviceId, "wrapped", value);

        jdbc.update(
                "UPDATE credential_versions SET ciphertext = set_byte(ciphertext, 3, get_byte(ciphertext, 3) # 1) "
                        + "WHERE id = ?",
                currentVersionRow(ciphertextKey));
        jdbc.update(
                "UPDATE credential_versions SET nonce = set_byte(nonce, 0, get_byte(nonce, 0) # 128) WHERE id = ?",
                currentVersionRow(nonceKey));
        long wrappedRow = currentVersionRow(wrappedKey);
        String wrapped =
                jdbc.queryForObject(
                        "SELECT wrapped_dek FROM credential_versions WHERE id = ?",
                        String.class,
                        wrappedRow);
        int at = wrapped.length() - 10;
        jdbc.update(
                "UPDATE credential_versions SET wrapped_dek = ? WHERE id = ?",
                wrapped.substring(0, at)
                        + (wrapped.charAt(at) == 'A' ? 'B' : 'A')
                        + wrapped.substring(at + 1),
                wrappedRow);

        for (String key : List.of(ciphertextKey, nonceKey, wrappedKey)) {
            assertIntegrityError(key, value);
        }
        assertThat(output.getAll())
                .contains("SECURITY EVENT integrity_failure")
                .contains("credential '" + ciphertextKey + "'")
                .doesNotContain(value);
        deleteAll(ciphertextKey, nonceKey, wrappedKey);
    }

    @Test
    void ciphertextsMovedBetweenCredentialsVersionsOrServicesDoNotDecrypt() {
        String serviceA = uniqueServiceId("swap-a");
        String serviceB = uniqueServiceId("swap-b");
        String first = storeValue(serviceA, "first", "value-first");
        String second = storeValue(serviceA, "second", "value-second");
        String other = storeValue(serviceB, "other", "value-other");
        String versioned = storeValue(serviceA, "versioned", "value-v1");
        rotate(
                versioned,
                """
                {"value":"value-v2"}""");

        swapSealedData(currentVersionRow(first), currentVersionRow(second));
        copySealedData(currentVersionRow(other), versionRow(versioned, 1));
        swapSealedData(versionRow(versioned, 1), versionRow(versioned, 2));

        assertIntegrityError(first, "value-");
        assertIntegrityError(second, "value-");
        assertIntegrityError(versioned, "value-");
        assertThat(readVersion(versioned, "previous").json().path("code").asString())
                .isEqualTo("INTEGRITY_ERROR");
        assertThat(call(admin(), HttpMethod.GET, "/api/v1/credentials/" + other, null).status())
                .isEqualTo(200);
        deleteAll(first, second, other, versioned);
    }

    @Test
    void changingABoundFieldInTheDatabaseIsAnIntegrityError() {
        String serviceId = uniqueServiceId("aad");
        String movedService = storeValue(serviceId, "service", "bound-1");
        String movedEnvironment = storeValue(serviceId, "environment", "bound-2");
        String renamed = storeValue(serviceId, "renamed", "bound-3");
        String renumbered = storeValue(serviceId, "renumbered", "bound-4");

        jdbc.update(
                "UPDATE credentials SET service_id = ? WHERE credential_key = ?",
                serviceId + "-x",
                movedService);
        jdbc.update(
                "UPDATE credentials SET environment = 'staging' WHERE credential_key = ?",
                movedEnvironment);
        jdbc.update(
                "UPDATE credentials SET credential_key = ? WHERE credential_key = ?",
                renamed + "-x",
                renamed);
        jdbc.update(
                "UPDATE credential_versions SET version = 7 WHERE id = ?",
                currentVersionRow(renumbered));
        jdbc.update("UPDATE credentials SET version = 7 WHERE credential_key = ?", renumbered);

        for (String key : List.of(movedService, movedEnvironment, renamed + "-x", renumbered)) {
            assertIntegrityError(key, "bound-");
        }
        deleteAll(movedService, movedEnvironment, renamed + "-x", renumbered);
    }

    @Test
    void everyReadDuringRotationsReturnsTheCurrentOrPreviousValue() throws Exception {
        String serviceId = uniqueServiceId("busy");
        List<String> values = new ArrayList<>(List.of("busy-value-1"));
        String key = storeValue(serviceId, "hot", values.get(0));
        AtomicInteger completedRotations = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        RestTestClient client = admin();
        ExecutorService readers = Executors.newFixedThreadPool(20);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            running.add(
                    readers.submit(
                            () -> {
                                int lastVersion = 0;
                                while (!stop.get()) {
                                    int before = completedRotations.get();
                                    Response read =
                                            call(
                                                    client,
                                                    HttpMethod.GET,
                                                    "/api/v1/credentials/" + key,
                                                    null);
                                    int after = completedRotations.get();
                                    reads.incrementAndGet();
                                    if (read.status() != 200) {
                                        problems.add(
                                                "status " + read.status() + ": " + read.text());
                                        continue;
                                    }
                                    int version = read.json().at("/data/version").asInt();
                                    String value = read.json().at("/data/value").asString();
                                    if (version < before + 1
                                            || version > after + 2
                                            || version < lastVersion
                                            || !value.equals("busy-value-" + version)) {
                                        problems.add(
                                                "read version "
                                                        + version
                                                        + " value "
                                                        + value
                                                        + " between "
                                                        + before
                                                        + " and "
                                                        + after
                                                        + " rotations, after version "
                                                        + lastVersion);
                                    }
                                    lastVersion = version;
                                }
                            }));
        }
        try {
            Thread.sleep(300);
            for (int v = 2; v <= 4; v++) {
                Response result =
                        rotate(
                                key,
                                """
                        {"value":"busy-value-%s","force":true}"""
                                        .formatted(v));
                assertThat(result.status()).as(result.text()).isEqualTo(200);
                completedRotations.incrementAndGet();
                Thread.sleep(250);
            }
        } finally {
            stop.set(true);
            for (Future<?> reader : running) {
                reader.get(30, TimeUnit.SECONDS);
            }
            readers.shutdown();
        }

        assertThat(problems).isEmpty();
        assertThat(reads.get()).isGreaterThan(100);
        assertThat(rotated)
                .filteredOn(r -> r.credentialKey().equals(key))
                .extracting(CredentialRotated::version)
                .containsExactly(2, 3, 4);
        assertThat(publishedInTransaction).doesNotContain(false);
        assertThat(readVersion(key, "previous").json().at("/data/value").asString())
                .isEqualTo("busy-value-3");
    }

    @Test
    void thePreviousVersionIsReadableDuringItsGracePeriodAndDestroyedAfter() throws Exception {
        String serviceId = uniqueServiceId("grace");
        String policy = createPolicy("grace-" + serviceId, "P1D", "PT1S", "");
        String key = serviceId + ".api";
        assertThat(
                        store(
                                        key,
                                        serviceId,
                                        "old-api-key",
                                        "api_key",
                                        Map.of("rotationPolicyId", policy))
                                .status())
                .isEqualTo(201);

        Response rotation = rotate(key, null);
        assertThat(rotation.status()).isEqualTo(200);
        Instant rotatedAt = Instant.parse(rotation.json().at("/data/rotatedAt").asString());

        String current = readValue(key, null);
        assertThat(current).hasSize(64).isNotEqualTo("old-api-key");
        assertThat(readValue(key, "previous")).isEqualTo("old-api-key");
        assertThat(readValue(key, "1")).isEqualTo("old-api-key");
        assertThat(readValue(key, "2")).isEqualTo(current);
        JsonNode versions = versionsOf(key).json();
        assertThat(versions.at("/data/0/state").asString()).isEqualTo("current");
        assertThat(versions.at("/data/1/state").asString()).isEqualTo("previous");
        assertThat(Instant.parse(versions.at("/data/1/graceUntil").asString()))
                .isEqualTo(rotatedAt.plusSeconds(1));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            for (String version : List.of("previous", "1")) {
                                Response gone =
                                        call(
                                                admin(),
                                                HttpMethod.GET,
                                                "/api/v1/credentials/"
                                                        + key
                                                        + "?version="
                                                        + version,
                                                null);
                                assertThat(gone.status()).isEqualTo(404);
                                assertThat(gone.text()).doesNotContain("old-api-key");
                            }
                        });
        // The scheduled maintenance may have destroyed it already; either way it is destroyed, and
        // audited, exactly once.
        rotations.destroyExpiredVersions();
        Map<String, Object> destroyed =
                jdbc.queryForMap(
                        """
                SELECT state, wrapped_dek, ciphertext, nonce, destroyed_at FROM credential_versions
                WHERE id = ?""",
                        versionRow(key, 1));
        assertThat(destroyed.get("state")).isEqualTo("destroyed");
        assertThat(destroyed.get("wrapped_dek")).isNull();
        assertThat(destroyed.get("ciphertext")).isNull();
        assertThat(destroyed.get("nonce")).isNull();
        assertThat(destroyed.get("destroyed_at")).isNotNull();
        assertThat(versionsOf(key).json().at("/data/1/state").asString()).isEqualTo("destroyed");
        assertThat(readValue(key, null)).isEqualTo(current);
        assertThat(
                        jdbc.queryForObject(
                                """
                SELECT count(*) FROM credential_access_log WHERE credential_key = ? AND operation = 'DESTROY_VERSION'
                  AND user_id = 'system:scheduler'""",
                                Integer.class,
                                key))
                .isEqualTo(1);
    }

    @Test
    void scheduledRotationRunsOnExactlyOneReplica() throws Exception {
        String serviceId = uniqueServiceId("scheduled");
        String policy = createPolicy("daily-" + serviceId, "P1D", "PT1H", "");
        String key = serviceId + ".token";
        assertThat(
                        store(
                                        key,
                                        serviceId,
                                        "first-token",
                                        "token",
                                        Map.of("rotationPolicyId", policy))
                                .status())
                .isEqualTo(201);
        jdbc.update(
                "UPDATE credentials SET next_rotation_at = now() - interval '1 second' WHERE credential_key = ?",
                key);
        String lockName = "credential-maintenance-test-" + serviceId;
        List<CredentialMaintenanceJob> replicas = List.of(replica(lockName), replica(lockName));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService schedulers = Executors.newFixedThreadPool(2);
        List<Future<Boolean>> runs = new ArrayList<>();
        for (CredentialMaintenanceJob replica : replicas) {
            runs.add(
                    schedulers.submit(
                            () -> {
                                start.await();
                                return replica.runOnce();
                            }));
        }
        start.countDown();
        int executed = 0;
        for (Future<Boolean> run : runs) {
            executed += run.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        schedulers.shutdown();
        boolean executedLater = replicas.get(0).runOnce();

        assertThat(scheduledTasks.getScheduledTasks())
                .extracting(task -> task.getTask().getRunnable().toString())
                .anySatisfy(task -> assertThat(task).contains("CredentialMaintenanceJob.run"));
        assertThat(executed).isEqualTo(1);
        assertThat(executedLater).as("the lock is held for its minimum time").isFalse();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM shedlock WHERE name = ?",
                                Integer.class,
                                lockName))
                .isEqualTo(1);
        JsonNode metadata = listFor(serviceId).path(0);
        assertThat(metadata.path("version").asInt()).isEqualTo(2);
        assertThat(Instant.parse(metadata.path("nextRotationAt").asString()))
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat(readValue(key, null)).hasSize(43);
        assertThat(readValue(key, "previous")).isEqualTo("first-token");
        assertThat(rotated).filteredOn(r -> r.credentialKey().equals(key)).hasSize(1);
        assertThat(
                        jdbc.queryForObject(
                                """
                SELECT count(*) FROM credential_access_log WHERE credential_key = ? AND operation = 'ROTATE'
                  AND user_id = 'system:scheduler' AND access_granted""",
                                Integer.class,
                                key))
                .isEqualTo(1);
    }

    @Test
    void keyRotationRewrapsEveryDataKeyWithoutChangingValues() {
        String serviceId = uniqueServiceId("rewrap");
        List<String> keys =
                List.of(
                        storeValue(serviceId, "a", "rewrap-a"),
                        storeValue(serviceId, "b", "rewrap-b"),
                        storeValue(serviceId, "c", "rewrap-c"));
        JsonNode before = call(admin(), HttpMethod.GET, "/api/v1/keys", null).json().path("data");
        int previous = before.path("latestVersion").asInt();

        Response rotation = call(admin(), HttpMethod.POST, "/api/v1/keys/rotate", null);

        assertThat(rotation.status()).as(rotation.text()).isEqualTo(200);
        JsonNode result = rotation.json().path("data");
        assertThat(result.path("previousVersion").asInt()).isEqualTo(previous);
        assertThat(result.path("latestVersion").asInt()).isEqualTo(previous + 1);
        assertThat(result.path("rewrapped").asInt()).isGreaterThanOrEqualTo(3);
        for (String key : keys) {
            assertThat(
                            jdbc.queryForObject(
                                    "SELECT kek_version FROM credential_versions WHERE id = ?",
                                    Integer.class,
                                    currentVersionRow(key)))
                    .isEqualTo(previous + 1);
            assertThat(
                            jdbc.queryForObject(
                                    "SELECT wrapped_dek FROM credential_versions WHERE id = ?",
                                    String.class,
                                    currentVersionRow(key)))
                    .contains(":v" + (previous + 1) + ":");
        }
        assertThat(keys)
                .extracting(key -> readValue(key, null))
                .containsExactly("rewrap-a", "rewrap-b", "rewrap-c");
        JsonNode after = call(admin(), HttpMethod.GET, "/api/v1/keys", null).json().path("data");
        assertThat(after.path("keyId").asString()).startsWith(expectedKeyIdPrefix());
        assertThat(after.path("latestVersion").asInt()).isEqualTo(previous + 1);
        JsonNode latest = after.path("versions").path(after.path("versions").size() - 1);
        assertThat(latest.path("version").asInt()).isEqualTo(previous + 1);
        assertThat(latest.path("dataKeys").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(storeValue(serviceId, "d", "rewrap-d"))
                .satisfies(
                        key ->
                                assertThat(
                                                jdbc.queryForObject(
                                                        "SELECT kek_version FROM credential_versions WHERE id = ?",
                                                        Integer.class,
                                                        currentVersionRow(key)))
                                        .isEqualTo(previous + 1));
        assertThat(
                        call(admin(), HttpMethod.POST, "/api/v1/keys/rewrap", null)
                                .json()
                                .at("/data/latestVersion")
                                .asInt())
                .isEqualTo(previous + 1);

        String token = issueToken(serviceId);
        assertThat(call(as(token), HttpMethod.POST, "/api/v1/keys/rotate", null).status())
                .isEqualTo(403);
        assertThat(call(as(token), HttpMethod.GET, "/api/v1/keys", null).status()).isEqualTo(403);
    }

    @Test
    void anExpiredCredentialAnswers410AndShowsUpAsExpiring() {
        String serviceId = uniqueServiceId("expiry");
        String soon = serviceId + ".soon";
        String later = serviceId + ".later";
        store(
                soon,
                serviceId,
                "expiring-value",
                "token",
                Map.of("expiresAt", Instant.now().plus(Duration.ofHours(12)).toString()));
        store(
                later,
                serviceId,
                "later-value",
                "token",
                Map.of("expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()));
        assertThat(
                        store(
                                        serviceId + ".past",
                                        serviceId,
                                        "x",
                                        "token",
                                        Map.of("expiresAt", "2020-01-01T00:00:00Z"))
                                .status())
                .isEqualTo(400);

        assertThat(readValue(soon, null)).isEqualTo("expiring-value");
        assertThat(
                        keysOf(
                                call(
                                        admin(),
                                        HttpMethod.GET,
                                        "/api/v1/credentials?serviceId="
                                                + serviceId
                                                + "&expiringWithinDays=1",
                                        null)))
                .containsExactly(soon);
        assertThat(
                        keysOf(
                                call(
                                        admin(),
                                        HttpMethod.GET,
                                        "/api/v1/credentials?serviceId="
                                                + serviceId
                                                + "&expiringWithinDays=31",
                                        null)))
                .containsExactly(later, soon);

        jdbc.update(
                "UPDATE credentials SET expires_at = now() - interval '1 second' WHERE credential_key = ?",
                soon);
        Response expired = call(admin(), HttpMethod.GET, "/api/v1/credentials/" + soon, null);

        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().path("code").asString()).isEqualTo("CREDENTIAL_EXPIRED");
        assertThat(expired.text()).doesNotContain("expiring-value");
        assertThat(
                        keysOf(
                                call(
                                        admin(),
                                        HttpMethod.GET,
                                        "/api/v1/credentials?serviceId="
                                                + serviceId
                                                + "&expiringWithinDays=0",
                                        null)))
                .containsExactly(soon);
        assertThat(
                        jdbc.queryForObject(
                                """
                SELECT failure_reason FROM credential_access_log WHERE credential_key = ? AND NOT access_granted""",
                                String.class,
                                soon))
                .startsWith("CREDENTIAL_EXPIRED");

        String renewedAt = Instant.now().plus(Duration.ofDays(90)).toString();
        assertThat(
                        rotate(
                                        soon,
                                        """
                {"value":"renewed-value","expiresAt":"%s"}"""
                                                .formatted(renewedAt))
                                .status())
                .isEqualTo(200);
        assertThat(readValue(soon, null)).isEqualTo("renewed-value");
    }

    @Test
    void deleteShredsEveryDataKeyButKeepsMetadataAndAudit() {
        String serviceId = uniqueServiceId("delete");
        String key = storeValue(serviceId, "doomed", "doomed-v1");
        rotate(
                key,
                """
                {"value":"doomed-v2"}""");
        String token = issueToken(serviceId);
        assertThat(call(as(token), HttpMethod.DELETE, "/api/v1/credentials/" + key, null).status())
                .isEqualTo(403);
        String id =
                jdbc.queryForObject(
                        "SELECT id::text FROM credentials WHERE credential_key = ? AND is_active",
                        String.class,
                        key);

        assertThat(call(admin(), HttpMethod.DELETE, "/api/v1/credentials/" + key, null).status())
                .isEqualTo(204);

        Response read = call(admin(), HttpMethod.GET, "/api/v1/credentials/" + key, null);
        assertThat(read.status()).isEqualTo(404);
        assertThat(readVersion(key, "previous").status()).isEqualTo(404);
        assertThat(versionsOf(key).status()).isEqualTo(404);
        assertThat(call(admin(), HttpMethod.DELETE, "/api/v1/credentials/" + key, null).status())
                .isEqualTo(404);
        Map<String, Object> metadata =
                jdbc.queryForMap(
                        "SELECT is_active, deleted_at, deleted_by, service_id FROM credentials WHERE id = ?::uuid",
                        id);
        assertThat(metadata.get("is_active")).isEqualTo(false);
        assertThat(metadata.get("deleted_at")).isNotNull();
        assertThat(metadata.get("deleted_by")).isEqualTo("token:admin");
        assertThat(
                        jdbc.queryForList(
                                """
                SELECT state FROM credential_versions WHERE credential_id = ?::uuid
                  AND wrapped_dek IS NULL AND ciphertext IS NULL AND nonce IS NULL AND destroyed_at IS NOT NULL""",
                                String.class,
                                id))
                .containsExactly("destroyed", "destroyed");
        assertThat(
                        jdbc.queryForList(
                                """
                SELECT operation || ':' || access_granted FROM credential_access_log WHERE credential_id = ?::uuid
                ORDER BY accessed_at, id""",
                                String.class,
                                id))
                .containsExactly("CREATE:true", "ROTATE:true", "DELETE:true");
        assertThat(
                        jdbc.queryForObject(
                                """
                SELECT count(*) FROM credential_access_log WHERE credential_key = ? AND operation = 'DELETE'
                  AND NOT access_granted AND failure_reason LIKE 'AUTHORIZATION_ERROR%'""",
                                Integer.class, key))
                .isEqualTo(1);

        assertThat(store(key, serviceId, "reborn", "token", Map.of()).status()).isEqualTo(201);
        assertThat(readValue(key, null)).isEqualTo("reborn");
    }

    @Test
    void aServiceTokenReadsOnlyItsOwnServicesCredentials() {
        String serviceA = uniqueServiceId("iso-a");
        String serviceB = uniqueServiceId("iso-b");
        String ownKey = storeValue(serviceA, "own", "value-of-a");
        String foreignKey = storeValue(serviceB, "foreign", "value-of-b");
        String tokenA = issueToken(serviceA);

        assertThat(
                        call(as(tokenA), HttpMethod.GET, "/api/v1/credentials/" + ownKey, null)
                                .json()
                                .at("/data/value")
                                .asString())
                .isEqualTo("value-of-a");
        Response foreign =
                call(as(tokenA), HttpMethod.GET, "/api/v1/credentials/" + foreignKey, null);
        String missingKey = serviceB + ".missing";
        Response missing =
                call(as(tokenA), HttpMethod.GET, "/api/v1/credentials/" + missingKey, null);

        assertThat(foreign.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(foreign.json().path("code").asString())
                .isEqualTo(missing.json().path("code").asString());
        assertThat(foreign.json().path("error").asString().replace(foreignKey, "KEY"))
                .isEqualTo(missing.json().path("error").asString().replace(missingKey, "KEY"));
        assertThat(foreign.text()).doesNotContain("value-of-b");
        assertThat(
                        call(
                                        as(tokenA),
                                        HttpMethod.GET,
                                        "/api/v1/credentials/" + foreignKey + "/versions",
                                        null)
                                .status())
                .isEqualTo(404);
        assertThat(keysOf(call(as(tokenA), HttpMethod.GET, "/api/v1/credentials", null)))
                .containsExactly(ownKey);
        assertThat(
                        keysOf(
                                call(
                                        as(tokenA),
                                        HttpMethod.GET,
                                        "/api/v1/credentials?serviceId=" + serviceB,
                                        null)))
                .isEmpty();
        assertThat(
                        call(
                                        as(tokenA),
                                        HttpMethod.POST,
                                        "/api/v1/credentials",
                                        storeBody(
                                                serviceA + ".new",
                                                serviceA,
                                                "x",
                                                "token",
                                                Map.of()))
                                .status())
                .isEqualTo(403);
        assertThat(
                        call(
                                        as(tokenA),
                                        HttpMethod.POST,
                                        "/api/v1/credentials/" + ownKey + "/rotate",
                                        null)
                                .status())
                .isEqualTo(403);
        assertThat(
                        call(admin(), HttpMethod.GET, "/api/v1/credentials/" + foreignKey, null)
                                .status())
                .isEqualTo(200);

        Map<String, Object> denied =
                jdbc.queryForMap(
                        """
                SELECT user_id, service_id, access_granted, failure_reason, metadata->>'callerServiceId' AS caller
                FROM credential_access_log WHERE credential_key = ? AND operation = 'RETRIEVE'
                ORDER BY accessed_at LIMIT 1""",
                        foreignKey);
        assertThat(denied.get("access_granted")).isEqualTo(false);
        assertThat(denied.get("failure_reason"))
                .isEqualTo("DENIED: credential belongs to another service");
        assertThat(denied.get("service_id")).isEqualTo(serviceB);
        assertThat(denied.get("caller")).isEqualTo(serviceA);
        assertThat((String) denied.get("user_id")).startsWith("token:");
    }

    @Test
    void rotationPoliciesDriveGenerationGraceAndSchedule() {
        String serviceId = uniqueServiceId("policy");
        String policy =
                createPolicy(
                        "short-" + serviceId,
                        "P30D",
                        "PT1H",
                        """
                        ,"generator":{"apiKeyLength":20,"passwordLength":16,"passwordSymbols":false}""");
        JsonNode read =
                call(
                                operator("rita", "reader"),
                                HttpMethod.GET,
                                "/api/v1/rotation-policies/" + policy,
                                null)
                        .json()
                        .path("data");
        assertThat(read.path("rotationInterval").asString()).isEqualTo("PT720H");
        assertThat(read.path("gracePeriod").asString()).isEqualTo("PT1H");
        assertThat(read.at("/generator/apiKeyLength").asInt()).isEqualTo(20);
        assertThat(read.at("/generator/passwordSymbols").asBoolean()).isFalse();
        assertThat(read.at("/generator/passwordDigits").asBoolean()).isTrue();

        String apiKey = serviceId + ".api";
        store(apiKey, serviceId, "initial", "api_key", Map.of("rotationPolicyId", policy));
        String password = serviceId + ".password";
        store(password, serviceId, "initial", "database_password", Map.of());
        String certificate = storeValue(serviceId, "certificate", "-----BEGIN CERTIFICATE-----");
        jdbc.update(
                "UPDATE credentials SET credential_type = 'certificate' WHERE credential_key = ?",
                certificate);

        Response result = rotate(apiKey, null);
        assertThat(result.status()).isEqualTo(200);
        JsonNode rotation = result.json().path("data");
        assertThat(rotation.path("rotationId").asString()).startsWith("rot_");
        assertThat(rotation.path("success").asBoolean()).isTrue();
        assertThat(Instant.parse(rotation.path("nextRotationAt").asString()))
                .isEqualTo(
                        Instant.parse(rotation.path("rotatedAt").asString())
                                .plus(Duration.ofDays(30)));
        assertThat(readValue(apiKey, null)).hasSize(20).matches("^[A-Za-z0-9_-]+$");
        Response tooSoon = rotate(apiKey, null);
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.json().at("/details/graceUntil").asString()).isNotEmpty();
        assertThat(
                        rotate(
                                        apiKey,
                                        """
                {"force":true}""")
                                .status())
                .isEqualTo(200);

        assertThat(
                        rotate(
                                        password,
                                        """
                {"rotationPolicyId":"%s"}"""
                                                .formatted(policy))
                                .status())
                .isEqualTo(200);
        assertThat(readValue(password, null)).hasSize(16).matches("^[A-Za-z0-9]+$");
        assertThat(listFor(serviceId))
                .anySatisfy(
                        c -> {
                            assertThat(c.path("key").asString()).isEqualTo(password);
                            assertThat(c.path("rotationPolicyId").asString()).isEqualTo(policy);
                        });
        assertThat(rotate(certificate, null).status()).isEqualTo(400);
        assertThat(
                        rotate(
                                        certificate,
                                        """
                {"value":"-----BEGIN CERTIFICATE-----new"}""")
                                .status())
                .isEqualTo(200);
        assertThat(rotated)
                .filteredOn(r -> r.serviceId().equals(serviceId))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.environment()).isEqualTo("production"));

        Response renamed =
                call(
                        admin(),
                        HttpMethod.PUT,
                        "/api/v1/rotation-policies/" + policy,
                        """
                        {"name":"short-%s","rotationInterval":"P7D","gracePeriod":"PT0S"}"""
                                .formatted(serviceId));
        assertThat(renamed.json().at("/data/rotationInterval").asString()).isEqualTo("PT168H");
        assertThat(Instant.parse(listFor(serviceId).findValues("nextRotationAt").get(0).asString()))
                .isBefore(Instant.now().plus(Duration.ofDays(8)));
        assertThat(
                        call(
                                        admin(),
                                        HttpMethod.DELETE,
                                        "/api/v1/rotation-policies/" + policy,
                                        null)
                                .status())
                .isEqualTo(409);
        assertThat(
                        call(
                                        admin(),
                                        HttpMethod.POST,
                                        "/api/v1/rotation-policies",
                                        """
                        {"name":"short-%s","rotationInterval":"P1D"}"""
                                                .formatted(serviceId))
                                .status())
                .isEqualTo(409);
        assertThat(
                        call(
                                        admin(),
                                        HttpMethod.POST,
                                        "/api/v1/rotation-policies",
                                        """
                        {"name":"bad-%s","rotationInterval":"soon"}"""
                                                .formatted(serviceId))
                                .status())
                .isEqualTo(400);
        assertThat(
                        call(
                                        admin(),
                                        HttpMethod.POST,
                                        "/api/v1/rotation-policies",
                                        """
                        {"name":"bad-%s","rotationInterval":"PT1S"}"""
                                                .formatted(serviceId))
                                .status())
                .isEqualTo(400);
        assertThat(
                        call(
                                        as(issueToken(serviceId)),
                                        HttpMethod.POST,
                                        "/api/v1/rotation-policies",
                                        """
                        {"name":"x-%s","rotationInterval":"P1D"}"""
                                                .formatted(serviceId))
                                .status())
                .isEqualTo(403);
        String unused = createPolicy("unused-" + serviceId, "P1D", "PT1H", "");
        assertThat(
                        call(
                                        admin(),
                                        HttpMethod.DELETE,
                                        "/api/v1/rotation-policies/" + unused,
                                        null)
                                .status())
                .isEqualTo(204);
        assertThat(
                        call(admin(), HttpMethod.GET, "/api/v1/rotation-policies/" + unused, null)
                                .status())
                .isEqualTo(404);
    }

    @Test
    void listsMetadataOnlyInPagesWithFilters() {
        String serviceId = uniqueServiceId("paged");
        for (int i = 0; i < 5; i++) {
            storeValue(serviceId, "k" + i, "paged-value-" + i);
        }
        store(
                serviceId + ".staging",
                serviceId,
                "paged-staging",
                "api_key",
                Map.of("environment", "staging"));

        Response first =
                call(
                        admin(),
                        HttpMethod.GET,
                        "/api/v1/credentials?serviceId="
                                + serviceId
                                + "&environment=production&type=token&limit=3",
                        null);
        assertThat(keysOf(first))
                .containsExactly(serviceId + ".k0", serviceId + ".k1", serviceId + ".k2");
        String cursor = first.json().path("nextCursor").asString();
        Response second =
                call(
                        admin(),
                        HttpMethod.GET,
                        "/api/v1/credentials?serviceId="
                                + serviceId
                                + "&environment=production&type=token&limit=3&cursor="
                                + cursor,
                        null);
        assertThat(keysOf(second)).containsExactly(serviceId + ".k3", serviceId + ".k4");
        assertThat(second.json().path("nextCursor").isNull()).isTrue();
        assertThat(
                        keysOf(
                                call(
                                        admin(),
                                        HttpMethod.GET,
                                        "/api/v1/credentials?serviceId="
                                                + serviceId
                                                + "&type=api_key",
                                        null)))
                .containsExactly(serviceId + ".staging");
        assertThat(first.text() + second.text()).doesNotContain("paged-value");
        assertThat(
                        call(admin(), HttpMethod.GET, "/api/v1/credentials?type=password", null)
                                .status())
                .isEqualTo(400);
        assertThat(call(admin(), HttpMethod.GET, "/api/v1/credentials?limit=501", null).status())
                .isEqualTo(400);
        assertThat(call(admin(), HttpMethod.GET, "/api/v1/credentials?cursor=***", null).status())
                .isEqualTo(400);
    }

    @Test
    void aCanaryValueAppearsOnlyInTheBodyOfASuccessfulRetrieve(CapturedOutput output)
            throws Exception {
        String serviceId = uniqueServiceId("canary");
        String canary = "canary-" + UUID.randomUUID();
        String key = serviceId + ".canary";
        List<String> otherResponses = new ArrayList<>();
        Response stored =
                store(key, serviceId, canary, "token", Map.of("tags", Map.of("purpose", "canary")));
        assertThat(stored.status()).isEqualTo(201);
        otherResponses.add(stored.text());
        otherResponses.add(store(key, serviceId, canary, "token", Map.of()).text());
        otherResponses.add(
                store(serviceId + ".bad", serviceId, canary, "no_such_type", Map.of()).text());
        otherResponses.add(
                call(
                                admin(),
                                HttpMethod.POST,
                                "/api/v1/credentials",
                                """
                                {"key":"%s.broken","value":"%s","""
                                        .formatted(serviceId, canary))
                        .text());

        assertThat(readValue(key, null)).isEqualTo(canary);
        otherResponses.add(
                call(
                                as(issueToken(uniqueServiceId("canary-other"))),
                                HttpMethod.GET,
                                "/api/v1/credentials/" + key,
                                null)
                        .text());
        otherResponses.add(readVersion(key, "9").text());
        otherResponses.add(
                call(admin(), HttpMethod.GET, "/api/v1/credentials?serviceId=" + serviceId, null)
                        .text());
        otherResponses.add(versionsOf(key).text());
        otherResponses.add(rotate(key, null).text());
        assertThat(readValue(key, "previous")).isEqualTo(canary);
        otherResponses.add(call(admin(), HttpMethod.GET, "/api/v1/keys", null).text());
        otherResponses.add(call(admin(), HttpMethod.POST, "/api/v1/keys/rewrap", null).text());
        otherResponses.add(call(admin(), HttpMethod.GET, "/api/v1/health", null).text());
        otherResponses.add(call(http, HttpMethod.GET, "/actuator/prometheus", null).text());
        otherResponses.add(call(http, HttpMethod.GET, "/v3/api-docs", null).text());

        List<String> needles = needles(canary);
        assertThat(otherResponses).allSatisfy(body -> assertThat(body).doesNotContain(needles));
        assertThat(output.getAll()).doesNotContain(needles);
        assertThat(tablesContaining(needles)).isEmpty();
        assertThat(redisKeysContaining(needles)).isEmpty();
    }

    // ---- helpers
    // ----------------------------------------------------------------------------------------------

    /** One answer of the API, read whatever its status. */
    protected record Response(int status, HttpHeaders headers, String text, JsonNode json) {}

    protected Response call(
            RestTestClient client, HttpMethod method, String uri, @Nullable String body) {
        RestTestClient.RequestBodySpec request =
                client.method(method)
                        .uri(uri)
                        .header(HttpHeaders.USER_AGENT, "credential-tests/1.0");
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        EntityExchangeResult<byte[]> result = request.exchange().returnResult(byte[].class);
        byte[] bytes = result.getResponseBody();
        String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node =
                    text.isEmpty() || !text.startsWith("{")
                            ? json.createObjectNode()
                            : json.readTree(text);
        } catch (RuntimeException e) {
            node = json.createObjectNode();
        }
        return new Response(result.getStatus().value(), result.getResponseHeaders(), text, node);
    }

    /** Stores the credential as the admin; {@code extra} holds more members of the body. */
    protected Response store(
            String key, String serviceId, String value, String type, Map<String, ?> extra) {
        return call(
                admin(),
                HttpMethod.POST,
                "/api/v1/credentials",
                storeBody(key, serviceId, value, type, extra));
    }

    private Response versionsOf(String key) {
        return call(admin(), HttpMethod.GET, "/api/v1/credentials/" + key + "/versions", null);
    }

    /** Reads the version of the credential as the admin, whatever the answer. */
    private Response readVersion(String key, String version) {
        return call(
                admin(),
                HttpMethod.GET,
                "/api/v1/credentials/" + key + "?version=" + version,
                null);
    }

    /** The body that stores the credential; in production unless {@code extra} names another. */
    protected String storeBody(
            String key, String serviceId, String value, String type, Map<String, ?> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("value", value);
        body.put("type", type);
        body.put("serviceId", serviceId);
        body.put("environment", "production");
        body.putAll(extra);
        return json.writeValueAsString(body);
    }

    /** Stores a token credential {@code <serviceId>.<name>} in production and answers its key. */
    protected String storeValue(String serviceId, String name, String value) {
        String key = serviceId + "." + name;
        Response created = store(key, serviceId, value, "token", Map.of());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return key;
    }

    protected String readValue(String key, @Nullable String version) {
        Response read =
                call(
                        admin(),
                        HttpMethod.GET,
                        "/api/v1/credentials/"
                                + key
                                + (version == null ? "" : "?version=" + version),
                        null);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        return read.json().at("/data/value").asString();
    }

    protected Response rotate(String key, @Nullable String body) {
        return call(admin(), HttpMethod.POST, "/api/v1/credentials/" + key + "/rotate", body);
    }

    private String createPolicy(String name, String interval, String grace, String extra) {
        Response created =
                call(
                        admin(),
                        HttpMethod.POST,
                        "/api/v1/rotation-policies",
                        """
                {"name":"%s","rotationInterval":"%s","gracePeriod":"%s"%s}"""
                                .formatted(name, interval, grace, extra));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().at("/data/id").asString();
    }

    private JsonNode listFor(String serviceId) {
        return call(admin(), HttpMethod.GET, "/api/v1/credentials?serviceId=" + serviceId, null)
                .json()
                .path("data");
    }

    private static List<String> keysOf(Response list) {
        List<String> keys = new ArrayList<>();
        list.json().path("data").forEach(item -> keys.add(item.path("key").asString()));
        return keys;
    }

    protected long currentVersionRow(String key) {
        return jdbc.queryForObject(
                """
                SELECT v.id FROM credential_versions v JOIN credentials c ON c.id = v.credential_id
                WHERE c.credential_key = ? AND c.is_active AND v.state = 'current'""",
                Long.class,
                key);
    }

    private long versionRow(String key, int version) {
        return jdbc.queryForObject(
                """
                SELECT v.id FROM credential_versions v JOIN credentials c ON c.id = v.credential_id
                WHERE c.credential_key = ? AND c.is_active AND v.version = ?""",
                Long.class,
                key,
                version);
    }

    private void swapSealedData(long a, long b) {
        Map<String, Object> first = sealedData(a);
        Map<String, Object> second = sealedData(b);
        writeSealedData(a, second);
        writeSealedData(b, first);
    }

    private void copySealedData(long from, long to) {
        writeSealedData(to, sealedData(from));
    }

    private Map<String, Object> sealedData(long row) {
        return jdbc.queryForMap(
                "SELECT ciphertext, nonce, wrapped_dek FROM credential_versions WHERE id = ?", row);
    }

    private void writeSealedData(long row, Map<String, Object> data) {
        jdbc.update(
                "UPDATE credential_versions SET ciphertext = ?, nonce = ?, wrapped_dek = ? WHERE id = ?",
                data.get("ciphertext"),
                data.get("nonce"),
                data.get("wrapped_dek"),
                row);
    }

    private void assertIntegrityError(String key, String valueFragment) {
        Response read = call(admin(), HttpMethod.GET, "/api/v1/credentials/" + key, null);
        assertThat(read.status()).as(key + ": " + read.text()).isEqualTo(500);
        assertThat(read.json().path("code").asString()).isEqualTo("INTEGRITY_ERROR");
        assertThat(read.json().path("error").asString())
                .isEqualTo("Credential '" + key + "' failed its integrity check");
        assertThat(read.text()).doesNotContain(valueFragment);
        assertThat(
                        jdbc.queryForObject(
                                """
                SELECT failure_reason FROM credential_access_log WHERE credential_key = ? AND operation = 'RETRIEVE'
                ORDER BY accessed_at DESC, id DESC LIMIT 1""",
                                String.class,
                                key))
                .startsWith("INTEGRITY_ERROR");
    }

    private void deleteAll(String... keys) {
        for (String key : keys) {
            assertThat(
                            call(admin(), HttpMethod.DELETE, "/api/v1/credentials/" + key, null)
                                    .status())
                    .isEqualTo(204);
        }
    }

    private CredentialMaintenanceJob replica(String lockName) {
        return new CredentialMaintenanceJob(
                rotations,
                new DefaultLockingTaskExecutor(lockProvider),
                lockName,
                Duration.ofMinutes(1),
                Duration.ofSeconds(20));
    }

    private static List<String> needles(String canary) {
        byte[] bytes = canary.getBytes(StandardCharsets.UTF_8);
        return List.of(
                canary,
                Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                HexFormat.of().formatHex(bytes));
    }

    /**
     * Every text, JSON, array or byte column of every table that holds one of the needles, as
     * plaintext.
     */
    private List<String> tablesContaining(List<String> needles) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns =
                jdbc.queryForList(
                        """
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema()
                  AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')""");
        assertThat(columns).hasSizeGreaterThan(20);
        for (Map<String, Object> column : columns) {
            String table = "\"" + column.get("table_name") + "\"";
            String name = "\"" + column.get("column_name") + "\"";
            for (String needle : needles) {
                Integer hits =
                        "bytea".equals(column.get("data_type"))
                                ? jdbc.queryForObject(
                                        "SELECT count(*) FROM "
                                                + table
                                                + " WHERE position(? IN "
                                                + name
                                                + ") > 0",
                                        Integer.class,
                                        (Object) needle.getBytes(StandardCharsets.UTF_8))
                                : jdbc.queryForObject(
                                        "SELECT count(*) FROM "
                                                + table
                                                + " WHERE strpos("
                                                + name
                                                + "::text, ?) > 0",
                                        Integer.class,
                                        needle);
                if (hits != null && hits > 0) {
                    found.add(column.get("table_name") + "." + column.get("column_name"));
                }
            }
        }
        return found;
    }

    private List<String> redisKeysContaining(List<String> needles) {
        List<String> found = new ArrayList<>();
        try (RedisConnection connection = redis.getConnection();
                Cursor<byte[]> keys =
                        connection
                                .keyCommands()
                                .scan(ScanOptions.scanOptions().count(500).build())) {
            while (keys.hasNext()) {
                byte[] key = keys.next();
                List<byte[]> contents = new ArrayList<>(List.of(key));
                DataType type = connection.keyCommands().type(key);
                if (type == DataType.STRING) {
                    contents.add(connection.stringCommands().get(key));
                } else if (type == DataType.HASH) {
                    connection
                            .hashCommands()
                            .hGetAll(key)
                            .forEach(
                                    (field, value) -> {
                                        contents.add(field);
                                        contents.add(value);
                                    });
                } else if (type == DataType.LIST) {
                    contents.addAll(connection.listCommands().lRange(key, 0, -1));
                } else if (type == DataType.SET) {
                    contents.addAll(connection.setCommands().sMembers(key));
                } else if (type == DataType.ZSET) {
                    contents.addAll(connection.zSetCommands().zRange(key, 0, -1));
                }
                for (byte[] content : contents) {
                    String text =
                            content == null ? "" : new String(content, StandardCharsets.ISO_8859_1);
                    for (String needle : needles) {
                        if (text.contains(needle)) {
                            found.add(new String(key, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return found;
    }
}
