package io.configservice.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.VaultTransitStandIn;
import io.configservice.support.VaultTransitStandIn.Availability;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The credential vault with Vault transit as key encryption key, reached through spring-vault-core
 * at the transit stand-in, with the in-process data key cache on. A transit key of its own per test
 * run keeps rows wrapped by earlier runs' stand-ins (whose keys are gone) out of the way.
 */
class VaultTransitCredentialIntegrationTests extends CredentialVaultTests {

    private static final VaultTransitStandIn VAULT = VaultTransitStandIn.shared();
    private static final String TRANSIT_KEY =
            "config-service-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add("configservice.vault.uri", () -> VAULT.uri().toString());
        registry.add("configservice.vault.token", VAULT::token);
        registry.add("configservice.vault.transit-key", () -> TRANSIT_KEY);
        registry.add("configservice.crypto.data-key-cache.max-size", () -> "1000");
        // The shared test database holds one audit chain key and one push signing key, wrapped by
        // the local key file
        // of the other contexts; this context's Vault key could neither unwrap them nor, if it came
        // first, leave ones
        // they can unwrap. So it seals no audit rows and relays no events (see stopTheOutboxRelay).
        registry.add("configservice.audit.seal-interval", () -> "1h");
        registry.add("configservice.push.poll-interval", () -> "1h");
        // Health must show each outage the moment the stand-in changes, not after the shared result
        // expires.
        registry.add("configservice.health.check-interval", () -> "0s");
    }

    @Autowired private ApplicationContext applicationContext;

    /** Before this context's first commit could wake its relay up (it does not poll, see above). */
    @BeforeEach
    void stopTheOutboxRelay() {
        applicationContext.getBean("outboxRelay", Lifecycle.class).stop();
    }

    @AfterEach
    void vaultAvailable() {
        VAULT.availability(Availability.AVAILABLE);
    }

    @Override
    protected String expectedKeyIdPrefix() {
        return "vault-transit:transit/" + TRANSIT_KEY;
    }

    @Test
    void whenVaultIsDownCredentialsAnswer503AndNothingIsHalfWritten() {
        String serviceId = uniqueServiceId("vault-down");
        String key = storeValue(serviceId, "stored", "before-the-outage");
        createConfiguration(serviceId, "{\"feature\":true}");

        for (Availability outage :
                new Availability[] {Availability.SEALED, Availability.DROPPING}) {
            VAULT.availability(outage);

            assertUnavailable(
                    store(serviceId + ".new", serviceId, "during-the-outage", "token", Map.of()));
            assertUnavailable(call(admin(), HttpMethod.GET, "/api/v1/credentials/" + key, null));
            assertUnavailable(
                    rotate(
                            key,
                            """
                            {"value":"rotated-during-the-outage"}"""));
            assertUnavailable(call(admin(), HttpMethod.POST, "/api/v1/keys/rotate", null));

            assertThat(
                            jdbc.queryForObject(
                                    "SELECT count(*) FROM credentials WHERE credential_key = ?",
                                    Integer.class,
                                    serviceId + ".new"))
                    .isZero();
            assertThat(
                            jdbc.queryForList(
                                    """
                    SELECT v.version || ':' || v.state FROM credential_versions v
                    JOIN credentials c ON c.id = v.credential_id WHERE c.credential_key = ?""",
                                    String.class,
                                    key))
                    .containsExactly("1:current");
            assertThat(
                            call(
                                            admin(),
                                            HttpMethod.GET,
                                            "/api/v1/configurations/" + serviceId,
                                            null)
                                    .json()
                                    .at("/data/feature")
                                    .asBoolean())
                    .isTrue();
            assertThat(
                            call(
                                            admin(),
                                            HttpMethod.GET,
                                            "/api/v1/credentials?serviceId=" + serviceId,
                                            null)
                                    .status())
                    .isEqualTo(200);
            JsonNode health = call(http, HttpMethod.GET, "/api/v1/health", null).json();
            assertThat(health.path("healthy").asBoolean()).isFalse();
            assertThat(health.at("/checks").findValues("mode").stream().map(JsonNode::asString))
                    .contains("vault-transit");
        }
        assertThat(
                        jdbc.queryForObject(
                                """
                SELECT count(*) FROM credential_access_log WHERE credential_key = ? AND NOT access_granted
                  AND failure_reason LIKE 'DEPENDENCY_UNAVAILABLE%'""",
                                Integer.class, key))
                .isEqualTo(4);

        VAULT.availability(Availability.AVAILABLE);
        assertThat(readValue(key, null)).isEqualTo("before-the-outage");
        assertThat(
                        call(http, HttpMethod.GET, "/api/v1/health", null)
                                .json()
                                .path("healthy")
                                .asBoolean())
                .isTrue();
    }

    @Test
    void hotCredentialsAreServedFromTheDataKeyCacheEvenWhileVaultIsDown() {
        String key = storeValue(uniqueServiceId("hot"), "cached", "hot-value");
        long decrypts = VAULT.calls("decrypt");

        for (int i = 0; i < 5; i++) {
            assertThat(readValue(key, null)).isEqualTo("hot-value");
        }
        assertThat(VAULT.calls("decrypt")).isEqualTo(decrypts + 1);

        VAULT.availability(Availability.SEALED);
        assertThat(readValue(key, null)).isEqualTo("hot-value");
    }

    @Test
    void keyRotationUsesTransitRewrapAndNeverDecrypts() {
        String key = storeValue(uniqueServiceId("transit"), "rewrapped", "transit-value");
        long decrypts = VAULT.calls("decrypt");
        long rewraps = VAULT.calls("rewrap");
        int before = VAULT.latestVersion(TRANSIT_KEY);

        assertThat(call(admin(), HttpMethod.POST, "/api/v1/keys/rotate", null).status())
                .isEqualTo(200);

        assertThat(VAULT.latestVersion(TRANSIT_KEY)).isEqualTo(before + 1);
        assertThat(VAULT.calls("rewrap")).isGreaterThan(rewraps);
        assertThat(VAULT.calls("decrypt")).isEqualTo(decrypts);
        assertThat(readValue(key, null)).isEqualTo("transit-value");
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(503);
        assertThat(response.json().path("code").asString()).isEqualTo("DEPENDENCY_UNAVAILABLE");
        assertThat(response.headers().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(response.text()).doesNotContain("outage");
    }
}
