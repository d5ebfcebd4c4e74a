package io.configservice.configuration;

import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Maps a write's outcome to its answer: the applied result with the usual status, or 202 with the
 * change request.
 */
final class WriteResponses {

    static final String APPLIED = "Applied, or nothing changed";
    static final String HELD =
            "The environment requires approval: the change is held as a PENDING change request";

    private WriteResponses() {}

    static ResponseEntity<ApiResponse<?>> of(WriteOutcome outcome, HttpStatus appliedStatus) {
        if (outcome instanceof WriteOutcome.Held held) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .<ApiResponse<?>>body(ApiResponse.ok(held.request()));
        }
        return ResponseEntity.status(appliedStatus)
                .<ApiResponse<?>>body(ApiResponse.ok(((WriteOutcome.Applied) outcome).result()));
    }

    /** The documented body of an applied write. */
    @Schema(name = "ApiResponseWriteResult")
    record AppliedBody(boolean success, WriteResult data, Instant timestamp) {}

    /** The documented body of a write held for approval. */
    @Schema(name = "ApiResponsePendingChange")
    record HeldBody(boolean success, PendingChange data, Instant timestamp) {}
}
