package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of tampering with a sealed audit row is found by the verifier. Each test tampers with
 * the shared database and then undoes it, so the chain is whole again for whatever runs next.
 */
class AuditChainIntegrationTests extends IntegrationTest {

    @Autowired private AuditSealer sealer;

    @Autowired private JdbcTemplate jdbc;

    private String serviceId;
    private List<Long> ids;

    @BeforeEach
    void threeSealedChanges() {
        serviceId = uniqueServiceId("audited");
        createConfiguration(serviceId, "{\"a\":1}");
        for (int i = 2; i <= 3; i++) {
            admin().put()
                    .uri("/api/v1/configurations/{id}", serviceId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            "{\"configuration\":{\"a\":"
                                    + i
                                    + "},\"changeReason\":\"step"
                                    + i
                                    + "\"}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        sealUntilDone();
        ids =
                jdbc.queryForList(
                        "SELECT id FROM configuration_audit WHERE service_id = ? ORDER BY id",
                        Long.class,
                        serviceId);
        assertThat(ids).hasSize(3);
        verifyValid();
    }

    @Test
    void auditApiListsChangesWithFiltersAndPages() {
        admin().get()
                .uri("/api/v1/audit/configurations?serviceId={s}&limit=2", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(2)
                .jsonPath("$.data[0].version")
                .isEqualTo(3)
                .jsonPath("$.data[0].operation")
                .isEqualTo("UPDATE")
                .jsonPath("$.data[0].actor")
                .isEqualTo("token:admin")
                .jsonPath("$.data[0].reason")
                .isEqualTo("step3")
                .jsonPath("$.data[0].changedKeys[0]")
                .isEqualTo("a")
                .jsonPath("$.data[0].hash")
                .isNotEmpty()
                .jsonPath("$.nextCursor")
                .isNotEmpty();
        admin().get()
                .uri("/api/v1/audit/configurations?serviceId={s}&operation=CREATE", serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(1)
                .jsonPath("$.data[0].version")
                .isEqualTo(1);
        admin().get()
                .uri(
                        "/api/v1/audit/configurations?serviceId={s}&from=2999-01-01T00:00:00Z",
                        serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(0);
        admin().get().uri("/api/v1/audit/credentials?limit=5").exchange().expectStatus().isOk();
        as(issueToken(serviceId))
                .get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void detectsAnUpdatedRow() {
        long target = ids.get(1);
        String original =
                jdbc.queryForObject(
                        "SELECT reason FROM configuration_audit WHERE id = ?",
                        String.class,
                        target);
        jdbc.update(
                "UPDATE configuration_audit SET reason = 'nothing to see' WHERE id = ?", target);
        try {
            verifyBrokenAt(target);
        } finally {
            jdbc.update("UPDATE configuration_audit SET reason = ? WHERE id = ?", original, target);
        }
        verifyValid();
    }

    @Test
    void detectsADeletedRow() {
        long target = ids.get(1);
        Map<String, Object> row =
                jdbc.queryForMap("SELECT * FROM configuration_audit WHERE id = ?", target);
        long next =
                jdbc.queryForObject(
                        "SELECT id FROM configuration_audit WHERE chain_seq > ? ORDER BY chain_seq LIMIT 1",
                        Long.class,
                        row.get("chain_seq"));
        jdbc.update("DELETE FROM configuration_audit WHERE id = ?", target);
        try {
            verifyBrokenAt(next);
        } finally {
            jdbc.update(
                    """
                    INSERT INTO configuration_audit (id, service_id, environment, version, operation, actor,
                        changed_keys, reason, occurred_at, chain_seq, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?)""",
                    row.get("id"),
                    row.get("service_id"),
                    row.get("environment"),
                    row.get("version"),
                    row.get("operation"),
                    row.get("actor"),
                    row.get("changed_keys").toString(),
                    row.get("reason"),
                    row.get("occurred_at"),
                    row.get("chain_seq"),
                    row.get("prev_hash"),
                    row.get("hash"));
        }
        verifyValid();
    }

    @Test
    void detectsAnInsertedRow() {
        long seq =
                jdbc.queryForObject(
                        "SELECT chain_seq FROM configuration_audit WHERE id = ?",
                        Long.class,
                        ids.get(1));
        jdbc.update(
                "UPDATE configuration_audit SET chain_seq = chain_seq + 1000000 WHERE chain_seq > ?",
                seq);
        jdbc.update(
                """
                INSERT INTO configuration_audit (service_id, environment, version, operation, actor, reason,
                    occurred_at, chain_seq, prev_hash, hash)
                VALUES (?, 'production', 99, 'UPDATE', 'intruder', 'forged', now(), ?, repeat('a', 64), repeat('b', 64))""",
                serviceId,
                seq + 1);
        Long forged =
                jdbc.queryForObject(
                        "SELECT id FROM configuration_audit WHERE actor = 'intruder' AND service_id = ?",
                        Long.class,
                        serviceId);
        try {
            verifyBrokenAt(forged);
        } finally {
            jdbc.update("DELETE FROM configuration_audit WHERE id = ?", forged);
            jdbc.update(
                    "UPDATE configuration_audit SET chain_seq = chain_seq - 1000000 WHERE chain_seq > ?",
                    seq + 1000000);
        }
        verifyValid();
    }

    @Test
    void detectsReorderedRows() {
        long first =
                jdbc.queryForObject(
                        "SELECT chain_seq FROM configuration_audit WHERE id = ?",
                        Long.class,
                        ids.get(0));
        long second =
                jdbc.queryForObject(
                        "SELECT chain_seq FROM configuration_audit WHERE id = ?",
                        Long.class,
                        ids.get(1));
        swap(first, second);
        try {
            verifyBrokenAt(ids.get(1));
        } finally {
            swap(second, first);
        }
        verifyValid();
    }

    @Test
    void detectsALogRechainedWithPlainSha256AsAnAttackerWithDatabaseAccessWould() {
        long target = ids.get(1);
        long fromSeq =
                jdbc.queryForObject(
                        "SELECT chain_seq FROM configuration_audit WHERE id = ?",
                        Long.class,
                        target);
        List<Map<String, Object>> originals =
                jdbc.queryForList(
                        "SELECT id, reason, prev_hash, hash "
                                + "FROM configuration_audit WHERE chain_seq >= ? ORDER BY chain_seq",
                        fromSeq);
        Map<String, Object> head =
                jdbc.queryForMap(
                        "SELECT last_seq, last_hash FROM audit_chain_state WHERE chain = 'configuration'");
        jdbc.update(
                "UPDATE configuration_audit SET reason = 'nothing to see' WHERE id = ?", target);
        String prev =
                jdbc.queryForObject(
                        "SELECT prev_hash FROM configuration_audit WHERE id = ?",
                        String.class,
                        target);
        for (Map<String, Object> row : originals) {
            String canonical =
                    jdbc.queryForObject(
                            "SELECT "
                                    + AuditChain.CONFIGURATION.canonicalSql()
                                    + " FROM configuration_audit WHERE id = ?",
                            String.class,
                            row.get("id"));
            String hash = sha256Hex(prev + "\n" + canonical);
            jdbc.update(
                    "UPDATE configuration_audit SET prev_hash = ?, hash = ? WHERE id = ?",
                    prev,
                    hash,
                    row.get("id"));
            prev = hash;
        }
        jdbc.update(
                "UPDATE audit_chain_state SET last_hash = ? WHERE chain = 'configuration'", prev);
        try {
            verifyBrokenAt(target);
        } finally {
            for (Map<String, Object> row : originals) {
                jdbc.update(
                        "UPDATE configuration_audit SET reason = ?, prev_hash = ?, hash = ? WHERE id = ?",
                        row.get("reason"),
                        row.get("prev_hash"),
                        row.get("hash"),
                        row.get("id"));
            }
            jdbc.update(
                    "UPDATE audit_chain_state SET last_hash = ? WHERE chain = 'configuration'",
                    head.get("last_hash"));
        }
        verifyValid();
    }

    @Test
    void detectsADeletedTail() {
        Map<String, Object> head =
                jdbc.queryForMap(
                        "SELECT last_seq, last_hash FROM audit_chain_state WHERE chain = 'configuration'");
        jdbc.update(
                "UPDATE audit_chain_state SET last_seq = last_seq + 1, last_hash = repeat('c', 64) "
                        + "WHERE chain = 'configuration'");
        try {
            admin().get()
                    .uri("/api/v1/audit/verify")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.data.valid")
                    .isEqualTo(false)
                    .jsonPath("$.data.chains[0].problem")
                    .isNotEmpty();
        } finally {
            jdbc.update(
                    "UPDATE audit_chain_state SET last_seq = ?, last_hash = ? WHERE chain = 'configuration'",
                    head.get("last_seq"),
                    head.get("last_hash"));
        }
        verifyValid();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void swap(long a, long b) {
        jdbc.update("UPDATE configuration_audit SET chain_seq = -1 WHERE chain_seq = ?", a);
        jdbc.update("UPDATE configuration_audit SET chain_seq = ? WHERE chain_seq = ?", a, b);
        jdbc.update("UPDATE configuration_audit SET chain_seq = ? WHERE chain_seq = -1", b);
    }

    private void sealUntilDone() {
        for (int i = 0;
                i < 50
                        && jdbc.queryForObject(
                                        "SELECT count(*) FROM configuration_audit WHERE chain_seq IS NULL",
                                        Integer.class)
                                > 0;
                i++) {
            sealer.seal();
        }
    }

    private void verifyValid() {
        admin().get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.valid")
                .isEqualTo(true)
                .jsonPath("$.data.firstBrokenId")
                .doesNotExist();
    }

    private void verifyBrokenAt(long id) {
        JsonNode verification = getOk(admin(), "/api/v1/audit/verify").path("data");
        assertThat(verification.path("valid").asBoolean(true)).as("%s", verification).isFalse();
        assertThat(verification.path("firstBrokenId").asString(""))
                .as("%s", verification)
                .isEqualTo(Long.toString(id));
    }
}
