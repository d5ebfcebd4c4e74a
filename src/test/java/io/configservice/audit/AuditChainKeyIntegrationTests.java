package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.crypto.DeploymentKeys;
import io.configservice.crypto.KeyEncryptionKey;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.support.IntegrationTest;
import io.configservice.support.StubKeyEncryptionKey;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain key: stored only wrapped by the key encryption key, the HMAC key of every row
 * sealed after it existed, never shown in an API answer or a log line; when it cannot be unwrapped,
 * rows stay unsealed and verify answers 503; a different key never passes for it.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditChainKeyIntegrationTests extends IntegrationTest {

    private static final Caller AUDITOR =
            new Caller("aude", null, null, Set.of(Role.AUDITOR), Set.of(), null);

    @Autowired private JdbcTemplate jdbc;

    @Autowired private DataSource dataSource;

    @Autowired private KeyEncryptionKey kek;

    @Autowired private AuditSealer sealer;

    @Autowired private AuditChainKey chainKey;

    @Autowired private AuditChainRepository chains;

    @Autowired private AuditQueries queries;

    @Autowired private AuditVerifier verifier;

    @Autowired private PlatformTransactionManager transactionManager;

    @Test
    void sealsWithAnHmacUnderAKeyStoredOnlyWrappedAndNeverShown(CapturedOutput output)
            throws Exception {
        createConfiguration(uniqueServiceId("hmac"), "{\"a\":1}");
        sealUntilDone();
        replica(kek).current();

        Map<String, Object> stored =
                jdbc.queryForMap(
                        "SELECT wrapped_key, kek_id FROM deployment_key WHERE name = ?",
                        AuditChainKey.NAME);
        assertThat(stored.get("kek_id")).isEqualTo(kek.id());
        byte[] key = kek.unwrap((String) stored.get("wrapped_key"));
        assertThat(key).hasSize(32);

        Map<String, Object> last =
                jdbc.queryForMap(
                        "SELECT id, prev_hash, hash, "
                                + AuditChain.CONFIGURATION.canonicalSql()
                                + " AS canonical FROM configuration_audit "
                                + "WHERE chain_seq = (SELECT max(chain_seq) FROM configuration_audit)");
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected =
                HexFormat.of()
                        .formatHex(
                                hmac.doFinal(
                                        (last.get("prev_hash") + "\n" + last.get("canonical"))
                                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(last.get("hash")).isEqualTo(expected);

        List<String> answers = new ArrayList<>();
        for (String uri :
                List.of(
                        "/api/v1/audit/verify",
                        "/api/v1/audit/configurations?limit=500",
                        "/api/v1/audit/credentials?limit=500",
                        "/api/v1/keys")) {
            answers.add(
                    text(
                            admin().get()
                                    .uri(uri)
                                    .exchange()
                                    .expectStatus()
                                    .isOk()
                                    .expectBody()
                                    .returnResult()
                                    .getResponseBody()));
        }
        answers.add(
                text(
                        admin().post()
                                .uri("/api/v1/keys/rewrap")
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody()
                                .returnResult()
                                .getResponseBody()));
        List<String> forms =
                List.of(
                        HexFormat.of().formatHex(key),
                        HexFormat.of().withUpperCase().formatHex(key),
                        Base64.getEncoder().encodeToString(key),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        assertThat(output.getAll()).contains("Deployment key 'audit-chain' unwrapped");
        for (String form : forms) {
            assertThat(answers).noneMatch(answer -> answer.contains(form));
            assertThat(output.getAll()).doesNotContain(form);
            assertThat((String) stored.get("wrapped_key")).doesNotContain(form);
        }
    }

    @Test
    void anotherReplicaUsesTheFirstWritersKey() {
        ChainKey first = chainKey.current();
        Map<String, Object> stored =
                jdbc.queryForMap("SELECT * FROM deployment_key WHERE name = ?", AuditChainKey.NAME);

        ChainKey other = replica(kek).current();

        assertThat(other.link().link("0".repeat(64), "row"))
                .isEqualTo(first.link().link("0".repeat(64), "row"));
        assertThat(
                        jdbc.queryForMap(
                                "SELECT * FROM deployment_key WHERE name = ?", AuditChainKey.NAME))
                .isEqualTo(stored);
    }

    @Test
    void keyRotationRewrapsTheChainKeyAndTheChainStillVerifies() {
        admin().post().uri("/api/v1/keys/rotate").exchange().expectStatus().isOk();

        assertThat(
                        jdbc.queryForObject(
                                "SELECT kek_version FROM deployment_key WHERE name = ?",
                                Integer.class,
                                AuditChainKey.NAME))
                .isEqualTo(kek.info().latestVersion());
        AuditChainKey reloaded = replica(kek);
        assertThat(new AuditService(queries, verifier, reloaded).verify(AUDITOR).valid()).isTrue();
    }

    @Test
    void whileTheKeyCannotBeUnwrappedRowsStayUnsealedAndVerifyAnswers503() throws Exception {
        AuditChainKey unreachable = replica(StubKeyEncryptionKey.unreachable(kek.id()));
        AuditSealer waiting =
                new AuditSealer(chains, unreachable, new TransactionTemplate(transactionManager));
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute(
                        "SELECT pg_advisory_xact_lock(hashtextextended('audit-sealer', 0))");
            }
            createConfiguration(uniqueServiceId("vault-down"), "{\"a\":1}");
            long unsealed = unsealedConfigurationRows();
            assertThat(unsealed).isPositive();

            assertThat(waiting.seal()).isEqualTo(-1);
            assertThat(unsealedConfigurationRows()).isEqualTo(unsealed);
            lock.rollback();
        }
        assertThatThrownBy(() -> new AuditService(queries, verifier, unreachable).verify(AUDITOR))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DEPENDENCY_UNAVAILABLE));

        sealUntilDone();
        assertThat(unsealedConfigurationRows()).isZero();
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
    void anotherKeyNeverPassesForTheChainKey() {
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        AuditChainKey wrong = replica(new StubKeyEncryptionKey(kek.id(), other));

        AuditVerification verification = new AuditService(queries, verifier, wrong).verify(AUDITOR);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.chains())
                .allSatisfy(
                        chain ->
                                assertThat(chain.problem())
                                        .contains("not authenticated by the audit chain key"));
    }

    /**
     * The chain key as another replica with this key encryption key would load it (nothing cached).
     */
    private AuditChainKey replica(KeyEncryptionKey keyEncryptionKey) {
        return new AuditChainKey(
                new DeploymentKeys(jdbc, keyEncryptionKey, transactionManager, Clock.systemUTC()),
                chains);
    }

    private long unsealedConfigurationRows() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM configuration_audit WHERE chain_seq IS NULL", Long.class);
    }

    private void sealUntilDone() {
        for (int i = 0; i < 50 && unsealedConfigurationRows() > 0; i++) {
            sealer.seal();
        }
    }

    private static String text(byte @Nullable [] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
