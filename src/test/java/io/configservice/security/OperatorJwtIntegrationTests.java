package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.configservice.support.IntegrationTest;
import io.configservice.support.StompTestClient;
import io.configservice.support.TestJwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Operators with HS256 JWTs: roles from the claim, the subject as the actor, bad tokens refused
 * with the envelope.
 */
class OperatorJwtIntegrationTests extends IntegrationTest {

    @Test
    void readerReadsButOperatorWritesAndIsRecordedByItsSubject() {
        String serviceId = uniqueServiceId("jwt");
        createConfiguration(serviceId, "{\"a\":1}");

        operator("rita", "reader")
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();
        expectError(
                replaceConfiguration(
                        operator("rita", "reader"),
                        serviceId,
                        """
                        {"a":2}"""),
                403,
                "AUTHORIZATION_ERROR");
        replaceConfiguration(
                        operator("olga", "operator"),
                        serviceId,
                        """
                        {"a":2}""")
                .expectStatus()
                .isOk();

        operator("rita", "reader")
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.meta.updatedBy")
                .isEqualTo("olga");
    }

    @Test
    void rolesGateCredentialValuesAuditAndAdministration() {
        String serviceId = uniqueServiceId("jwtcred");
        storeCredential(serviceId + ".pw", "hunter2-value", serviceId);

        operator("rita", "reader")
                .get()
                .uri("/api/v1/credentials?serviceId={id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[0].key")
                .isEqualTo(serviceId + ".pw");
        operator("rita", "reader")
                .get()
                .uri("/api/v1/credentials/{key}", serviceId + ".pw")
                .exchange()
                .expectStatus()
                .isForbidden();
        operator("olga", "operator")
                .get()
                .uri("/api/v1/credentials/{key}", serviceId + ".pw")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.value")
                .isEqualTo("hunter2-value");

        operator("olga", "operator")
                .get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isForbidden();
        operator("aude", "auditor")
                .get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isOk();
        operator("aude", "auditor")
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden();
        operator("olga", "operator")
                .get()
                .uri("/api/v1/tokens")
                .exchange()
                .expectStatus()
                .isForbidden();
        operator("ada", "admin").get().uri("/api/v1/tokens").exchange().expectStatus().isOk();
    }

    @Test
    void invalidBearerTokensAnswer401WithTheEnvelope() {
        String expired =
                TestJwts.sign(
                        TestJwts.SECRET,
                        "late",
                        Instant.now().minus(Duration.ofMinutes(5)),
                        "admin");
        String forged =
                TestJwts.sign(
                        "another-secret-that-is-also-32-bytes-long",
                        "mallory",
                        Instant.now().plus(Duration.ofHours(1)),
                        "admin");
        for (String token : new String[] {expired, forged, "not.a.jwt"}) {
            bearer(token)
                    .get()
                    .uri("/api/v1/tokens")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .exists("WWW-Authenticate")
                    .expectBody()
                    .jsonPath("$.success")
                    .isEqualTo(false)
                    .jsonPath("$.code")
                    .isEqualTo("UNAUTHORIZED");
        }
        bearer(TestJwts.sign("token:admin", "admin"))
                .get()
                .uri("/api/v1/tokens")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void jwtsWithoutExpiryLivingTooLongNotYetValidOrFromAnotherIssuerAnswer401() {
        Instant now = Instant.now();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(
                "no exp",
                TestJwts.sign(TestJwts.claims("ada", "admin").expirationTime(null).build()));
        refused.put(
                "exp - iat of 13h",
                TestJwts.sign(
                        TestJwts.claims("ada", "admin")
                                .expirationTime(Date.from(now.plus(Duration.ofHours(13))))
                                .build()));
        refused.put(
                "exp - iat of 13h, issued 2h ago",
                TestJwts.sign(
                        TestJwts.claims("ada", "admin")
                                .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                                .expirationTime(Date.from(now.plus(Duration.ofHours(11))))
                                .build()));
        refused.put(
                "no iat, exp in 13h",
                TestJwts.sign(
                        TestJwts.claims("ada", "admin")
                                .issueTime(null)
                                .expirationTime(Date.from(now.plus(Duration.ofHours(13))))
                                .build()));
        refused.put(
                "nbf in 10 minutes",
                TestJwts.sign(
                        TestJwts.claims("ada", "admin")
                                .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10))))
                                .build()));
        refused.put(
                "another issuer",
                TestJwts.sign(
                        TestJwts.claims("ada", "admin")
                                .issuer("https://elsewhere.example")
                                .build()));
        refused.put(
                "no issuer", TestJwts.sign(TestJwts.claims("ada", "admin").issuer(null).build()));

        assertSoftly(
                softly ->
                        refused.forEach(
                                (why, token) ->
                                        softly.assertThat(
                                                        bearer(token)
                                                                .get()
                                                                .uri("/api/v1/tokens")
                                                                .exchange()
                                                                .returnResult()
                                                                .getStatus()
                                                                .value())
                                                .as(why)
                                                .isEqualTo(401)));
    }

    @Test
    void jwtsWithinTheMaximumLifetimeAreAccepted() {
        Instant now = Instant.now();
        String issuedElevenHoursAgo =
                TestJwts.sign(
                        TestJwts.claims("ada", "admin")
                                .issueTime(Date.from(now.minus(Duration.ofHours(11))))
                                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                                .build());
        String withoutIssuedAt =
                TestJwts.sign(
                        TestJwts.claims("ada", "admin")
                                .issueTime(null)
                                .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(1))))
                                .expirationTime(Date.from(now.plus(Duration.ofHours(11))))
                                .build());

        bearer(issuedElevenHoursAgo).get().uri("/api/v1/tokens").exchange().expectStatus().isOk();
        bearer(withoutIssuedAt).get().uri("/api/v1/tokens").exchange().expectStatus().isOk();
    }

    @Test
    void stompConnectWithAJwtWithoutExpiryIsRefused() {
        String neverExpires =
                TestJwts.sign(TestJwts.claims("rita", "reader").expirationTime(null).build());

        assertThat(StompTestClient.connectWithJwt(port, neverExpires))
                .failsWithin(Duration.ofSeconds(10));
    }

    @Test
    void jwtWithoutKnownRolesMayDoNothing() {
        operator("nobody").get().uri("/api/v1/credentials").exchange().expectStatus().isForbidden();
        operator("nobody", "superuser")
                .get()
                .uri("/api/v1/tokens")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void operatorJwtConnectsOverStompAndSubscribesAnywhere() throws Exception {
        String serviceId = uniqueServiceId("jwtstomp");
        try (StompTestClient client =
                StompTestClient.connectWithJwt(port, TestJwts.sign("rita", "reader"))
                        .get(10, TimeUnit.SECONDS)) {
            client.subscribe("/topic/config." + serviceId + ".production");
            createConfiguration(serviceId, "{\"a\":1}");
            assertThat(client.next("configuration_changed", Duration.ofSeconds(10))).isNotNull();
        }
        assertThat(StompTestClient.connectWithJwt(port, "not.a.jwt"))
                .failsWithin(Duration.ofSeconds(10));
    }

    private RestTestClient bearer(String token) {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + token)
                .build();
    }
}
