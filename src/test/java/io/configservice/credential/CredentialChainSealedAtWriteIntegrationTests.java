package io.configservice.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.audit.AuditChainKey;
import io.configservice.audit.AuditChainKeys;
import io.configservice.audit.AuditSealer;
import io.configservice.crypto.KeyEncryptionKey;
import io.configservice.support.IntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Credential access rows written outside a transaction are sealed into the credential chain as they
 * are inserted, into exactly the chain the audit sealer makes: the verifier accepts any mix of rows
 * sealed at write and rows the sealer sealed later (written in a caller's transaction, or while the
 * chain key was not in memory). While a test checks that a row was sealed at write it holds the
 * sealer's lock, so the sealer cannot have sealed it.
 */
class CredentialChainSealedAtWriteIntegrationTests extends IntegrationTest {

    private static final int THREADS = 8;
    private static final int READS_PER_THREAD = 50;

    @Autowired private JdbcTemplate jdbc;

    @Autowired private DataSource dataSource;

    @Autowired private CredentialAccessLog accessLog;

    @Autowired private AuditSealer sealer;

    @Autowired private KeyEncryptionKey kek;

    @Autowired private PlatformTransactionManager transactionManager;

    @Autowired private TransactionTemplate transactions;

    @Autowired private AuditChainKey chainKey;

    @BeforeEach
    void chainKeyInMemoryAndChainValid() {
        AuditChainKeys.load(chainKey);
        sealAll();
        assertCredentialChainValid();
    }

    @Test
    void aRetrieveIsAnsweredWithItsRowAlreadySealed() throws Exception {
        String serviceId = uniqueServiceId("sealed");
        String key = serviceId + ".api-key";
        storeCredential(key, "sealed-value", serviceId);

        try (Connection sealerLock = holdSealerLock()) {
            getOk(admin(), "/api/v1/credentials/{key}", key);
            Map<String, Object> row =
                    jdbc.queryForMap(
                            "SELECT chain_seq, prev_hash, hash FROM credential_access_log "
                                    + "WHERE credential_key = ? AND operation = 'RETRIEVE'",
                            key);
            assertThat(row.get("chain_seq")).isNotNull();
            assertThat(row.get("hash")).asString().hasSize(64);
            sealerLock.rollback();
        }
        assertCredentialChainValid();
    }

    @Test
    void rowsOfEveryShapeSealedAtWriteHashTheTextTheyAreStoredWith() throws Exception {
        String key = uniqueServiceId("shapes") + ".key";
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("zeta", List.of(1, 2.5, "drei"));
        metadata.put("alpha", Map.of("nested", "ünïcödé 😀", "nothing", "␀"));
        metadata.put("quote", "\"\\\n\t");
        try (Connection sealerLock = holdSealerLock()) {
            accessLog.insert(
                    new CredentialAccess(
                            null,
                            key,
                            CredentialOperation.RETRIEVE,
                            "tøken:ädmin",
                            null,
                            "2001:db8::1",
                            "agent\u001f with a unit separator",
                            false,
                            null,
                            "denied: \u001e",
                            Instant.parse("2026-12-06T01:02:03.123456789Z"),
                            Long.MAX_VALUE,
                            metadata));
            accessLog.insert(
                    new CredentialAccess(
                            null,
                            key,
                            CredentialOperation.LIST_VERSIONS,
                            "token:admin",
                            "svc",
                            "10.1.2.3",
                            null,
                            true,
                            "granted",
                            null,
                            Instant.parse("1999-12-31T23:59:59.9999995Z"),
                            0,
                            Map.of()));
            assertThat(unsealedRowsOf(key)).isZero();
            sealerLock.rollback();
        }
        assertCredentialChainValid();
    }

    @Test
    void theChainVerifiesAcrossRowsSealedAtWriteAndRowsTheSealerSealedLater() throws Exception {
        String key = uniqueServiceId("mixed") + ".key";
        List<String> inTransaction;
        List<String> atWrite;
        try (Connection sealerLock = holdSealerLock()) {
            transactions.executeWithoutResult(
                    status -> {
                        for (int i = 0; i < 3; i++) {
                            accessLog.insert(access(key, "in a transaction " + i));
                        }
                    });
            for (int i = 0; i < 3; i++) {
                accessLog.insert(access(key, "at write " + i));
            }
            inTransaction = idsOf(key, "in a transaction %");
            atWrite = idsOf(key, "at write %");
            assertThat(inTransaction).hasSize(3);
            assertThat(atWrite).hasSize(3);
            assertThat(chainSeqs(inTransaction)).containsOnlyNulls();
            assertThat(chainSeqs(atWrite)).doesNotContainNull();
            sealerLock.rollback();
        }
        sealAll();

        assertThat(unsealedRowsOf(key)).isZero();
        assertThat(chainSeqs(inTransaction).stream().mapToLong(Long::longValue).min().orElseThrow())
                .as("rows written earlier in a transaction and sealed later come after them")
                .isGreaterThan(
                        chainSeqs(atWrite).stream().mapToLong(Long::longValue).max().orElseThrow());
        assertCredentialChainValid();
    }

