package io.configservice.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.messaging.simp.stomp.StompHeaders;

/**
 * The ERROR frame a replica sends its STOMP sessions (and any CONNECT) while it shuts down: {@code
 * message:server-shutting-down} and {@code retry-after:} seconds, the window in which to reconnect.
 * Clients pick a random moment within it, so the clients of one replica do not all reach the others
 * at once.
 *
 * @param window the announced window, at most the client's longest reconnect delay
 */
record ShutdownNotice(Duration window) {

    static final String SHUTTING_DOWN = "server-shutting-down";
    static final String RETRY_AFTER = "retry-after";

    /**
     * The notice in an ERROR frame's headers; empty for any other ERROR. A missing or bad window
     * means now.
     */
    static Optional<ShutdownNotice> from(StompHeaders headers, Duration longest) {
        if (!SHUTTING_DOWN.equals(headers.getFirst("message"))) {
            return Optional.empty();
        }
        Duration window = Duration.ZERO;
        String retryAfter = headers.getFirst(RETRY_AFTER);
        if (retryAfter != null) {
            try {
                window = Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
            } catch (NumberFormatException e) {
                // not a number of seconds: reconnect now
            }
        }
        return Optional.of(new ShutdownNotice(window.compareTo(longest) > 0 ? longest : window));
    }

    /** A random moment within the window. */
    Duration reconnectDelay() {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(window.toMillis() + 1));
    }
}
