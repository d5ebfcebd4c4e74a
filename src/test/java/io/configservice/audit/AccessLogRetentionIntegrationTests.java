package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Retention of the access logs on the real database: the credential chain is pruned from its start
 * behind a signed checkpoint and still verifies; tampering with the checkpoint, deleting it,
 * deleting rows without one or deleting a kept row does not. The shared chain is pruned up to a
 * moment of this test (reads of earlier tests go with it, their changes and admin actions stay);
 * each test undoes its tampering.
 */
class AccessLogRetentionIntegrationTests extends IntegrationTest {

    private static final String SECRET = "canary-retention-value-7f3e";

    @Autowired private AccessLogRetention retention;

    @Autowired private AuditSealer sealer;

    @Autowired private JdbcTemplate jdbc;

    private String serviceId;
    private String key;
    private Instant cutoff;

    /**
     * A credential stored and read twice, sealed, then the cut-off, then two more reads; pruned up
     * to the cut-off.
     */
    @BeforeEach
    void prunedUpToNow() throws InterruptedException {
        serviceId = uniqueServiceId("retained");
        key = serviceId + ".db.password";
        storeCredential(key, SECRET, serviceId);
        read();
        read();
        seal();
        Thread.sleep(5);
        cutoff = Instant.now();
        Thread.sleep(5);
        read();
        read();
        seal();
        assertThat(retention.pruneCredentialChain(cutoff, null)).isPositive();
        verifyValid();
    }