    @Test
    void concurrentRetrievesMakeAGapFreeValidChain() throws Exception {
        String serviceId = uniqueServiceId("concurrent");
        String key = serviceId + ".api-key";
        storeCredential(key, "concurrent-value", serviceId);
        sealAll();
        long headBefore = credentialHead();

        try (Connection sealerLock = holdSealerLock()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> reads = new ArrayList<>();
                for (int i = 0; i < THREADS * READS_PER_THREAD; i++) {
                    reads.add(
                            pool.submit(
                                    () ->
                                            admin().get()
                                                    .uri("/api/v1/credentials/{key}", key)
                                                    .exchange()
                                                    .returnResult(byte[].class)
                                                    .getStatus()
                                                    .value()));
                }
                for (Future<Integer> read : reads) {
                    assertThat(read.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(unsealedRowsOf(key)).isZero();
            Map<String, Object> positions =
                    jdbc.queryForMap(
                            "SELECT count(*) AS rows, count(DISTINCT chain_seq) AS distinct_seqs, "
                                    + "min(chain_seq) AS first, max(chain_seq) AS last "
                                    + "FROM credential_access_log WHERE chain_seq > ?",
                            headBefore);
            assertThat(((Number) positions.get("rows")).longValue())
                    .isEqualTo(((Number) positions.get("distinct_seqs")).longValue())
                    .isGreaterThanOrEqualTo(THREADS * READS_PER_THREAD)
                    .isEqualTo(
                            ((Number) positions.get("last")).longValue()
                                    - ((Number) positions.get("first")).longValue()
                                    + 1);
            assertThat(((Number) positions.get("first")).longValue()).isEqualTo(headBefore + 1);
            assertThat(((Number) positions.get("last")).longValue()).isEqualTo(credentialHead());
            sealerLock.rollback();
        }
        assertCredentialChainValid();
    }

    @Test
    void withoutTheChainKeyInMemoryRowsAreWrittenUnsealedAndSealedLater() throws Exception {
        String key = uniqueServiceId("no-key") + ".key";
        CredentialAccessLog withoutKey =
                new CredentialAccessLog(
                        jdbc,
                        json,
                        transactions,
                        AuditChainKeys.sealingWithoutKey(jdbc, kek.id(), transactionManager),
                        new SimpleMeterRegistry());
        try (Connection sealerLock = holdSealerLock()) {
            long head = credentialHead();
            for (int i = 0; i < 3; i++) {
                withoutKey.insert(access(key, "without the key " + i));
            }
            assertThat(unsealedRowsOf(key)).isEqualTo(3);
            assertThat(credentialHead()).isEqualTo(head);
            sealerLock.rollback();
        }
        sealAll();

        assertThat(unsealedRowsOf(key)).isZero();
        assertCredentialChainValid();
    }

    @Test
    void aTamperedRowSealedAtWriteIsFound() throws Exception {
        String key = uniqueServiceId("tampered") + ".key";
        try (Connection sealerLock = holdSealerLock()) {
            for (int i = 0; i < 3; i++) {
                accessLog.insert(access(key, "original " + i));
            }
            sealerLock.rollback();
        }
        String target = idsOf(key, "original 1").get(0);
        jdbc.update(
                "UPDATE credential_access_log SET access_reason = 'nothing to see' WHERE id = ?::uuid",
                target);
        try {
            JsonNode chain = credentialChain();
            assertThat(chain.path("valid").asBoolean(true)).as("%s", chain).isFalse();
            assertThat(chain.path("firstBrokenId").asString("")).isEqualTo(target);
        } finally {
            jdbc.update(
                    "UPDATE credential_access_log SET access_reason = 'original 1' WHERE id = ?::uuid",
                    target);
        }
        assertCredentialChainValid();
    }

    private static CredentialAccess access(String key, String reason) {
        return new CredentialAccess(
                null,
                key,
                CredentialOperation.RETRIEVE,
                "token:admin",
                "svc",
                "127.0.0.1",
                "test",
                true,
                reason,
                null,
                Instant.now(),
                1,
                Map.of("test", true));
    }

    /**
     * Holds the audit sealer's advisory lock until the connection's transaction ends: meanwhile
     * every sealed row was sealed at write.
     */
    private Connection holdSealerLock() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('audit-sealer', 0))");
        }
        return connection;
    }

    private void sealAll() {
        for (int i = 0; i < 50 && unsealedRows() > 0; i++) {
            sealer.seal();
        }
        assertThat(unsealedRows()).isZero();
    }

    private long unsealedRows() {
        return jdbc.queryForObject(
                "SELECT (SELECT count(*) FROM credential_access_log WHERE chain_seq IS NULL) "
                        + "+ (SELECT count(*) FROM configuration_audit WHERE chain_seq IS NULL)",
                Long.class);
    }

    private long unsealedRowsOf(String key) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM credential_access_log WHERE credential_key = ? AND chain_seq IS NULL",
                Long.class,
                key);
    }

    private List<String> idsOf(String key, String reasonPattern) {
        return jdbc.queryForList(
                "SELECT id::text FROM credential_access_log WHERE credential_key = ? AND access_reason LIKE ? "
                        + "ORDER BY access_reason",
                String.class,
                key,
                reasonPattern);
    }

    private List<Long> chainSeqs(List<String> ids) {
        List<Long> seqs = new ArrayList<>();
        for (String id : ids) {
            seqs.add(
                    jdbc.queryForObject(
                            "SELECT chain_seq FROM credential_access_log WHERE id = ?::uuid",
                            Long.class,
                            id));
        }
        return seqs;
    }

    private long credentialHead() {
        return jdbc.queryForObject(
                "SELECT last_seq FROM audit_chain_state WHERE chain = 'credential'", Long.class);
    }

    private JsonNode credentialChain() {
        for (JsonNode chain : getOk(admin(), "/api/v1/audit/verify").path("data").path("chains")) {
            if ("credential".equals(chain.path("chain").asString(""))) {
                return chain;
            }
        }
        throw new AssertionError("the verify answer has no credential chain");
    }

    private void assertCredentialChainValid() {
        JsonNode chain = credentialChain();
        assertThat(chain.path("valid").asBoolean(false)).as("%s", chain).isTrue();
    }
}
