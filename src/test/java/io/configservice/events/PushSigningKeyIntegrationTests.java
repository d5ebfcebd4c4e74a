package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.configservice.crypto.DeploymentKeys;
import io.configservice.crypto.KeyEncryptionKey;
import io.configservice.crypto.KeyUnavailableException;
import io.configservice.support.IntegrationTest;
import io.configservice.support.StubKeyEncryptionKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The key that signs push frames is a deployment key: stored only wrapped by the key encryption key
 * (what the database holds signs nothing that verifies), rewrapped with the audit chain key by
 * {@code POST /keys/rotate} and {@code POST /keys/rewrap}, and while it cannot be unwrapped nothing
 * is signed and no frame verifies, and the relay leaves the events in the outbox and retries.
 */
@ExtendWith(OutputCaptureExtension.class)
class PushSigningKeyIntegrationTests extends IntegrationTest {

    private static final String DESTINATION = "/topic/config.signing.production";
    private static final byte[] PAYLOAD =
            "{\"type\":\"configuration_changed\"}".getBytes(StandardCharsets.UTF_8);

    @Autowired private FrameSignatures signatures;

    @Autowired private KeyEncryptionKey kek;

    @Autowired private JdbcTemplate jdbc;

    @Autowired private PlatformTransactionManager transactionManager;

    @Autowired private OutboxRelay relay;

    @Autowired private OutboxRepository outbox;

    @Autowired private SimpMessagingTemplate messaging;

    @Autowired private TransactionTemplate transactions;

    @Autowired private ApplicationContext context;

    @Test
    void theSigningKeyIsStoredOnlyWrappedByTheKeyEncryptionKey() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String signature = signatures.sign(DESTINATION, eventId, PAYLOAD);
        assertThat(signatures.verify(frame(eventId, signature))).isTrue();

        Map<String, Object> stored =
                jdbc.queryForMap(
                        "SELECT wrapped_key, kek_id FROM deployment_key WHERE name = ?",
                        FrameSignatures.KEY_NAME);
        assertThat(stored.get("kek_id")).isEqualTo(kek.id());
        String wrapped = (String) stored.get("wrapped_key");
        byte[] wrappedBody =
                Base64.getDecoder().decode(wrapped.substring(wrapped.lastIndexOf(':') + 1));
        for (byte[] storedBytes : List.of(wrapped.getBytes(StandardCharsets.UTF_8), wrappedBody)) {
            String withStoredBytes = hmac(storedBytes, eventId);
            assertThat(withStoredBytes).isNotEqualTo(signature);
            assertThat(signatures.verify(frame(eventId, withStoredBytes))).isFalse();
        }
        assertThat(hmac(kek.unwrap(wrapped), eventId)).isEqualTo(signature);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                                Long.class,
                                "push_signing_key"))
                .isZero();
    }

    @Test
    void rotationAndRewrapMoveThePushSigningKeyAndTheAuditChainKeyToTheNewestVersion() {
        String eventId = UUID.randomUUID().toString();
        String signature = signatures.sign(DESTINATION, eventId, PAYLOAD);
        admin().get().uri("/api/v1/audit/verify").exchange().expectStatus().isOk();
        String bothKeys =
                "SELECT kek_version FROM deployment_key WHERE name IN ('push-signing', 'audit-chain')";

        admin().post().uri("/api/v1/keys/rotate").exchange().expectStatus().isOk();
        int rotated = kek.info().latestVersion();
        assertThat(jdbc.queryForList(bothKeys, Integer.class)).hasSize(2).containsOnly(rotated);

        int latest = kek.rotate().latestVersion();
        JsonNode answer =
                json.readTree(
                        admin().post()
                                .uri("/api/v1/keys/rewrap")
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody()
                                .returnResult()
                                .getResponseBody());

        assertThat(answer.at("/data/rewrapped").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForList(bothKeys, Integer.class)).hasSize(2).containsOnly(latest);
        FrameSignatures restarted =
                new FrameSignatures(
                        new DeploymentKeys(jdbc, kek, transactionManager, Clock.systemUTC()));
        assertThat(restarted.verify(frame(eventId, signature))).isTrue();
        admin().get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.valid")
                .isEqualTo(true);
    }

    @Test
    void whileTheSigningKeyCannotBeUnwrappedNothingIsSignedAndNoFrameVerifies() {
        String eventId = UUID.randomUUID().toString();
        String signature = signatures.sign(DESTINATION, eventId, PAYLOAD);
        FrameSignatures vaultDown =
                new FrameSignatures(
                        new DeploymentKeys(
                                jdbc,
                                StubKeyEncryptionKey.unreachable(kek.id()),
                                transactionManager,
                                Clock.systemUTC()));

        assertThatThrownBy(() -> vaultDown.sign(DESTINATION, eventId, PAYLOAD))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("'push-signing'");
        assertThat(vaultDown.verify(frame(eventId, signature))).isFalse();
    }

    @Test
    void whileTheSigningKeyCannotBeUnwrappedTheRelayLeavesEventsInTheOutboxAndRetries(
            CapturedOutput output) throws Exception {
        String serviceId = uniqueServiceId("keyless");
        OutboxRelay vaultDown =
                new OutboxRelay(
                        outbox,
                        messaging,
                        new FrameSignatures(
                                new DeploymentKeys(
                                        jdbc,
                                        StubKeyEncryptionKey.unreachable(kek.id()),
                                        transactionManager,
                                        Clock.systemUTC())),
                        context.getBeanProvider(AbstractBrokerMessageHandler.class),
                        transactions,
                        json,
                        Clock.systemUTC(),
                        new SimpleMeterRegistry(),
                        new Binder(
                                        new MapConfigurationPropertySource(
                                                Map.of(
                                                        "configservice.push.poll-interval",
                                                        "100ms")))
                                .bindOrCreate("configservice.push", PushProperties.class));
        relay.stop();
        try {
            vaultDown.start();
            try {
                createConfiguration(serviceId, "{\"a\":1}");
                await().during(Duration.ofMillis(1_500))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> unpublished(serviceId) == 1);
                assertThat(output.getAll())
                        .containsOnlyOnce(
                                "Outbox relay failing, events wait in the outbox and are "
                                        + "retried: Deployment key 'push-signing' is unavailable: Vault transit decrypt failed");
            } finally {
                vaultDown.stop();
            }
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(serviceId) == 0);
    }

    private long unpublished(String serviceId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM event_outbox WHERE published_at IS NULL AND destination = ?",
                Long.class,
                "/topic/config." + serviceId + ".production");
    }

    private static Message<byte[]> frame(String eventId, String signature) {
        SimpMessageHeaderAccessor headers =
                SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setDestination(DESTINATION);
        headers.setNativeHeader(OutboxRelay.EVENT_ID_HEADER, eventId);
        headers.setNativeHeader(FrameSignatures.HEADER, signature);
        return MessageBuilder.createMessage(PAYLOAD, headers.getMessageHeaders());
    }

    /** HMAC-SHA256 of a frame as {@link FrameSignatures} computes it, under the given key bytes. */
    private static String hmac(byte[] key, String eventId) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(DESTINATION.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(eventId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(PAYLOAD));
    }
}
