package io.configservice.configserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.audit.AccessAuditRecorder;
import io.configservice.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ConfigServerIntegrationTests extends IntegrationTest {

    @Autowired private JdbcTemplate jdbc;

    @Autowired private StringRedisTemplate redis;

    @Autowired private AccessAuditRecorder accessAudit;

    @Test
    void servesTheEnvironmentAsTheConfigClientReadsItWithKeysInSpringsFlatForm() {
        String serviceId = uniqueServiceId("scc");
        createConfiguration(
                serviceId,
                """
                {"db":{"host":"db1","pool":{"size":10}},"servers":[{"host":"a"},{"host":"b"}],"tags":[],
                 "feature":true,"ratio":0.5,"removed":null,"gaps":[1,null],"server.port":8081}""");
        String token = issueToken(serviceId, "config:read");

        JsonNode environment = environment(token, "/config-server/{id}/production", serviceId);

        assertThat(environment.propertyNames())
                .containsExactly(
                        "name", "profiles", "label", "version", "state", "propertySources");
        assertThat(environment.get("name").asString()).isEqualTo(serviceId);
        assertThat(environment.get("profiles").toString()).isEqualTo("[\"production\"]");
        assertThat(environment.get("label").isNull()).isTrue();
        assertThat(environment.get("version").asString()).isEqualTo("production:r1");
        assertThat(environment.get("state").isNull()).isTrue();
        assertThat(environment.get("propertySources")).hasSize(1);
        JsonNode source = environment.at("/propertySources/0");
        assertThat(source.get("name").asString())
                .isEqualTo("configservice:" + serviceId + "-production");
        assertThat(json.convertValue(source.get("source"), Map.class))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "db.host",
                                "db1",
                                "db.pool.size",
                                10,
                                "servers[0].host",
                                "a",
                                "servers[1].host",
                                "b",
                                "tags",
                                "",
                                "feature",
                                true,
                                "ratio",
                                0.5,
                                "gaps[0]",
                                1,
                                "gaps[1]",
                                "",
                                "server.port",
                                8081));
    }

    @Test
    void answersTheClientsDefaultMediaTypeWithTheSameBody() {
        String serviceId = uniqueServiceId("scc-v2");
        createConfiguration(serviceId, "{\"greeting\":\"hello\"}");

        byte[] body =
                as(issueToken(serviceId, "config:read"))
                        .get()
                        .uri("/config-server/{id}/production", serviceId)
                        .accept(
                                MediaType.parseMediaType(
                                        ConfigServerController.ENVIRONMENT_V2_JSON))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .contentTypeCompatibleWith(ConfigServerController.ENVIRONMENT_V2_JSON)
                        .expectBody()
                        .returnResult()
                        .getResponseBody();

        assertThat(readJson(body).at("/propertySources/0/source/greeting").asString())
                .isEqualTo("hello");
    }

    @Test
    void laterProfilesWinAndComeFirstAsTheMostSpecificSource() {
        String serviceId = uniqueServiceId("scc-prof");
        String region = "scc" + Long.toString(System.nanoTime(), 36);
        createEnvironment(region, "\"name\":\"Region\",\"type\":\"production\"");
        createConfiguration(
                serviceId,
                """
                {"a":"base","b":"base","list":["x","y","z"],"nested":{"keep":1,"over":1}}""");
        putLayer(
                serviceId,
                region,
                """
                {"b":"region","list":["r"],"nested":{"over":2}}""");
        String token = issueToken(serviceId, "config:read");

        JsonNode environment =
                environment(token, "/config-server/{id}/production," + region, serviceId);

        assertThat(environment.get("profiles").toString())
                .isEqualTo("[\"production\",\"" + region + "\"]");
        assertThat(environment.get("version").asString())
                .isEqualTo("production:r1," + region + ":r1");
        assertThat(environment.at("/propertySources/0/name").asString())
                .isEqualTo("configservice:" + serviceId + "-" + region);
        assertThat(environment.at("/propertySources/1/name").asString())
                .isEqualTo("configservice:" + serviceId + "-production");

        assertThat(
                        document(
                                token,
                                "/config-server/{id}-production," + region + ".properties",
                                serviceId))
                .isEqualTo("a: base\nb: region\nnested.keep: 1\nnested.over: 2\nlist[0]: r");
        assertThat(
                        readJson(
                                document(
                                                token,
                                                "/config-server/{id}-production,"
                                                        + region
                                                        + ".json",
                                                serviceId)
                                        .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(
                        readJson(
                                """
                        {"a":"base","b":"region","nested":{"keep":1,"over":2},"list":["r"]}"""
                                        .getBytes(StandardCharsets.UTF_8)));
        String yaml =
                """
                a: "base"
                b: "region"
                nested:
                  keep: 1
                  over: 2
                list:
                - "r"
                """;
        assertThat(document(token, "/config-server/{id}-production," + region + ".yml", serviceId))
                .isEqualTo(yaml);
        assertThat(document(token, "/config-server/{id}-production," + region + ".yaml", serviceId))
                .isEqualTo(yaml);
    }

    @Test
    void aLabelServesAnEarlierVersionOfTheServicesOwnDocument() {
        String serviceId = uniqueServiceId("scc-label");
        createConfiguration(serviceId, "{\"greeting\":\"v1\"}");
        putLayer(serviceId, "production", "{\"greeting\":\"v2\"}");
        String token = issueToken(serviceId, "config:read");

        assertThat(
                        environment(token, "/config-server/{id}/production", serviceId)
                                .at("/propertySources/0/source/greeting")
                                .asString())
                .isEqualTo("v2");
        JsonNode labelled = environment(token, "/config-server/{id}/production/1", serviceId);
        assertThat(labelled.get("label").asString()).isEqualTo("1");
        assertThat(labelled.get("version").asString()).isEqualTo("production:v1");
        assertThat(labelled.at("/propertySources/0/source/greeting").asString()).isEqualTo("v1");
        assertThat(document(token, "/config-server/1/{id}-production.properties", serviceId))
                .isEqualTo("greeting: v1");
        assertThat(document(token, "/config-server/2/{id}-production.yml", serviceId))
                .isEqualTo("greeting: \"v2\"\n");

        as(token)
                .get()
                .uri("/config-server/{id}/production/3", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound();
        as(token)
                .get()
                .uri("/config-server/{id}/production/main", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound();
        as(token)
                .get()
                .uri("/config-server/main/{id}-production.json", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound();
        as(token)
                .get()
                .uri("/config-server/main/{id}-production.properties", serviceId)
                .header("Accept", "image/png")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void anUnknownApplicationOrProfileContributesNoPropertySourceAsOnAConfigServer() {
        String serviceId = uniqueServiceId("scc-none");
        createConfiguration(serviceId, "{\"greeting\":\"hello\"}");

        JsonNode unknownService =
                environment(
                        ADMIN_TOKEN,
                        "/config-server/{id}/production",
                        uniqueServiceId("scc-missing"));
        assertThat(unknownService.get("propertySources")).isEmpty();
        assertThat(unknownService.get("version").isNull()).isTrue();

        JsonNode unknownProfile =
                environment(
                        issueToken(serviceId, "config:read"),
                        "/config-server/{id}/default,production,staging",
                        serviceId);
        assertThat(unknownProfile.get("profiles").toString())
                .isEqualTo("[\"default\",\"production\",\"staging\"]");
        assertThat(unknownProfile.get("propertySources")).hasSize(1);
        assertThat(unknownProfile.get("version").asString()).isEqualTo("production:r1");
    }

    @Test
    void readsNeedTheServicesOwnTokenWithConfigReadAndAreInTheAccessAudit()
            throws InterruptedException {
        String serviceId = uniqueServiceId("scc-auth");
        createConfiguration(serviceId, "{\"greeting\":\"hello\"}");
        putLayer(serviceId, "production", "{\"greeting\":\"again\"}");
        String token = issueToken(serviceId, "config:read");

        http.get()
                .uri("/config-server/{id}/production", serviceId)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        as("cst_nope.nope")
                .get()
                .uri("/config-server/{id}/production", serviceId)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        as(issueToken(uniqueServiceId("scc-other")))
                .get()
                .uri("/config-server/{id}/production", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("AUTHORIZATION_ERROR");
        as(issueToken(serviceId, "events:subscribe", "credentials:read"))
                .get()
                .uri("/config-server/{id}-production.yml", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden();

        as(token)
                .get()
                .uri("/config-server/{id}/production", serviceId)
                .header("User-Agent", "scc-test/1.0")
                .exchange()
                .expectStatus()
                .isOk();
        as(token)
                .get()
                .uri("/config-server/{id}/production/1", serviceId)
                .header("User-Agent", "scc-test/1.0")
                .exchange()
                .expectStatus()
                .isOk();
        as(token)
                .get()
                .uri("/config-server/{id}-production.properties", serviceId)
                .header("User-Agent", "scc-test/1.0")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(accessAudit.awaitWritten(Duration.ofSeconds(10))).isTrue();
        List<Map<String, Object>> rows =
                jdbc.queryForList(
                        """
                SELECT environment, version, actor, user_agent FROM configuration_access_log
                WHERE service_id = ? ORDER BY id""",
                        serviceId);
        String actor = "token:" + token.substring(4, token.indexOf('.'));
        assertThat(rows).extracting(row -> row.get("version")).containsExactly(null, 1, null);
        assertThat(rows)
                .allSatisfy(
                        row -> {
                            assertThat(row.get("environment")).isEqualTo("production");
                            assertThat(row.get("actor")).isEqualTo(actor);
                            assertThat(row.get("user_agent")).isEqualTo("scc-test/1.0");
                        });
    }

    @Test
    void credentialReferencesAreResolvedOnlyForCallersThatMayReadThemAndNeverCached() {
        String serviceId = uniqueServiceId("scc-cred");
        String key = serviceId + ".db-password";
        String secret = "canary-" + Long.toString(System.nanoTime(), 36);
        storeCredential(key, secret, serviceId);
        createConfiguration(
                serviceId,
                "{\"db\":{\"user\":\"app\",\"password\":\"${credential:" + key + "}\"}}");

        JsonNode resolved =
                environment(
                                issueToken(serviceId, "config:read", "credentials:read"),
                                "/config-server/{id}/production",
                                serviceId)
                        .at("/propertySources/0/source");
        assertThat(resolved.get("db.password").asString()).isEqualTo(secret);
        assertThat(resolved.has("invalid.db.password")).isFalse();

        JsonNode withheld =
                environment(
                                issueToken(serviceId, "config:read"),
                                "/config-server/{id}/production",
                                serviceId)
                        .at("/propertySources/0/source");
        assertThat(withheld.has("db.password")).isFalse();
        assertThat(withheld.get("invalid.db.password").asString()).isEqualTo("<n/a>");
        assertThat(withheld.get("db.user").asString()).isEqualTo("app");

        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM credential_access_log WHERE credential_key = ? "
                                        + "AND operation = 'RETRIEVE' AND access_granted",
                                Integer.class,
                                key))
                .isEqualTo(1);
        assertThat(
                        redis.opsForHash()
                                .entries("config:" + serviceId + ":production:effective")
                                .toString())
                .isNotEmpty()
                .doesNotContain(secret);
    }

    @Test
    void aReferenceToACredentialTheServiceMayNotReadRefusesTheWholeRequest() {
        String serviceId = uniqueServiceId("scc-theirs");
        String other = uniqueServiceId("scc-owner");
        storeCredential(other + ".key", "not-for-you", other);
        createConfiguration(serviceId, "{\"theirs\":\"${credential:" + other + ".key}\"}");

        as(issueToken(serviceId))
                .get()
                .uri("/config-server/{id}/production", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("AUTHORIZATION_ERROR");
    }

    private JsonNode environment(String token, String uri, String serviceId) {
        byte[] body =
                as(token)
                        .get()
                        .uri(uri, serviceId)
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        return readJson(body);
    }

    private String document(String token, String uri, String serviceId) {
        byte[] body =
                as(token)
                        .get()
                        .uri(uri, serviceId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        return new String(body, StandardCharsets.UTF_8);
    }

    private void putLayer(String serviceId, String environment, String documentJson) {
        admin().put()
                .uri("/api/v1/configurations/{id}/environments/{env}", serviceId, environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":%s,"changeReason":"test"}"""
                                .formatted(documentJson))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
