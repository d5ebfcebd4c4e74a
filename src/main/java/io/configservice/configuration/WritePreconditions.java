package io.configservice.configuration;

import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Optimistic concurrency for writes: a write that names the version it expects ({@code If-Match} or
 * {@code expectedVersion}) fails with 412 when another version is current; in the environments
 * listed in {@code configservice.require-if-match} a write that names none fails with 428.
 */
@Component
class WritePreconditions {

    private final Set<String> requiredIn;

    WritePreconditions(WritePreconditionProperties properties) {
        this.requiredIn = Set.copyOf(properties.requireIfMatch());
    }

    void check(WriteContext write, int currentVersion) {
        Integer expected = write.expectedVersion();
        if (expected == null) {
            if (requiredIn.contains(write.environment())) {
                throw new ApiException(
                        ErrorCode.PRECONDITION_REQUIRED,
                        "Writes in environment '"
                                + write.environment()
                                + "' must name the version they change (If-Match or expectedVersion)",
                        Map.of("currentVersion", currentVersion));
            }
            return;
        }
        if (expected != currentVersion) {
            throw new ApiException(
                    ErrorCode.VERSION_CONFLICT,
                    "Configuration '"
                            + write.serviceId()
                            + "' is at version "
                            + currentVersion
                            + ", not "
                            + expected,
                    Map.of("currentVersion", currentVersion));
        }
    }
}
