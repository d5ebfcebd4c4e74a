package io.configservice.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Answer of {@code GET /api/v1/audit/verify}: all chains together, then each one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(
        boolean valid,
        long checked,
        @Nullable String firstBrokenId,
        List<ChainVerification> chains) {

    static AuditVerification of(List<ChainVerification> chains) {
        String firstBroken =
                chains.stream()
                        .filter(c -> !c.valid())
                        .map(ChainVerification::firstBrokenId)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        return new AuditVerification(
                chains.stream().allMatch(ChainVerification::valid),
                chains.stream().mapToLong(ChainVerification::checked).sum(),
                firstBroken,
                chains);
    }
}
