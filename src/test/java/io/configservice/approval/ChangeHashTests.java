package io.configservice.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeHashTests {

    @Test
    void isTheSameForTheSameChangeAndALowercaseSha256() {
        String hash = ChangeHash.of("orders", "production", 3, "{\"a\":1}");
        assertThat(hash).isEqualTo(ChangeHash.of("orders", "production", 3, "{\"a\":1}")).matches("[0-9a-f]{64}");
    }

    @Test
    void changesWithEveryBoundField() {
        Set<String> hashes = Set.of(
                ChangeHash.of("orders", "production", 3, "{\"a\":1}"),
                ChangeHash.of("billing", "production", 3, "{\"a\":1}"),
                ChangeHash.of("orders", "staging", 3, "{\"a\":1}"),
                ChangeHash.of("orders", "production", 4, "{\"a\":1}"),
                ChangeHash.of("orders", "production", null, "{\"a\":1}"),
                ChangeHash.of("orders", "production", 3, "{\"a\":2}"));
        assertThat(hashes).hasSize(6);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(ChangeHash.of("ab", "c", 1, "{}")).isNotEqualTo(ChangeHash.of("a", "bc", 1, "{}"));
        assertThat(ChangeHash.of("a", "b", 1, "2{}")).isNotEqualTo(ChangeHash.of("a", "b", 12, "{}"));
    }
}
