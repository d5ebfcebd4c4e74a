package io.configservice.events;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/** Receives client acknowledgments: SEND {@code /app/ack} with {@code {"id": "<message id>"}}. */
@Controller
class AcknowledgmentController {

    private final AcknowledgmentTracker tracker;

    AcknowledgmentController(AcknowledgmentTracker tracker) {
        this.tracker = tracker;
    }

    /**
     * Mapped as {@code ack}, not {@code /ack}: with the {@code .} path separator the {@code /app/}
     * prefix is cut whole.
     */
    static final String MAPPING = "ack";

    @MessageMapping(MAPPING)
    void acknowledge(Acknowledgment ack, SimpMessageHeaderAccessor headers) {
        String sessionId = headers.getSessionId();
        if (sessionId != null && ack.id() != null) {
            tracker.acknowledge(sessionId, ack.id());
        }
    }

    /** Body of an acknowledgment. */
    record Acknowledgment(@Nullable String id) {}
}
