package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class AccessAuditIntegrationTests extends IntegrationTest {

    @Autowired private AccessAuditRecorder recorder;

    @Autowired private JdbcTemplate jdbc;

    @Test
    void everyReadIsRecordedWithWhoAndWhereFrom() throws Exception {
        String serviceId = uniqueServiceId("audited");
        createConfiguration(serviceId, "{\"a\":{\"b\":1}}");
        String token = issueToken(serviceId);

        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .header("User-Agent", "audit-test/1.0")
                .exchange()
                .expectStatus()
                .isOk();
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .header("User-Agent", "audit-test/1.0")
                .exchange()
                .expectStatus()
                .isOk();
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}/a.b", serviceId)
                .header("User-Agent", "audit-test/1.0")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(recorder.awaitWritten(Duration.ofSeconds(10))).isTrue();
        List<Map<String, Object>> rows =
                jdbc.queryForList(
                        """
                SELECT version, key_path, actor, host(ip_address) AS ip, user_agent, cached
                FROM configuration_access_log WHERE service_id = ? ORDER BY id""",
                        serviceId);
        assertThat(rows).hasSize(3);
        String actor = "token:" + token.substring(4, token.indexOf('.'));
        assertThat(rows)
                .allSatisfy(
                        row -> {
                            assertThat(row.get("actor")).isEqualTo(actor);
                            assertThat(row.get("ip")).isIn("127.0.0.1", "::1");
                            assertThat(row.get("user_agent")).isEqualTo("audit-test/1.0");
                            assertThat(row.get("version")).isEqualTo(1);
                        });
        assertThat(rows.get(1).get("cached")).isEqualTo(true);
        assertThat(rows.get(2).get("key_path")).isEqualTo("a.b");
    }

    @Test
    void deniedReadIsNotRecordedAsAnAccess() throws Exception {
        String serviceId = uniqueServiceId("private");
        createConfiguration(serviceId, "{}");
        as(issueToken(uniqueServiceId("other")))
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(recorder.awaitWritten(Duration.ofSeconds(10))).isTrue();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM configuration_access_log WHERE service_id = ?",
                                Integer.class,
                                serviceId))
                .isZero();
    }
}
