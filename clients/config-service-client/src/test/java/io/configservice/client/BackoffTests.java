package io.configservice.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class BackoffTests {

    @RepeatedTest(20)
    void delaysGrowWithinTheirJitteredBoundsAndStartOverAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(backoff.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(400));
        for (int i = 0; i < 30; i++) {
            assertThat(backoff.next()).isBetween(Duration.ofMillis(100), Duration.ofMillis(1000));
        }
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }
}