    @Test
    void prunesReadsBeforeTheCutoffKeepsChangesAndVerifiesFromTheCheckpoint() {
        assertThat(operations()).containsExactly("CREATE", "RETRIEVE", "RETRIEVE");
        Map<String, Object> checkpoint = newestCheckpoint();
        long lastBefore =
                jdbc.queryForObject(
                                "SELECT min(chain_seq) FROM credential_access_log "
                                        + "WHERE accessed_at >= ?",
                                Long.class,
                                Timestamp.from(cutoff))
                        - 1;
        assertThat(((Number) checkpoint.get("through_seq")).longValue()).isEqualTo(lastBefore);
        assertThat(((Number) checkpoint.get("kept")).longValue())
                .isEqualTo(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM credential_access_log WHERE chain_seq <= ?",
                                Long.class,
                                lastBefore));
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM credential_access_log WHERE chain_seq <= ? "
                                        + "AND operation IN ('RETRIEVE', 'LIST_VERSIONS')",
                                Long.class,
                                lastBefore))
                .isZero();
        admin().get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.chains[1].chain")
                .isEqualTo("credential")
                .jsonPath("$.data.chains[1].pruned")
                .isEqualTo(((Number) checkpoint.get("pruned")).longValue());

        assertThat(retention.pruneCredentialChain(cutoff, null)).isZero();
        assertThat(newestCheckpoint().get("id")).isEqualTo(checkpoint.get("id"));
    }

    @Test
    void prunesChangesAndAdminActionsAtTheirOwnRetention() {
        long keptBefore = ((Number) newestCheckpoint().get("kept")).longValue();

        assertThat(retention.pruneCredentialChain(cutoff, cutoff)).isPositive();

        assertThat(operations()).containsExactly("RETRIEVE", "RETRIEVE");
        assertThat(((Number) newestCheckpoint().get("kept")).longValue())
                .isZero()
                .isLessThan(keptBefore);
        verifyValid();
    }

    @Test
    void aChangedCheckpointFailsVerification() {
        Map<String, Object> checkpoint = newestCheckpoint();
        jdbc.update(
                "UPDATE audit_checkpoint SET kept = kept - 1 WHERE id = ?", checkpoint.get("id"));
        try {
            verifyInvalid("retention checkpoint " + checkpoint.get("id") + " is not authenticated");
        } finally {
            jdbc.update(
                    "UPDATE audit_checkpoint SET kept = ? WHERE id = ?",
                    checkpoint.get("kept"),
                    checkpoint.get("id"));
        }
        verifyValid();
    }

    @Test
    void aDeletedCheckpointFailsVerification() {
        Map<String, Object> checkpoint = newestCheckpoint();
        jdbc.update("DELETE FROM audit_checkpoint WHERE id = ?", checkpoint.get("id"));
        try {
            verifyInvalid("position");
        } finally {
            jdbc.update(
                    """
                    INSERT INTO audit_checkpoint
                        (id, chain, through_seq, through_hash, kept, pruned, first_at, last_at, created_at, mac)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    checkpoint.get("id"),
                    checkpoint.get("chain"),
                    checkpoint.get("through_seq"),
                    checkpoint.get("through_hash"),
                    checkpoint.get("kept"),
                    checkpoint.get("pruned"),
                    checkpoint.get("first_at"),
                    checkpoint.get("last_at"),
                    checkpoint.get("created_at"),
                    checkpoint.get("mac"));
        }
        verifyValid();
    }

    @Test
    void rowsDeletedWithoutACheckpointOrAKeptRowDeletedFailVerification() {
        long through = ((Number) newestCheckpoint().get("through_seq")).longValue();
        Map<String, Object> next =
                jdbc.queryForMap(
                        "SELECT * FROM credential_access_log WHERE chain_seq = ?", through + 1);
        jdbc.update("DELETE FROM credential_access_log WHERE id = ?", next.get("id"));
        try {
            verifyInvalid("where " + (through + 1) + " was expected");
        } finally {
            reinsert(next);
        }
        verifyValid();

        Map<String, Object> kept =
                jdbc.queryForMap(
                        "SELECT * FROM credential_access_log WHERE chain_seq <= ? "
                                + "ORDER BY chain_seq DESC LIMIT 1",
                        through);
        jdbc.update("DELETE FROM credential_access_log WHERE id = ?", kept.get("id"));
        try {
            verifyInvalid("below the retention checkpoint");
        } finally {
            reinsert(kept);
        }
        verifyValid();
    }

    @Test
    void refusesToPruneAPrefixThatDoesNotVerify() {
        Map<String, Object> checkpoint = newestCheckpoint();
        String readId =
                jdbc.queryForObject(
                        "SELECT id::text FROM credential_access_log WHERE credential_key = ? "
                                + "AND operation = 'RETRIEVE' ORDER BY chain_seq LIMIT 1",
                        String.class,
                        key);
        String userAgent =
                jdbc.queryForObject(
                        "SELECT user_agent FROM credential_access_log WHERE id = ?::uuid",
                        String.class,
                        readId);
        jdbc.update(
                "UPDATE credential_access_log SET user_agent = 'rewritten' WHERE id = ?::uuid",
                readId);
        try {
            assertThatThrownBy(() -> retention.pruneCredentialChain(Instant.now(), null))
                    .isInstanceOf(RetentionRefusedException.class)
                    .hasMessageContaining(readId);
            assertThat(newestCheckpoint().get("id")).isEqualTo(checkpoint.get("id"));
            assertThat(operations()).containsExactly("CREATE", "RETRIEVE", "RETRIEVE");
        } finally {
            jdbc.update(
                    "UPDATE credential_access_log SET user_agent = ? WHERE id = ?::uuid",
                    userAgent,
                    readId);
        }
        verifyValid();
    }

    @Test
    void prunesOldConfigurationReadsInBatchesAndKeepsRecentOnes() {
        String reader = uniqueServiceId("reads");
        Instant old = Instant.now().minus(Duration.ofDays(100));
        jdbc.update(
                """
                INSERT INTO configuration_access_log (service_id, environment, version, actor, cached, accessed_at)
                SELECT ?, 'production', 1, 'token:x', true, ?::timestamptz - make_interval(secs => g)
                FROM generate_series(1, 2500) g""",
                reader,
                Timestamp.from(old));
        jdbc.update(
                "INSERT INTO configuration_access_log (service_id, environment, actor, cached, accessed_at) "
                        + "VALUES (?, 'production', 'token:x', false, now())",
                reader);

        assertThat(retention.pruneConfigurationAccess(Instant.now().minus(Duration.ofDays(90))))
                .isEqualTo(2500);

        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM configuration_access_log WHERE service_id = ?",
                                Integer.class,
                                reader))
                .isEqualTo(1);
    }

    @Test
    void exportsAnAccessLogAsJsonLinesWithoutValuesAndRecordsTheExport() {
        Instant from =
                jdbc.queryForObject(
                                "SELECT min(accessed_at) FROM credential_access_log "
                                        + "WHERE credential_key = ?",
                                Timestamp.class,
                                key)
                        .toInstant();
        String body =
                admin().get()
                        .uri(
                                "/api/v1/audit/export?table=credential-access&after={a}&before={b}",
                                from,
                                Instant.now().plusSeconds(1))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .contentTypeCompatibleWith("application/x-ndjson")
                        .expectHeader()
                        .valueMatches(
                                "Content-Disposition", "attachment; filename=\"credential-access.*")
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody();
        List<JsonNode> lines =
                Arrays.stream(body.split("\n")).map(line -> json.readTree(line)).toList();
        List<JsonNode> mine =
                lines.stream()
                        .filter(line -> key.equals(line.path("credentialKey").asString()))
                        .toList();
        assertThat(mine)
                .extracting(line -> line.path("operation").asString())
                .containsExactly("CREATE", "RETRIEVE", "RETRIEVE");
        assertThat(mine.get(1).path("chainSeq").asLong()).isPositive();
        assertThat(mine.get(1).path("hash").asString()).hasSize(64);
        assertThat(body).doesNotContain(SECRET);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM configuration_audit WHERE operation = 'AUDIT_EXPORT' "
                                        + "AND actor = 'token:admin' AND 'table=credential-access' = ANY(changed_keys)",
                                Integer.class))
                .isPositive();

        String reader = uniqueServiceId("exported");
        jdbc.update(
                """
                INSERT INTO configuration_access_log (service_id, environment, version, key_path, actor, ip_address,
                    user_agent, cached, accessed_at)
                SELECT ?, 'production', 3, 'db.url', 'token:x', '10.0.0.1', 'curl', true,
                    '2001-01-01T00:00:00Z'::timestamptz + make_interval(secs => g)
                FROM generate_series(1, 2100) g""",
                reader);
        String reads =
                admin().get()
                        .uri(
                                "/api/v1/audit/export?table=configuration-access"
                                        + "&after=2001-01-01T00:00:00Z&before=2001-01-02T00:00:00Z")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody();
        List<JsonNode> readLines =
                Arrays.stream(reads.split("\n")).map(line -> json.readTree(line)).toList();
        assertThat(readLines)
                .hasSize(2100)
                .allMatch(line -> reader.equals(line.path("serviceId").asString()));
        assertThat(readLines.get(0).path("accessedAt").asString())
                .isEqualTo("2001-01-01T00:00:01Z");
        assertThat(readLines.get(2099).path("accessedAt").asString())
                .isEqualTo("2001-01-01T00:35:00Z");
        assertThat(readLines.get(0).path("keyPath").asString()).isEqualTo("db.url");
        assertThat(readLines.get(0).path("ipAddress").asString()).isEqualTo("10.0.0.1");
        jdbc.update("DELETE FROM configuration_access_log WHERE service_id = ?", reader);
    }

    @Test
    void refusesABadExportRequest() {
        admin().get()
                .uri("/api/v1/audit/export?table=passwords&before=2001-01-01T00:00:00Z")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST")
                .jsonPath("$.error")
                .value(
                        message ->
                                assertThat(message.toString())
                                        .contains("configuration-access, credential-access"));
        admin().get()
                .uri("/api/v1/audit/export?table=credential-access")
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin().get()
                .uri(
                        "/api/v1/audit/export?table=credential-access&after=2001-01-02T00:00:00Z"
                                + "&before=2001-01-01T00:00:00Z")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        operator("auditor-1", "auditor")
                .get()
                .uri(
                        "/api/v1/audit/export?table=credential-access"
                                + "&before=2001-01-01T00:00:00Z")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private void read() {
        admin().get().uri("/api/v1/credentials/{key}", key).exchange().expectStatus().isOk();
    }

    private void seal() {
        for (int i = 0;
                i < 50
                        && jdbc.queryForObject(
                                        "SELECT count(*) FROM credential_access_log WHERE chain_seq IS NULL",
                                        Integer.class)
                                > 0;
                i++) {
            sealer.seal();
        }
    }

    private List<String> operations() {
        return jdbc.queryForList(
                "SELECT operation FROM credential_access_log WHERE credential_key = ? "
                        + "ORDER BY chain_seq",
                String.class,
                key);
    }

    private Map<String, Object> newestCheckpoint() {
        return jdbc.queryForMap(
                "SELECT * FROM audit_checkpoint WHERE chain = 'credential' ORDER BY id DESC LIMIT 1");
    }

    private void reinsert(Map<String, Object> row) {
        jdbc.update(
                """
                INSERT INTO credential_access_log (id, credential_id, credential_key, operation, user_id, service_id,
                    ip_address, user_agent, access_granted, access_reason, failure_reason, accessed_at, duration_ms,
                    metadata, chain_seq, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?::inet, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""",
                row.get("id"),
                row.get("credential_id"),
                row.get("credential_key"),
                row.get("operation"),
                row.get("user_id"),
                row.get("service_id"),
                row.get("ip_address") == null ? null : row.get("ip_address").toString(),
                row.get("user_agent"),
                row.get("access_granted"),
                row.get("access_reason"),
                row.get("failure_reason"),
                row.get("accessed_at"),
                row.get("duration_ms"),
                row.get("metadata") == null ? null : row.get("metadata").toString(),
                row.get("chain_seq"),
                row.get("prev_hash"),
                row.get("hash"));
    }

    private void verifyValid() {
        admin().get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.valid")
                .isEqualTo(true);
    }

    private void verifyInvalid(String problem) {
        admin().get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.valid")
                .isEqualTo(false)
                .jsonPath("$.data.chains[1].problem")
                .value(text -> assertThat(text.toString()).contains(problem));
    }
}
