package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.events.OutboxRepository.OutboxRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupersededRowsTests {

    private static final Instant CUTOFF = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant WAITED = CUTOFF.minusMillis(1);
    private static final Instant FRESH = CUTOFF.plusMillis(1);
    private static final String ORDERS = "/topic/config.orders.production";
    private static final String CHANGED = "configuration_changed";

    @Test
    void ofTheRowsOnOneSubjectThatWaitedOnlyTheNewestIsPublished() {
        List<OutboxRow> batch =
                List.of(
                        row(1, ORDERS, CHANGED, "orders.production", WAITED),
                        row(2, ORDERS, CHANGED, "orders.production", WAITED),
                        row(3, ORDERS, CHANGED, "orders.production", FRESH));

        assertThat(SupersededRows.of(batch, CUTOFF)).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void onceTheOldestRowOfASubjectWaitedTheYoungerOnesButTheNewestAreSupersededToo() {
        List<OutboxRow> batch =
                List.of(
                        row(1, ORDERS, CHANGED, "orders.production", WAITED),
                        row(2, ORDERS, CHANGED, "orders.production", FRESH),
                        row(3, ORDERS, CHANGED, "orders.production", FRESH));

        assertThat(SupersededRows.of(batch, CUTOFF)).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void rowsYoungerThanTheCutoffArePublishedThoughNewerOnesFollow() {
        List<OutboxRow> batch =
                List.of(
                        row(1, ORDERS, CHANGED, "orders.production", FRESH),
                        row(2, ORDERS, CHANGED, "orders.production", FRESH));

        assertThat(SupersededRows.of(batch, CUTOFF)).isEmpty();
    }

    @Test
    void rowsWithoutSubjectAndRowsOnOtherSubjectsAreNeverSuperseded() {
        List<OutboxRow> batch =
                List.of(
                        row(1, "/topic/environments", "environment_updated", null, WAITED),
                        row(2, "/topic/environments", "environment_updated", null, WAITED),
                        row(3, ORDERS, CHANGED, "orders.production", WAITED),
                        row(4, ORDERS, "credential_rotated", "orders.production", WAITED),
                        row(
                                5,
                                "/topic/config.orders.staging",
                                CHANGED,
                                "orders.production",
                                WAITED),
                        row(6, ORDERS, CHANGED, "orders.staging", WAITED));

        assertThat(SupersededRows.of(batch, CUTOFF)).isEmpty();
    }

    private static OutboxRow row(
            long id, String destination, String type, String subject, Instant createdAt) {
        return new OutboxRow(id, destination, type, subject, "{}", createdAt);
    }
}
