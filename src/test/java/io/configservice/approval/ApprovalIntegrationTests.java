package io.configservice.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.configuration.effective.EffectiveConfigurationChanged;
import io.configservice.configuration.history.ConfigurationRetentionService;
import io.configservice.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Change approvals end to end: every write to an environment with a policy is held (202), approvers
 * decide, the last approval applies the change, and every refusal path (self-approval, double vote,
 * reject, conflict, expiry, tampering) stores nothing it should not. Each test works in an
 * environment of its own, so policies never leak into others.
 */
class ApprovalIntegrationTests extends IntegrationTest {

    private static final String CONFIG = "/api/v1/configurations/{id}?environment={e}";

    @Autowired private JdbcTemplate jdbc;

    @Autowired private ApprovalService approvalService;

    @Autowired private ConfigurationRetentionService retention;

    private String environment;
    private String serviceId;
    private RestTestClient alice;
    private RestTestClient bob;
    private RestTestClient carol;

    @BeforeEach
    void environmentWithTwoApprovals() {
        environment = uniqueServiceId("gov");
        createEnvironment(environment, "\"name\":\"Governed\",\"type\":\"production\"");
        serviceId = uniqueServiceId("orders");
        writeConfiguration(
                        admin(),
                        HttpMethod.POST,
                        """
                        {"configuration":{"pool":10,"name":"a"}}""")
                .expectStatus()
                .isCreated();
        policy(2, "PT72H");
        alice = operator("alice", "operator");
        bob = operator("bob", "approver");
        carol = operator("carol", "approver");
    }

    @Test
    void twoApprovalsApplyTheChangeAsANewVersionWithHistoryAuditAndEvent() {
        JsonNode held =
                body(
                        writeConfiguration(
                                        alice,
                                        HttpMethod.PUT,
                                        """
                        {"configuration":{"pool":20,"name":"a"},"changeReason":"more connections"}""")
                                .expectStatus()
                                .isAccepted());
        assertThat(held.at("/success").asBoolean()).isTrue();
        assertThat(held.at("/data/status").asString()).isEqualTo("PENDING");
        assertThat(held.at("/data/serviceId").asString()).isEqualTo(serviceId);
        assertThat(held.at("/data/environment").asString()).isEqualTo(environment);
        assertThat(held.at("/data/baseVersion").asInt()).isEqualTo(1);
        assertThat(held.at("/data/requiredApprovals").asInt()).isEqualTo(2);
        assertThat(held.at("/data/expiresAt").asString()).isNotEmpty();
        assertThat(held.at("/data/diff/0/path").asString()).isEqualTo("pool");
        assertThat(held.at("/data/diff/0/newValue").asInt()).isEqualTo(20);
        String id = held.at("/data/id").asString();
        assertCurrent(1, 10);

        JsonNode first = body(decide(bob, id, "APPROVE", "looks fine").expectStatus().isOk());
        assertThat(first.at("/data/status").asString()).isEqualTo("PENDING");
        assertThat(first.at("/data/receivedApprovals").asInt()).isEqualTo(1);
        assertCurrent(1, 10);

        JsonNode second = body(decide(carol, id, "APPROVE", null).expectStatus().isOk());
        assertThat(second.at("/data/status").asString()).isEqualTo("APPROVED");
        assertThat(second.at("/data/appliedVersion").asInt()).isEqualTo(2);
        assertThat(second.at("/data/completedBy").asString()).isEqualTo("carol");
        assertCurrent(2, 20);

        JsonNode detail =
                body(bob.get().uri("/api/v1/approvals/{id}", id).exchange().expectStatus().isOk());
        assertThat(detail.at("/data/decisions").size()).isEqualTo(2);
        assertThat(detail.at("/data/decisions/0/approver").asString()).isEqualTo("bob");
        assertThat(detail.at("/data/decisions/0/contentHash").asString())
                .isEqualTo(detail.at("/data/contentHash").asString());
        assertThat(detail.at("/data/diff/0/oldValue").asInt()).isEqualTo(10);
        assertThat(
                        jdbc.queryForMap(
                                "SELECT changed_by, approved_by, CAST(approval_id AS text) AS approval_id, "
                                        + "change_reason FROM configuration_history WHERE service_id = ? AND environment = ? "
                                        + "AND version = 2",
                                serviceId,
                                environment))
                .containsEntry("changed_by", "alice")
                .containsEntry("approved_by", "bob,carol")
                .containsEntry("approval_id", id)
                .containsEntry("change_reason", "more connections");
        assertThat(auditOperations())
                .containsExactly(
                        "CREATE",
                        "APPROVAL_REQUEST",
                        "APPROVAL_APPROVE",
                        "APPROVAL_APPROVE",
                        "UPDATE");
        assertThat(
                        events.stream(EffectiveConfigurationChanged.class)
                                .filter(
                                        e ->
                                                e.serviceId().equals(serviceId)
                                                        && Integer.valueOf(2).equals(e.version())
                                                        && "alice".equals(e.cause().changedBy())))
                .hasSize(1);
    }

