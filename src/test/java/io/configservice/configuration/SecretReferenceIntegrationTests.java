package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

class SecretReferenceIntegrationTests extends IntegrationTest {

    @Autowired private JdbcTemplate jdbc;

    @Autowired private StringRedisTemplate redis;

    @Test
    void referencesAreServedAsIsAndResolvedOnlyOnRequestForCallersAllowedToReadThem() {
        String serviceId = uniqueServiceId("refs");
        String key = serviceId + ".db-password";
        String secret = "canary-" + Long.toString(System.nanoTime(), 36);
        storeCredential(key, secret, serviceId);
        createConfiguration(
                serviceId,
                "{\"db\":{\"user\":\"app\",\"password\":\"${credential:"
                        + key
                        + "}\"},"
                        + "\"list\":[\"${credential:"
                        + key
                        + "}\"]}");
        String token = issueToken(serviceId);

        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.db.password")
                .isEqualTo("${credential:" + key + "}");
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}?resolveSecrets=true", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.db.password")
                .isEqualTo(secret)
                .jsonPath("$.data.list[0]")
                .isEqualTo(secret)
                .jsonPath("$.data.db.user")
                .isEqualTo("app");
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.data.db.password")
                .isEqualTo("${credential:" + key + "}");
        Map<Object, Object> cached =
                redis.opsForHash().entries("config:" + serviceId + ":production:latest");
        assertThat(cached.toString()).doesNotContain(secret);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM credential_access_log WHERE credential_key = ? "
                                        + "AND operation = 'RETRIEVE' AND access_granted",
                                Integer.class,
                                key))
                .isEqualTo(1);
    }

    @Test
    void eachDistinctKeyIsReadOnceHoweverOftenTheDocumentReferencesIt() {
        String serviceId = uniqueServiceId("refs-many");
        String key = serviceId + ".token";
        String secret = "canary-" + Long.toString(System.nanoTime(), 36);
        storeCredential(key, secret, serviceId);
        StringJoiner document = new StringJoiner(",", "{\"list\":[", "]}");
        for (int i = 0; i < 5_000; i++) {
            document.add("\"${credential:" + key + "}\"");
        }
        createConfiguration(serviceId, document.toString());

        admin().get()
                .uri("/api/v1/configurations/{id}?resolveSecrets=true", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.list.length()")
                .isEqualTo(5_000)
                .jsonPath("$.data.list[0]")
                .isEqualTo(secret)
                .jsonPath("$.data.list[4999]")
                .isEqualTo(secret);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM credential_access_log WHERE credential_key = ? "
                                        + "AND operation = 'RETRIEVE'",
                                Integer.class,
                                key))
                .isEqualTo(1);
    }

    @Test
    void moreDistinctReferencesThanTheLimitAreRefusedBeforeAnyCredentialIsRead() {
        String serviceId = uniqueServiceId("refs-limit");
        StringJoiner document = new StringJoiner(",", "{", "}");
        for (int i = 0; i < 101; i++) {
            document.add("\"k" + i + "\":\"${credential:" + serviceId + ".key" + i + "}\"");
        }
        createConfiguration(serviceId, document.toString());

        admin().get()
                .uri("/api/v1/configurations/{id}?resolveSecrets=true", serviceId)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST")
                .jsonPath("$.details.setting")
                .isEqualTo("configservice.max-secret-references")
                .jsonPath("$.details.limit")
                .isEqualTo(100)
                .jsonPath("$.data")
                .doesNotExist();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM credential_access_log WHERE credential_key LIKE ?",
                                Integer.class,
                                serviceId + ".%"))
                .isZero();
    }

    @Test
    void aReferenceTheCallerMayNotReadRefusesTheWholeRequest() {
        String serviceId = uniqueServiceId("refs-denied");
        String other = uniqueServiceId("other");
        String otherKey = other + ".api-key";
        storeCredential(otherKey, "not-for-you", other);
        createConfiguration(
                serviceId, "{\"mine\":\"plain\",\"theirs\":\"${credential:" + otherKey + "}\"}");
        String token = issueToken(serviceId);

        as(token)
                .get()
                .uri("/api/v1/configurations/{id}?resolveSecrets=true", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("AUTHORIZATION_ERROR")
                .jsonPath("$.data")
                .doesNotExist();
        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"missing\":\"${credential:" + serviceId + ".nope}\"}}")
                .exchange()
                .expectStatus()
                .isOk();
        admin().get()
                .uri("/api/v1/configurations/{id}?resolveSecrets=true", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM credential_access_log WHERE credential_key = ? "
                                        + "AND NOT access_granted",
                                Integer.class,
                                otherKey))
                .isEqualTo(1);
    }
}
