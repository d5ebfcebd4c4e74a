package io.configservice.configuration.effective;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.configuration.document.JsonDocuments;
import io.configservice.support.IntegrationTest;
import io.configservice.support.StompTestClient;
import io.configservice.support.StompTestClient.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The effective configuration as a resource: stored per (service, environment) with a revision,
 * pushed once per affected environment whose content changed, read with ETag and resumed from a
 * revision.
 */
class EffectiveConfigurationIntegrationTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired private JdbcTemplate jdbc;

    @Autowired private StringRedisTemplate redis;

    private String service;
    private String grandparent;
    private String parent;
    private String child;
    private String sibling;

    /**
     * grandparent ← parent ← child, grandparent ← sibling; the service's document lives in
     * grandparent.
     */
    @BeforeEach
    void environments() {
        service = uniqueServiceId("eff");
        grandparent = uniqueServiceId("gp");
        parent = uniqueServiceId("par");
        child = uniqueServiceId("chi");
        sibling = uniqueServiceId("sib");
        createEnvironment(grandparent, "\"name\":\"G\",\"type\":\"testing\"");
        createEnvironment(
                parent,
                "\"name\":\"P\",\"type\":\"testing\",\"inheritsFrom\":[\"" + grandparent + "\"]");
        createEnvironment(
                child, "\"name\":\"C\",\"type\":\"testing\",\"inheritsFrom\":[\"" + parent + "\"]");
        createEnvironment(
                sibling,
                "\"name\":\"S\",\"type\":\"testing\",\"inheritsFrom\":[\"" + grandparent + "\"]");
        write(
                grandparent,
                """
                {"a":1,"b":1}""");
        write(
                sibling,
                """
                {"a":9}""");
    }

    @Test
    void aGrandparentWriteReachesTheGrandchildAndNoEnvironmentWhoseContentDidNotChange()
            throws Exception {
        String token = issueToken(service);
        try (StompTestClient grandchild = subscribed(token, child);
                StompTestClient overriding = subscribed(token, sibling)) {
            write(
                    grandparent,
                    """
                    {"a":2,"b":1}""");
            Received event = grandchild.next("configuration_changed", WAIT);
            assertThat(event).isNotNull();
            JsonNode data = event.body().get("data");
            assertThat(data.get("environment").asString()).isEqualTo(child);
            assertThat(data.get("revision").asLong()).isEqualTo(2);
            assertThat(data.has("version")).isFalse();
            assertThat(data.at("/cause/layer").asString()).isEqualTo("configuration");
            assertThat(data.at("/cause/environment").asString()).isEqualTo(grandparent);
            assertThat(data.at("/cause/version").asInt()).isEqualTo(2);
            assertThat(data.at("/cause/changeType").asString()).isEqualTo("UPDATE");
            assertThat(data.get("changes").size()).isEqualTo(1);
            assertThat(data.at("/changes/0/path").asString()).isEqualTo("a");
            assertThat(data.at("/changes/0/oldValue").asInt()).isEqualTo(1);
            assertThat(data.at("/changes/0/newValue").asInt()).isEqualTo(2);
            grandchild.acknowledge(event.body().get("id").asString());
            assertThat(grandchild.next("configuration_changed", Duration.ofSeconds(2))).isNull();
            assertThat(overriding.next(Duration.ofSeconds(1)))
                    .as("sibling overrides a: nothing changed")
                    .isNull();
        }
        assertThat(revision(sibling)).isEqualTo(2);
        assertThat(revision(child)).isEqualTo(2);
    }

    @Test
    void overridesAndInheritsFromChangesFanOut() throws Exception {
        String token = issueToken(service);
        try (StompTestClient grandchild = subscribed(token, child);
                StompTestClient parentClient = subscribed(token, parent)) {
            updateEnvironment(
                    parent,
                    """
                    "name":"P","type":"testing","inheritsFrom":["%s"],"configurationOverrides":{"b":5}"""
                            .formatted(grandparent));
            for (StompTestClient client : List.of(grandchild, parentClient)) {
                Received event = client.next("configuration_changed", WAIT);
                assertThat(event).isNotNull();
                assertThat(event.body().at("/data/cause/layer").asString()).isEqualTo("overrides");
                assertThat(event.body().at("/data/cause/environment").asString()).isEqualTo(parent);
                assertThat(event.body().at("/data/changes/0/path").asString()).isEqualTo("b");
                assertThat(event.body().at("/data/changes/0/newValue").asInt()).isEqualTo(5);
                assertThat(event.body().at("/data/revision").asLong()).isEqualTo(2);
                client.acknowledge(event.body().get("id").asString());
            }
            updateEnvironment(
                    child,
                    """
                    "name":"C","type":"testing","inheritsFrom":["%s"]"""
                            .formatted(grandparent));
            Received moved = grandchild.next("configuration_changed", WAIT);
            assertThat(moved).isNotNull();
            assertThat(moved.body().at("/data/cause/layer").asString()).isEqualTo("inheritsFrom");
            assertThat(moved.body().at("/data/cause/environment").asString()).isEqualTo(child);
            assertThat(moved.body().at("/data/changes/0/path").asString()).isEqualTo("b");
            assertThat(moved.body().at("/data/changes/0/newValue").asInt()).isEqualTo(1);
            assertThat(moved.body().at("/data/revision").asLong()).isEqualTo(3);
            grandchild.acknowledge(moved.body().get("id").asString());
            assertThat(parentClient.next("configuration_changed", Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void readsCarryTheRevisionAsETagAndTheRevisionMovesExactlyOnContentChange() {
        JsonNode first = read(child);
        assertThat(first.at("/meta/revision").asLong()).isEqualTo(1);
        assertThat(first.at("/data/configuration")).isEqualTo(json.readTree("{\"a\":1,\"b\":1}"));
        assertThat(first.at("/meta/layers/0/environment").asString()).isEqualTo(grandparent);
        assertThat(first.at("/meta/layers/0/kind").asString()).isEqualTo("configuration");
        assertThat(first.at("/meta/layers/0/version").asInt()).isEqualTo(1);
        assertThat(first.at("/meta/checksum").asString())
                .isEqualTo(JsonDocuments.checksum("{\"a\":1,\"b\":1}"));

        write(
                grandparent,
                """
                {"a":1,"b":2}""");
        assertThat(read(child).at("/data/configuration/b").asInt()).isEqualTo(2);
        write(
                grandparent,
                """
                {"a":1,"b":1}""");
        JsonNode back = read(child);
        assertThat(back.at("/data/configuration")).isEqualTo(json.readTree("{\"a\":1,\"b\":1}"));
        assertThat(back.at("/meta/revision").asLong())
                .as("A -> B -> A is two revisions")
                .isEqualTo(3);
        assertThat(back.at("/meta/layers/0/version").asInt()).isEqualTo(3);

        long siblingRevision = revision(sibling);
        write(
                grandparent,
                """
                {"a":7,"b":1}""");
        assertThat(revision(sibling)).as("the sibling overrides a").isEqualTo(siblingRevision);
        assertThat(read(sibling).at("/meta/layers/0/version").asInt())
                .as("layers follow")
                .isEqualTo(4);

        effective(child)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"r4\"");
        effective(child)
                .header(HttpHeaders.IF_NONE_MATCH, "\"r4\"")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"r4\"");
        effective(child)
                .header(HttpHeaders.IF_NONE_MATCH, "\"r3\"")
                .exchange()
                .expectStatus()
                .isOk();
        admin().get()
                .uri("/api/v1/configurations/{s}/environments/{e}?explain=true", service, child)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.configuration.a")
                .isEqualTo(7)
                .jsonPath("$.data.explain['a'].environment")
                .isEqualTo(grandparent);
    }

    @Test
    void aCacheHitTakesTheETagFromTheStoredRevisionAndAnEntryCachedWithoutOneStillAnswers() {
        String key = "config:" + service + ":" + child + ":effective";
        write(
                grandparent,
                """
                {"a":1,"b":2}""");
        read(child);
        assertThat(redis.opsForHash().get(key, "r")).as("the revision beside meta").isEqualTo("2");
        effective(child)
                .header(HttpHeaders.IF_NONE_MATCH, "\"r2\"")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"r2\"");

        redis.opsForHash().delete(key, "r");
        effective(child)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"r2\"")
                .expectBody()
                .jsonPath("$.cached")
                .isEqualTo(true)
                .jsonPath("$.meta.revision")
                .isEqualTo(2);
        effective(child)
                .header(HttpHeaders.IF_NONE_MATCH, "\"r2\"")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"r2\"");
        effective(child)
                .header(HttpHeaders.IF_NONE_MATCH, "\"r1\"")
                .exchange()
                .expectStatus()
                .isOk();

        write(
                grandparent,
                """
                {"a":1,"b":3}""");
        assertThat(redis.opsForHash().get(key, "r"))
                .as("a newer entry stores it again")
                .isEqualTo("3");
    }

    @Test
    void clientsResumeFromARevisionUntilTheLogNoLongerReachesBack() {
        for (int b = 2; b <= 4; b++) {
            write(
                    grandparent,
                    """
                    {"a":1,"b":%d}"""
                            .formatted(b));
        }
        JsonNode feed =
                readJson(
                        changes(child, 1)
                                .expectStatus()
                                .isOk()
                                .expectBody()
                                .returnResult()
                                .getResponseBody());
        assertThat(feed.at("/data/currentRevision").asLong()).isEqualTo(4);
        assertThat(feed.at("/data/changes").size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(feed.at("/data/changes/" + i + "/revision").asLong()).isEqualTo(i + 2);
            assertThat(feed.at("/data/changes/" + i + "/changes/0/path").asString()).isEqualTo("b");
            assertThat(feed.at("/data/changes/" + i + "/changes/0/newValue").asInt())
                    .isEqualTo(i + 2);
            assertThat(feed.at("/data/changes/" + i + "/cause/environment").asString())
                    .isEqualTo(grandparent);
        }
        for (int b = 5; b <= 7; b++) {
            write(
                    grandparent,
                    """
                    {"a":1,"b":%d}"""
                            .formatted(b));
        }
        changes(child, 1)
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RESYNC_REQUIRED")
                .jsonPath("$.details.currentRevision")
                .isEqualTo(7);
        changes(child, 2)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.changes.length()")
                .isEqualTo(5)
                .jsonPath("$.data.changes[0].revision")
                .isEqualTo(3);
        changes(child, 7)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.changes.length()")
                .isEqualTo(0);
    }

    @Test
    void pairsStoredBeforeEffectiveRowsExistedGetThemOnFirstUse() {
        jdbc.update("DELETE FROM effective_configuration_changes WHERE service_id = ?", service);
        jdbc.update("DELETE FROM effective_configurations WHERE service_id = ?", service);
        assertThat(read(child).at("/meta/revision").asLong()).isEqualTo(1);
        jdbc.update("DELETE FROM effective_configurations WHERE service_id = ?", service);
        write(
                grandparent,
                """
                {"a":1,"b":3}""");
        assertThat(revision(child)).isEqualTo(2);
        assertThat(revision(sibling)).as("its b comes from the grandparent").isEqualTo(2);
        changes(child, 1)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.changes[0].changes.length()")
                .isEqualTo(1)
                .jsonPath("$.data.changes[0].changes[0].path")
                .isEqualTo("b");
    }

    @Test
    void concurrentWritersOnParentAndChildLoseNoRevision() throws Exception {
        write(
                child,
                """
                {"c":0}""");
        long start = revision(child);
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            writers.add(pool.submit(writer(grandparent, "a", rounds)));
            writers.add(pool.submit(writer(child, "c", rounds)));
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(revision(child)).isEqualTo(start + 2L * rounds);
        List<Long> logged =
                jdbc.queryForList(
                        "SELECT revision FROM effective_configuration_changes "
                                + "WHERE service_id = ? AND environment = ? ORDER BY revision",
                        Long.class,
                        service,
                        child);
        assertThat(logged)
                .containsExactly(
                        start + 2L * rounds - 4,
                        start + 2L * rounds - 3,
                        start + 2L * rounds - 2,
                        start + 2L * rounds - 1,
                        start + 2L * rounds);
        JsonNode live =
                readJson(
                        admin().get()
                                .uri(
                                        "/api/v1/configurations/{s}/environments/{e}?explain=true",
                                        service,
                                        child)
                                .exchange()
                                .expectBody()
                                .returnResult()
                                .getResponseBody());
        assertThat(read(child).at("/data/configuration")).isEqualTo(live.at("/data/configuration"));
        assertThat(live.at("/data/configuration/a").asInt()).isEqualTo(100 + rounds);
        assertThat(live.at("/data/configuration/c").asInt()).isEqualTo(100 + rounds);
    }

    private Callable<Void> writer(String environment, String key, int rounds) {
        return () -> {
            for (int i = 1; i <= rounds; i++) {
                admin().patch()
                        .uri("/api/v1/configurations/{s}?environment={e}", service, environment)
                        .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                        .body(
                                """
                                {"%s":%d}"""
                                        .formatted(key, 100 + i))
                        .exchange()
                        .expectStatus()
                        .isOk();
            }
            return null;
        };
    }

    private void write(String environment, String document) {
        sendJson(
                        admin(),
                        HttpMethod.PUT,
                        "/api/v1/configurations/{s}/environments/{e}",
                        """
                        {"configuration":%s}"""
                                .formatted(document),
                        service,
                        environment)
                .expectStatus()
                .isOk();
    }

    private void updateEnvironment(String id, String definition) {
        sendJson(
                        admin(),
                        HttpMethod.PUT,
                        "/api/v1/environments/{id}",
                        "{%s}".formatted(definition),
                        id)
                .expectStatus()
                .isOk();
    }

    /** A read of the environment's effective configuration of this test's service, as the admin. */
    private RestTestClient.RequestHeadersSpec<?> effective(String environment) {
        return admin().get()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, environment);
    }

    private JsonNode read(String environment) {
        return getOk(admin(), "/api/v1/configurations/{s}/environments/{e}", service, environment);
    }

    private long revision(String environment) {
        return read(environment).at("/meta/revision").asLong();
    }

    private RestTestClient.ResponseSpec changes(String environment, long since) {
        return admin().get()
                .uri(
                        "/api/v1/configurations/{s}/environments/{e}/changes?sinceRevision={n}",
                        service,
                        environment,
                        since)
                .exchange();
    }

    private StompTestClient subscribed(String token, String environment) throws Exception {
        return StompTestClient.subscribed(
                port, token, "/topic/config." + service + "." + environment, WAIT);
    }
}
