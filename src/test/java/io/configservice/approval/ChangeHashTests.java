package io.configservice.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeHashTests {

    @Test
    void isTheSameForTheSameChangeAndALowercaseSha256() {
        String hash = ChangeHash.ofConfiguration("orders", "production", 3, "{\"a\":1}");
        assertThat(hash)
                .isEqualTo(ChangeHash.ofConfiguration("orders", "production", 3, "{\"a\":1}"))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void changesWithEveryBoundField() {
        Set<String> hashes =
                Set.of(
                        ChangeHash.ofConfiguration("orders", "production", 3, "{\"a\":1}"),
                        ChangeHash.ofConfiguration("billing", "production", 3, "{\"a\":1}"),
                        ChangeHash.ofConfiguration("orders", "staging", 3, "{\"a\":1}"),
                        ChangeHash.ofConfiguration("orders", "production", 4, "{\"a\":1}"),
                        ChangeHash.ofConfiguration("orders", "production", null, "{\"a\":1}"),
                        ChangeHash.ofConfiguration("orders", "production", 3, "{\"a\":2}"));
        assertThat(hashes).hasSize(6);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(ChangeHash.ofConfiguration("ab", "c", 1, "{}"))
                .isNotEqualTo(ChangeHash.ofConfiguration("a", "bc", 1, "{}"));
        assertThat(ChangeHash.ofConfiguration("a", "b", 1, "2{}"))
                .isNotEqualTo(ChangeHash.ofConfiguration("a", "b", 12, "{}"));
    }

    @Test
    void anOverridesChangeNeverSharesAHashWithAConfigurationChange() {
        Instant base = Instant.parse("2026-12-01T10:00:00Z");
        String overrides = ChangeHash.ofOverrides("production", base, "{\"a\":1}");
        assertThat(overrides)
                .isEqualTo(ChangeHash.ofOverrides("production", base, "{\"a\":1}"))
                .isNotEqualTo(ChangeHash.ofOverrides("production", base.plusMillis(1), "{\"a\":1}"))
                .isNotEqualTo(ChangeHash.ofConfiguration("", "production", null, "{\"a\":1}"));
    }
}
