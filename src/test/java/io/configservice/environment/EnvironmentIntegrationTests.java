package io.configservice.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.configuration.effective.EnvironmentUpdated;
import io.configservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class EnvironmentIntegrationTests extends IntegrationTest {

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
        admin().put()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, base)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"db":{"host":"base-db","pool":5},"logging":{"level":"DEBUG"},\
                        "feature":true}}""")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(1);
        admin().put()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, mid)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"db":{"pool":10}}}""")
                .exchange()
                .expectStatus()
                .isOk();
        admin().put()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, leaf)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"db":{"host":"leaf-db"},"feature":null}}""")
                .exchange()
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
        admin().put()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, parent)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"timeout":1}}""")
                .exchange()
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

        admin().put()
                .uri("/api/v1/environments/{id}", parent)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"name":"P","type":"development","configurationOverrides":{"timeout":3}}""")
                .exchange()
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
        admin().put()
                .uri("/api/v1/environments/{id}", a)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"name":"A","type":"development","inheritsFrom":["%s"]}"""
                                .formatted(b))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INHERITANCE_CYCLE");
        admin().put()
                .uri("/api/v1/environments/{id}", a)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"name":"A","type":"development","inheritsFrom":["%s"]}"""
                                .formatted(a))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INHERITANCE_CYCLE");
        admin().post()
                .uri("/api/v1/environments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"id":"%s","name":"O","type":"testing","inheritsFrom":["no-such-env"]}"""
                                .formatted(uniqueServiceId("orphan")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().post()
                .uri("/api/v1/environments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"id":"%s","name":"O","type":"testing","inheritsFrom":[null]}"""
                                .formatted(uniqueServiceId("nullparent")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().post()
                .uri("/api/v1/environments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"id":"Bad Id","name":"O","type":"moon"}""")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details.type")
                .exists()
                .jsonPath("$.details.id")
                .exists();
        admin().post()
                .uri("/api/v1/environments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"id":"%s","name":"A","type":"development"}"""
                                .formatted(a))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ALREADY_EXISTS");
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
        admin().put()
                .uri("/api/v1/configurations/{s}/environments/{e}", service, child)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"a":1}}""")
                .exchange()
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
        as(token)
                .post()
                .uri("/api/v1/environments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"id":"sneaky","name":"S","type":"testing"}""")
                .exchange()
                .expectStatus()
                .isForbidden();
        as(token)
                .delete()
                .uri("/api/v1/environments/staging")
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
