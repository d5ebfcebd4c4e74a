package io.configservice.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.configuration.effective.EnvironmentUpdated;
import io.configservice.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

class EnvironmentIntegrationTests extends IntegrationTest {

    @Autowired EnvironmentService environments;
    @Autowired JdbcTemplate jdbc;

    /** As another replica creates one: this replica's set of active ids does not hold it yet. */
    @Test
    void anEnvironmentCreatedElsewhereIsActiveAtOnceAndAnUnknownOneIsNot() {
        String created = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update(
                "INSERT INTO environments (id, name, type) VALUES (?, ?, 'testing')",
                created,
                created);

        assertThat(environments.isActive(created)).isTrue();
        assertThat(environments.isActive("nowhere-" + created)).isFalse();
        assertThat(environments.isActive("x".repeat(51))).isFalse();

        jdbc.update("DELETE FROM environments WHERE id = ?", created);
        environments.refresh();
        assertThat(environments.isActive(created)).isFalse();
    }

    @Test
    void seededEnvironmentsAreListed() {
        admin().get()
                .uri("/api/v1/environments")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[?(@.id == 'production')].type")
                .isEqualTo("production")
                .jsonPath("$.data[?(@.id == 'development')].inheritsFrom.length()")
                .isEqualTo(0);
        admin().get()
                .uri("/api/v1/environments/staging")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.name")
                .isEqualTo("Staging");
        admin().get().uri("/api/v1/environments/nowhere").exchange().expectStatus().isNotFound();
    }