    @Test
    void everyKindOfWriteIsHeldAndNothingButTheRequestIsStored() {
        admin().delete()
                .uri("/api/v1/approval-policies/{e}", environment)
                .exchange()
                .expectStatus()
                .isNoContent();
        writeConfiguration(
                        admin(),
                        HttpMethod.PUT,
                        """
                        {"configuration":{"pool":11,"name":"a"}}""")
                .expectStatus()
                .isOk();
        policy(1, null);
        String newService = uniqueServiceId("created");

        List<RestTestClient.ResponseSpec> writes =
                List.of(
                        sendJson(
                                alice,
                                HttpMethod.POST,
                                CONFIG,
                                """
                                {"configuration":{"x":1}}""",
                                newService,
                                environment),
                        writeConfiguration(
                                alice,
                                HttpMethod.PUT,
                                """
                                {"configuration":{"pool":12}}"""),
                        alice.patch()
                                .uri(CONFIG + "&changeReason=p", serviceId, environment)
                                .contentType(
                                        MediaType.parseMediaType("application/merge-patch+json"))
                                .body(
                                        """
                                {"pool":13}""")
                                .exchange(),
                        alice.delete()
                                .uri(
                                        "/api/v1/configurations/{id}/name?environment={e}",
                                        serviceId,
                                        environment)
                                .exchange(),
                        sendJson(
                                alice,
                                HttpMethod.POST,
                                "/api/v1/configurations/{id}/batch?environment={e}",
                                """
                                {"operations":[{"type":"SET","key":"pool","value":14}]}""",
                                serviceId,
                                environment),
                        alice.post()
                                .uri(
                                        "/api/v1/configurations/{id}/versions/1/rollback?environment={e}",
                                        serviceId,
                                        environment)
                                .exchange(),
                        sendJson(
                                alice,
                                HttpMethod.POST,
                                "/api/v1/configurations/{id}/import?environment={e}",
                                """
                                {"pool":15}""",
                                serviceId,
                                environment),
                        sendJson(
                                alice,
                                HttpMethod.PUT,
                                "/api/v1/configurations/{id}/environments/{e}",
                                """
                                {"configuration":{"pool":16}}""",
                                serviceId,
                                environment));
        List<String> types = new ArrayList<>();
        for (RestTestClient.ResponseSpec write : writes) {
            JsonNode held = body(write.expectStatus().isAccepted());
            assertThat(held.at("/data/status").asString()).isEqualTo("PENDING");
            types.add(approval(held.at("/data/id").asString()).at("/data/changeType").asString());
        }
        assertThat(types)
                .containsExactly(
                        "CREATE",
                        "UPDATE",
                        "UPDATE",
                        "DELETE",
                        "BATCH",
                        "ROLLBACK",
                        "UPDATE",
                        "UPDATE");
        assertCurrent(2, 11);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM service_configurations WHERE service_id IN (?, ?)",
                                Integer.class,
                                serviceId,
                                newService))
                .isEqualTo(2);
        assertThat(auditOperations().stream().filter("APPROVAL_REQUEST"::equals)).hasSize(7);

        writeConfiguration(
                        alice,
                        HttpMethod.PUT,
                        """
                        {"configuration":{"pool":11,"name":"a"}}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2)
                .jsonPath("$.data.changes.length()")
                .isEqualTo(0);
    }

    @Test
    void aWriteThatFailsItsChecksIsRefusedAsTodayAndHoldsNothing() {
        sendJson(
                        admin(),
                        HttpMethod.PUT,
                        "/api/v1/configurations/{id}/schema",
                        """
                        {"type":"object","properties":{"pool":{"type":"integer"}}}""",
                        serviceId)
                .expectStatus()
                .isOk();
        writeConfiguration(
                        alice,
                        HttpMethod.PUT,
                        """
                        {"configuration":{"pool":"many"}}""")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR");
        alice.put()
                .uri(CONFIG, serviceId, environment)
                .header("If-Match", "\"7\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"pool":1}}""")
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        operator("rita", "reader")
                .put()
                .uri(CONFIG, serviceId, environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"pool":1}}""")
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM change_approvals WHERE service_id = ?",
                                Integer.class,
                                serviceId))
                .isZero();
    }

    @Test
    void aRejectEndsTheRequest() {
        String id = propose(30);
        body(decide(bob, id, "REJECT", "not now").expectStatus().isOk());
        assertThat(approval(id).at("/data/status").asString()).isEqualTo("REJECTED");
        decide(carol, id, "APPROVE", null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT")
                .jsonPath("$.details.status")
                .isEqualTo("REJECTED");
        assertCurrent(1, 10);
    }

    @Test
    void theRequesterMayNotDecideAndEachApproverVotesOnce() {
        RestTestClient dave = operator("dave", "operator", "approver");
        String id =
                body(writeConfiguration(
                                        dave,
                                        HttpMethod.PUT,
                                        """
                        {"configuration":{"pool":40}}""")
                                .expectStatus()
                                .isAccepted())
                        .at("/data/id")
                        .asString();
        decide(dave, id, "APPROVE", null)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("AUTHORIZATION_ERROR");
        decide(bob, id, "APPROVE", null).expectStatus().isOk();
        decide(bob, id, "APPROVE", null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT");
        decide(bob, id, "REJECT", null).expectStatus().isEqualTo(409);
        assertThat(approval(id).at("/data/receivedApprovals").asInt()).isEqualTo(1);
        assertThat(approval(id).at("/data/status").asString()).isEqualTo("PENDING");
        assertCurrent(1, 10);
    }

    @Test
    void callersWithoutTheApproverRoleMayNotDecide() {
        String id = propose(50);
        decide(operator("erin", "operator"), id, "APPROVE", null).expectStatus().isForbidden();
        decide(operator("rita", "reader"), id, "APPROVE", null).expectStatus().isForbidden();
        decide(operator("otto", "auditor"), id, "APPROVE", null).expectStatus().isForbidden();
        decide(as(issueToken(serviceId)), id, "APPROVE", null).expectStatus().isForbidden();
        decide(http, id, "APPROVE", null).expectStatus().isUnauthorized();
        decide(bob, id, "MAYBE", null).expectStatus().isBadRequest();
        assertThat(approval(id).at("/data/decisions").size()).isZero();
    }

    @Test
    void anApprovalWhoseBaseVersionMovedEndsAsConflict() {
        String first = propose(60);
        String second = propose(61);
        emergencyApply(
                        admin(),
                        second,
                        """
                        {"reason":"outage"}""")
                .expectStatus()
                .isOk();
        assertCurrent(2, 61);

        decide(bob, first, "APPROVE", null).expectStatus().isOk();
        decide(carol, first, "APPROVE", null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT")
                .jsonPath("$.details.status")
                .isEqualTo("CONFLICT");
        JsonNode conflicted = approval(first);
        assertThat(conflicted.at("/data/status").asString()).isEqualTo("CONFLICT");
        assertThat(conflicted.at("/data/decisions").size()).isEqualTo(2);
        assertCurrent(2, 61);
    }

    @Test
    void expiredRequestsTakeNoDecisionsAndTheSweepExpiresThem() {
        policy(2, "PT1S");
        String lazy = propose(70);
        String swept = propose(71);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            approvalService.expireDue();
                            assertThat(
                                            jdbc.queryForList(
                                                    "SELECT status FROM change_approvals WHERE service_id = ?",
                                                    String.class,
                                                    serviceId))
                                    .containsExactly("EXPIRED", "EXPIRED");
                        });
        admin().get()
                .uri("/api/v1/approvals?status=EXPIRED&serviceId={s}", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(2);
        decide(bob, lazy, "APPROVE", null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.details.status")
                .isEqualTo("EXPIRED");
        emergencyApply(
                        admin(),
                        swept,
                        """
                        {"reason":"too late"}""")
                .expectStatus()
                .isEqualTo(409);
        assertCurrent(1, 10);
    }

    @Test
    void aPendingRequestExpiresLazilyWhenRead() {
        policy(1, "PT1S");
        String id = propose(72);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(approval(id).at("/data/status").asString())
                                        .isEqualTo("EXPIRED"));
    }

    @Test
    void onlyAnAdminAppliesInAnEmergencyAndOnlyWithAReason() {
        String id = propose(80);
        emergencyApply(admin(), id, "{}").expectStatus().isBadRequest();
        emergencyApply(
                        admin(),
                        id,
                        """
                        {"reason":"  "}""")
                .expectStatus()
                .isBadRequest();
        emergencyApply(
                        bob,
                        id,
                        """
                        {"reason":"outage"}""")
                .expectStatus()
                .isForbidden();

        JsonNode applied =
                body(
                        operator("root", "admin")
                                .post()
                                .uri("/api/v1/approvals/{id}/emergency-apply", id)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(
                                        """
                        {"reason":"outage"}""")
                                .exchange()
                                .expectStatus()
                                .isOk());
        assertThat(applied.at("/data/status").asString()).isEqualTo("EMERGENCY_APPLIED");
        assertThat(applied.at("/data/appliedVersion").asInt()).isEqualTo(2);
        assertThat(applied.at("/data/emergencyReason").asString()).isEqualTo("outage");
        assertCurrent(2, 80);
        assertThat(
                        jdbc.queryForMap(
                                "SELECT operation, actor, reason FROM configuration_audit WHERE service_id = ? "
                                        + "AND environment = ? AND version = 2",
                                serviceId,
                                environment))
                .containsEntry("operation", "EMERGENCY")
                .containsEntry("actor", "root")
                .containsEntry("reason", "outage");
        emergencyApply(
                        admin(),
                        id,
                        """
                        {"reason":"again"}""")
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void aChangeEditedAfterApprovalIsNeverApplied() {
        String id = propose(90);
        decide(bob, id, "APPROVE", null).expectStatus().isOk();
        jdbc.update(
                "UPDATE change_approvals SET proposed_document = '{\"pool\":9999}' WHERE id = CAST(? AS uuid)",
                id);

        decide(carol, id, "APPROVE", null)
                .expectStatus()
                .isEqualTo(500)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INTEGRITY_ERROR");
        JsonNode request = approval(id);
        assertThat(request.at("/data/status").asString()).isEqualTo("PENDING");
        assertThat(request.at("/data/decisions").size()).isEqualTo(1);
        assertCurrent(1, 10);

        String rehashed = ChangeHash.ofConfiguration(serviceId, environment, 1, "{\"pool\":9999}");
        jdbc.update(
                "UPDATE change_approvals SET content_hash = ? WHERE id = CAST(? AS uuid)",
                rehashed,
                id);
        decide(carol, id, "APPROVE", null).expectStatus().isEqualTo(500);
        assertCurrent(1, 10);
    }

    @Test
    void twoApproversDecidingAtOnceApplyTheChangeOnce() throws Exception {
        policy(1, null);
        String id = propose(100);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (RestTestClient approver : List.of(bob, carol)) {
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return decide(approver, id, "APPROVE", null)
                                            .returnResult(byte[].class)
                                            .getStatus()
                                            .value();
                                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertCurrent(2, 100);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM service_configurations WHERE service_id = ? "
                                        + "AND environment = ?",
                                Integer.class,
                                serviceId,
                                environment))
                .isEqualTo(2);
    }

    @Test
    void retentionKeepsTheBaseVersionOfAPendingRequest() {
        String retained = uniqueServiceId("kept");
        createEnvironment(
                retained,
                "\"name\":\"K\",\"type\":\"production\",\"retention\":{\"maxVersions\":1}");
        sendJson(
                        admin(),
                        HttpMethod.POST,
                        CONFIG,
                        """
                        {"configuration":{"v":1}}""",
                        serviceId,
                        retained)
                .expectStatus()
                .isCreated();
        putPolicy(
                        admin(),
                        retained,
                        """
                        {"requiredApprovals":1}""")
                .expectStatus()
                .isOk();
        String onVersionOne =
                heldId(
                        sendJson(
                                alice,
                                HttpMethod.PUT,
                                CONFIG,
                                """
                        {"configuration":{"v":2}}""",
                                serviceId,
                                retained));
        String other =
                heldId(
                        sendJson(
                                alice,
                                HttpMethod.PUT,
                                CONFIG,
                                """
                        {"configuration":{"v":3}}""",
                                serviceId,
                                retained));
        decide(bob, other, "APPROVE", null).expectStatus().isOk();

        retention.prune();
        assertThat(versionsIn(retained)).containsExactly(1, 2);

        decide(bob, onVersionOne, "REJECT", null).expectStatus().isOk();
        retention.prune();
        assertThat(versionsIn(retained)).containsExactly(2);
    }

    @Test
    void approvalsAreVisibleToReadersAndToTheServiceItselfOnly() {
        String id = propose(110);
        String own = issueToken(serviceId, "config:read", "config:write");
        String readOnly = issueToken(serviceId, "config:read");
        String stranger = issueToken(uniqueServiceId("other"), "config:read", "config:write");

        operator("rita", "reader")
                .get()
                .uri("/api/v1/approvals/{id}", id)
                .exchange()
                .expectStatus()
                .isOk();
        as(own).get().uri("/api/v1/approvals/{id}", id).exchange().expectStatus().isOk();
        as(own).get()
                .uri("/api/v1/approvals?limit=500")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[?(@.serviceId != '" + serviceId + "')]")
                .isEmpty()
                .jsonPath("$.data[0].id")
                .isEqualTo(id);
        as(readOnly)
                .get()
                .uri("/api/v1/approvals/{id}", id)
                .exchange()
                .expectStatus()
                .isForbidden();
        as(stranger)
                .get()
                .uri("/api/v1/approvals/{id}", id)
                .exchange()
                .expectStatus()
                .isForbidden();
        as(stranger)
                .get()
                .uri("/api/v1/approvals?serviceId={s}", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden();
        operator("otto", "auditor")
                .get()
                .uri("/api/v1/approvals")
                .exchange()
                .expectStatus()
                .isForbidden();
        admin().get()
                .uri("/api/v1/approvals/{id}", "00000000-0000-0000-0000-000000000000")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void listsPageWithACursor() {
        List<String> ids = List.of(propose(120), propose(121), propose(122));
        JsonNode page =
                body(
                        admin().get()
                                .uri(
                                        "/api/v1/approvals?serviceId={s}&status=PENDING&limit=2",
                                        serviceId)
                                .exchange()
                                .expectStatus()
                                .isOk());
        assertThat(page.at("/data").size()).isEqualTo(2);
        assertThat(page.at("/data/0/id").asString()).isEqualTo(ids.get(2));
        JsonNode rest =
                body(
                        admin().get()
                                .uri(
                                        "/api/v1/approvals?serviceId={s}&limit=2&cursor={c}",
                                        serviceId,
                                        page.at("/nextCursor").asString())
                                .exchange()
                                .expectStatus()
                                .isOk());
        assertThat(rest.at("/data").size()).isEqualTo(1);
        assertThat(rest.at("/data/0/id").asString()).isEqualTo(ids.get(0));
        assertThat(rest.at("/nextCursor").isMissingNode() || rest.at("/nextCursor").isNull())
                .isTrue();
        admin().get()
                .uri("/api/v1/approvals?status=MAYBE")
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin().get()
                .uri("/api/v1/approvals?cursor=nonsense")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void policiesAreManagedByAdminsOnly() {
        admin().get()
                .uri("/api/v1/approval-policies/{e}", environment)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.requiredApprovals")
                .isEqualTo(2)
                .jsonPath("$.data.expiresAfter")
                .isEqualTo("PT72H");
        bob.get()
                .uri("/api/v1/approval-policies")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[?(@.environment == '" + environment + "')]")
                .isNotEmpty();
        putPolicy(
                        alice,
                        environment,
                        """
                        {"requiredApprovals":1}""")
                .expectStatus()
                .isForbidden();
        putPolicy(
                        admin(),
                        environment,
                        """
                        {"requiredApprovals":0}""")
                .expectStatus()
                .isBadRequest();
        putPolicy(
                        admin(),
                        environment,
                        """
                        {"requiredApprovals":1,"expiresAfter":"soon"}""")
                .expectStatus()
                .isBadRequest();
        putPolicy(
                        admin(),
                        "no-such-env",
                        """
                        {"requiredApprovals":1}""")
                .expectStatus()
                .isBadRequest();
        admin().get()
                .uri("/api/v1/approval-policies/{e}", "development")
                .exchange()
                .expectStatus()
                .isNotFound();

        admin().delete()
                .uri("/api/v1/approval-policies/{e}", environment)
                .exchange()
                .expectStatus()
                .isNoContent();
        writeConfiguration(
                        alice,
                        HttpMethod.PUT,
                        """
                        {"configuration":{"pool":130}}""")
                .expectStatus()
                .isOk();
        assertCurrent(2, 130);
    }

    @Test
    void anOverridesChangeIsHeldAndAppliedOnceApproved() {
        JsonNode held =
                body(
                        putEnvironment(
                                        environment,
                                        environmentBody(
                                                """
                                                {"logging":{"level":"WARN"}}"""))
                                .expectStatus()
                                .isAccepted());
        assertThat(held.at("/data/status").asString()).isEqualTo("PENDING");
        assertThat(held.at("/data/environment").asString()).isEqualTo(environment);
        assertThat(held.at("/data/diff/0/path").asString()).isEqualTo("logging");
        assertThat(held.at("/data/diff/0/op").asString()).isEqualTo("added");
        assertThat(held.at("/data/diff/0/newValue/level").asString()).isEqualTo("WARN");
        String id = held.at("/data/id").asString();
        assertEffectiveLogging(null);
        JsonNode request = approval(id);
        assertThat(request.at("/data/changeType").asString()).isEqualTo("OVERRIDES");
        assertThat(
                        request.at("/data/serviceId").isMissingNode()
                                || request.at("/data/serviceId").isNull())
                .isTrue();
        as(issueToken(serviceId, "config:write"))
                .get()
                .uri("/api/v1/approvals/{id}", id)
                .exchange()
                .expectStatus()
                .isForbidden();

        decide(bob, id, "APPROVE", null).expectStatus().isOk();
        assertEffectiveLogging(null);
        JsonNode approved = body(decide(carol, id, "APPROVE", null).expectStatus().isOk());
        assertThat(approved.at("/data/status").asString()).isEqualTo("APPROVED");
        assertEffectiveLogging("WARN");
        admin().get()
                .uri("/api/v1/environments/{e}", environment)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.configurationOverrides.logging.level")
                .isEqualTo("WARN");
    }

    @Test
    void anOverridesChangeConflictsWhenTheEnvironmentChangedMeanwhile() {
        String id =
                heldId(
                        putEnvironment(
                                environment,
                                environmentBody(
                                        """
                                        {"feature":true}""")));
        putEnvironment(
                        environment,
                        """
                        {"name":"Renamed","type":"production"}""")
                .expectStatus()
                .isOk();

        decide(bob, id, "APPROVE", null).expectStatus().isOk();
        decide(carol, id, "APPROVE", null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.details.status")
                .isEqualTo("CONFLICT");
        admin().get()
                .uri("/api/v1/environments/{e}", environment)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.name")
                .isEqualTo("Renamed")
                .jsonPath("$.data.configurationOverrides.feature")
                .doesNotExist();
    }

    @Test
    void overridesRequestsAndTheirEmergencyApplyAreInTheHashChainedAudit() {
        String id =
                heldId(
                        putEnvironment(
                                environment,
                                environmentBody(
                                        """
                                        {"region":"eu"}""")));
        emergencyApply(
                        admin(),
                        id,
                        """
                        {"reason":"INC-7 region pinning"}""")
                .expectStatus()
                .isOk();

        List<Map<String, Object>> rows =
                jdbc.queryForList(
                        "SELECT operation, actor, reason, "
                                + "array_to_string(changed_keys, ',') AS parts FROM configuration_audit "
                                + "WHERE service_id = '*' AND environment = ? ORDER BY id",
                        environment);
        assertThat(rows)
                .extracting(row -> row.get("operation"))
                .containsSubsequence("APPROVAL_REQUEST", "ENV_UPDATE", "EMERGENCY");
        Map<String, Object> emergency = rows.get(rows.size() - 1);
        assertThat(emergency.get("actor")).isEqualTo("token:admin");
        assertThat((String) emergency.get("reason")).contains(id).contains("INC-7 region pinning");
        assertThat(
                        rows.stream()
                                .filter(row -> "ENV_UPDATE".equals(row.get("operation")))
                                .reduce((a, b) -> b)
                                .orElseThrow()
                                .get("parts"))
                .isEqualTo("configurationOverrides");
        admin().get()
                .uri("/api/v1/audit/verify")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.valid")
                .isEqualTo(true);
    }

    private String environmentBody(String overrides) {
        return """
                {"name":"Governed","type":"production","configurationOverrides":%s}"""
                .formatted(overrides);
    }

    private void assertEffectiveLogging(String level) {
        JsonNode effective =
                body(
                        admin().get()
                                .uri(
                                        "/api/v1/configurations/{id}/environments/{e}",
                                        serviceId,
                                        environment)
                                .exchange()
                                .expectStatus()
                                .isOk());
        JsonNode value = effective.at("/data/configuration/logging/level");
        if (level == null) {
            assertThat(value.isMissingNode()).as(effective.toString()).isTrue();
        } else {
            assertThat(value.asString()).isEqualTo(level);
        }
    }

    private void policy(int requiredApprovals, String expiresAfter) {
        String expiry = expiresAfter == null ? "" : ",\"expiresAfter\":\"" + expiresAfter + "\"";
        putPolicy(
                        admin(),
                        environment,
                        """
                        {"requiredApprovals":%s%s}"""
                                .formatted(requiredApprovals, expiry))
                .expectStatus()
                .isOk();
    }

    private String propose(int pool) {
        return heldId(
                writeConfiguration(
                        alice,
                        HttpMethod.PUT,
                        """
                        {"configuration":{"pool":%s}}"""
                                .formatted(pool)));
    }

    private String heldId(RestTestClient.ResponseSpec response) {
        return body(response.expectStatus().isAccepted()).at("/data/id").asString();
    }

    private RestTestClient.ResponseSpec decide(
            RestTestClient who, String id, String decision, String reason) {
        String because = reason == null ? "" : ",\"reason\":\"" + reason + "\"";
        return sendJson(
                who,
                HttpMethod.POST,
                "/api/v1/approvals/{id}/decisions",
                """
                        {"decision":"%s"%s}"""
                        .formatted(decision, because),
                id);
    }

    private JsonNode approval(String id) {
        return body(
                admin().get().uri("/api/v1/approvals/{id}", id).exchange().expectStatus().isOk());
    }

    private void assertCurrent(int version, int pool) {
        admin().get()
                .uri(CONFIG, serviceId, environment)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.meta.version")
                .isEqualTo(version)
                .jsonPath("$.data.pool")
                .isEqualTo(pool);
    }

    private List<String> auditOperations() {
        return jdbc.queryForList(
                "SELECT operation FROM configuration_audit WHERE service_id = ? AND environment = ? "
                        + "ORDER BY id",
                String.class,
                serviceId,
                environment);
    }

    private List<Integer> versionsIn(String env) {
        return jdbc.queryForList(
                "SELECT version FROM service_configurations WHERE service_id = ? AND environment = ? "
                        + "ORDER BY version",
                Integer.class,
                serviceId,
                env);
    }

    private JsonNode body(RestTestClient.ResponseSpec response) {
        return readJson(response.expectBody().returnResult().getResponseBody());
    }

    /** Sends the JSON body to this test's configuration in its environment as the client. */
    private RestTestClient.ResponseSpec writeConfiguration(
            RestTestClient who, HttpMethod method, String body) {
        return sendJson(who, method, CONFIG, body, serviceId, environment);
    }

    private RestTestClient.ResponseSpec emergencyApply(RestTestClient who, String id, String body) {
        return sendJson(who, HttpMethod.POST, "/api/v1/approvals/{id}/emergency-apply", body, id);
    }

    private RestTestClient.ResponseSpec putPolicy(
            RestTestClient who, String environment, String body) {
        return sendJson(who, HttpMethod.PUT, "/api/v1/approval-policies/{e}", body, environment);
    }

    /** Replaces the environment's definition as the admin. */
    private RestTestClient.ResponseSpec putEnvironment(String environment, String body) {
        return sendJson(admin(), HttpMethod.PUT, "/api/v1/environments/{e}", body, environment);
    }
}
