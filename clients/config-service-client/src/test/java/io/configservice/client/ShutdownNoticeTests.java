package io.configservice.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompHeaders;

class ShutdownNoticeTests {

    private static final Duration LONGEST = Duration.ofSeconds(30);

    @Test
    void readsTheWindowOfAShuttingDownReplica() {
        assertThat(ShutdownNotice.from(error("server-shutting-down", "3"), LONGEST))
                .contains(new ShutdownNotice(Duration.ofSeconds(3)));
    }

    @Test
    void anyOtherErrorIsNoNotice() {
        assertThat(
                        ShutdownNotice.from(
                                error("The token of this session was revoked", "3"), LONGEST))
                .isEmpty();
    }

    @Test
    void aMissingOrBadWindowMeansNowAndALongOneIsCappedAtTheLongestReconnectDelay() {
        assertThat(ShutdownNotice.from(error("server-shutting-down", null), LONGEST))
                .contains(new ShutdownNotice(Duration.ZERO));
        assertThat(ShutdownNotice.from(error("server-shutting-down", "soon"), LONGEST))
                .contains(new ShutdownNotice(Duration.ZERO));
        assertThat(ShutdownNotice.from(error("server-shutting-down", "-5"), LONGEST))
                .contains(new ShutdownNotice(Duration.ZERO));
        assertThat(ShutdownNotice.from(error("server-shutting-down", "3600"), LONGEST))
                .contains(new ShutdownNotice(LONGEST));
    }

    @Test
    void reconnectsAtARandomMomentWithinTheWindow() {
        ShutdownNotice notice = new ShutdownNotice(Duration.ofSeconds(2));
        for (int i = 0; i < 1000; i++) {
            assertThat(notice.reconnectDelay()).isBetween(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static StompHeaders error(String message, String retryAfter) {
        StompHeaders headers = new StompHeaders();
        headers.set("message", message);
        if (retryAfter != null) {
            headers.set("retry-after", retryAfter);
        }
        return headers;
    }
}