    @Test
    void threeLevelInheritanceWithOverridesAndExplain() {
        String base = uniqueServiceId("base");
        String mid = uniqueServiceId("mid");
        String leaf = uniqueServiceId("leaf");
        createEnvironment(base, "\"name\":\"Base\",\"type\":\"development\"");
        createEnvironment(
                mid, "\"name\":\"Mid\",\"type\":\"testing\",\"inheritsFrom\":[\"" + base + "\"]");
        createEnvironment(
                leaf,
                "\"name\":\"Leaf\",\"type\":\"staging\",\"inheritsFrom\":[\""
                        + mid
                        + "\"],"
                        + "\"configurationOverrides\":{\"logging\":{\"level\":\"WARN\"}}");
        String service = uniqueServiceId("layered");
        putLayer(
                        service,
                        base,
                        """
                        {"configuration":{"db":{"host":"base-db","pool":5},"logging":{"level":"DEBUG"},\
                        "feature":true}}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(1);
        putLayer(
                        service,
                        mid,
                        """
                        {"configuration":{"db":{"pool":10}}}""")
                .expectStatus()
                .isOk();
        putLayer(
                        service,
                        leaf,
                        """
                        {"configuration":{"db":{"host":"leaf-db"},"feature":null}}""")
                .expectStatus()
                .isOk();

        admin().get()
                .uri("/api/v1/configurations/{s}/environments/{e}?explain=true", service, leaf)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.configuration.db.host")
                .isEqualTo("leaf-db")
                .jsonPath("$.data.configuration.db.pool")
                .isEqualTo(10)
                .jsonPath("$.data.configuration.logging.level")
                .isEqualTo("WARN")
                .jsonPath("$.data.configuration.feature")
                .doesNotExist()
                .jsonPath("$.data.explain['db.host'].layer")
                .isEqualTo("configuration")
                .jsonPath("$.data.explain['db.host'].environment")
                .isEqualTo(leaf)
                .jsonPath("$.data.explain['db.host'].version")
                .isEqualTo(1)
                .jsonPath("$.data.explain['db.pool'].environment")
                .isEqualTo(mid)
                .jsonPath("$.data.explain['logging.level'].layer")
                .isEqualTo("override")
                .jsonPath("$.data.explain['logging.level'].environment")
                .isEqualTo(leaf)
                .jsonPath("$.data.explain.feature")
                .doesNotExist();
        admin().get()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, mid)
                .exchange()
                .expectBody()
                .jsonPath("$.data.configuration.db.host")
                .isEqualTo("base-db")
                .jsonPath("$.data.explain")
                .doesNotExist();
        admin().get()
                .uri("/api/v1/configurations/{s}/environments/{e}", uniqueServiceId("none"), leaf)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void parentChangesAreVisibleInChildrenAtOnceAndReported() {
        String parent = uniqueServiceId("parent");
        String child = uniqueServiceId("child");
        createEnvironment(parent, "\"name\":\"P\",\"type\":\"development\"");
        createEnvironment(
                child,
                "\"name\":\"C\",\"type\":\"development\",\"inheritsFrom\":[\"" + parent + "\"]");
        String service = uniqueServiceId("fresh");
        putLayer(
                        service,
                        parent,
                        """
                        {"configuration":{"timeout":1}}""")
                .expectStatus()
                .isOk();
        admin().get()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, child)
                .exchange()
                .expectBody()
                .jsonPath("$.data.configuration.timeout")
                .isEqualTo(1);

        admin().patch()
                .uri("/api/v1/configurations/{s}?environment={e}", service, parent)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .body(
                        """
                        {"timeout":2}""")
                .exchange()
                .expectStatus()
                .isOk();
        admin().get()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, child)
                .exchange()
                .expectBody()
                .jsonPath("$.data.configuration.timeout")
                .isEqualTo(2);

        putEnvironment(
                        parent,
                        """
                        {"name":"P","type":"development","configurationOverrides":{"timeout":3}}""")
                .expectStatus()
                .isOk();
        admin().get()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, child)
                .exchange()
                .expectBody()
                .jsonPath("$.data.configuration.timeout")
                .isEqualTo(3);
        assertThat(events.stream(EnvironmentUpdated.class))
                .anySatisfy(
                        event -> {
                            assertThat(event.environment()).isEqualTo(parent);
                            assertThat(event.affected())
                                    .contains(
                                            new EnvironmentUpdated.AffectedConfiguration(
                                                    service, parent),
                                            new EnvironmentUpdated.AffectedConfiguration(
                                                    service, child));
                        });
    }

    @Test
    void rejectsUnknownParentsCyclesAndBadDefinitions() {
        String a = uniqueServiceId("cyc-a");
        String b = uniqueServiceId("cyc-b");
        createEnvironment(a, "\"name\":\"A\",\"type\":\"development\"");
        createEnvironment(
                b, "\"name\":\"B\",\"type\":\"development\",\"inheritsFrom\":[\"" + a + "\"]");
        expectError(
                putEnvironment(
                        a,
                        """
                        {"name":"A","type":"development","inheritsFrom":["%s"]}"""
                                .formatted(b)),
                400,
                "INHERITANCE_CYCLE");
        expectError(
                putEnvironment(
                        a,
                        """
                        {"name":"A","type":"development","inheritsFrom":["%s"]}"""
                                .formatted(a)),
                400,
                "INHERITANCE_CYCLE");
        expectError(
                postEnvironment(
                        """
                        {"id":"%s","name":"O","type":"testing","inheritsFrom":["no-such-env"]}"""
                                .formatted(uniqueServiceId("orphan"))),
                400,
                "INVALID_REQUEST");
        expectError(
                postEnvironment(
                        """
                        {"id":"%s","name":"O","type":"testing","inheritsFrom":[null]}"""
                                .formatted(uniqueServiceId("nullparent"))),
                400,
                "INVALID_REQUEST");
        postEnvironment(
                        """
                        {"id":"Bad Id","name":"O","type":"moon"}""")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details.type")
                .exists()
                .jsonPath("$.details.id")
                .exists();
        expectError(
                postEnvironment(
                        """
                        {"id":"%s","name":"A","type":"development"}"""
                                .formatted(a)),
                409,
                "ALREADY_EXISTS");
    }

    @Test
    void deletingAnEnvironmentInUseConflicts() {
        String parent = uniqueServiceId("del-p");
        String child = uniqueServiceId("del-c");
        createEnvironment(parent, "\"name\":\"P\",\"type\":\"development\"");
        createEnvironment(
                child,
                "\"name\":\"C\",\"type\":\"development\",\"inheritsFrom\":[\"" + parent + "\"]");
        admin().delete()
                .uri("/api/v1/environments/{id}", parent)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT");
        String service = uniqueServiceId("holder");
        putLayer(
                        service,
                        child,
                        """
                        {"configuration":{"a":1}}""")
                .expectStatus()
                .isOk();
        admin().delete()
                .uri("/api/v1/environments/{id}", child)
                .exchange()
                .expectStatus()
                .isEqualTo(409);

        String empty = uniqueServiceId("empty");
        createEnvironment(empty, "\"name\":\"E\",\"type\":\"testing\"");
        admin().delete()
                .uri("/api/v1/environments/{id}", empty)
                .exchange()
                .expectStatus()
                .isNoContent();
        admin().get()
                .uri("/api/v1/environments/{id}", empty)
                .exchange()
                .expectStatus()
                .isNotFound();
        admin().get()
                .uri("/api/v1/configurations/x?environment={e}", empty)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void onlyAdminsChangeEnvironments() {
        String token = issueToken(uniqueServiceId("svc"));
        as(token).get().uri("/api/v1/environments").exchange().expectStatus().isOk();
        sendJson(
                        as(token),
                        HttpMethod.POST,
                        "/api/v1/environments",
                        """
                        {"id":"sneaky","name":"S","type":"testing"}""")
                .expectStatus()
                .isForbidden();
        as(token)
                .delete()
                .uri("/api/v1/environments/staging")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    /** Writes the service's own layer in the environment as the admin. */
    private RestTestClient.ResponseSpec putLayer(String service, String environment, String body) {
        return sendJson(
                admin(),
                HttpMethod.PUT,
                "/api/v1/configurations/{s}/environments/{e}",
                body,
                service,
                environment);
    }

    private RestTestClient.ResponseSpec putEnvironment(String id, String body) {
        return sendJson(admin(), HttpMethod.PUT, "/api/v1/environments/{id}", body, id);
    }

    private RestTestClient.ResponseSpec postEnvironment(String body) {
        return sendJson(admin(), HttpMethod.POST, "/api/v1/environments", body);
    }
}
