package io.configservice.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.ServiceProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthServiceTests {

    private static final int CALLERS = 16;

    /** A dependency whose check blocks until released and counts how often it ran. */
    private static final class SlowCheck implements DependencyCheck {

        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public ComponentHealth check() {
            calls.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ComponentHealth.healthy("slow", "test", 0);
        }
    }

    @Test
    void concurrentCallersDuringACheckWaitForThatCheckInsteadOfStartingTheirOwn() throws Exception {
        SlowCheck dependency = new SlowCheck();
        HealthService health = service(dependency, Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        List<Future<HealthReport>> reports = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            reports.add(pool.submit(health::report));
        }
        assertThat(dependency.started.await(10, TimeUnit.SECONDS)).isTrue();
        dependency.release.countDown();
        for (Future<HealthReport> report : reports) {
            assertThat(report.get(10, TimeUnit.SECONDS).healthy()).isTrue();
        }
        pool.shutdown();
        health.report();

        assertThat(dependency.calls).hasValue(1);
    }

    @Test
    void aZeroIntervalChecksOnEveryCall() {
        SlowCheck dependency = new SlowCheck();
        dependency.release.countDown();
        HealthService health = service(dependency, Duration.ZERO);

        health.report();
        health.report();

        assertThat(dependency.calls).hasValue(2);
    }

    private static HealthService service(DependencyCheck check, Duration interval) {
        return new HealthService(
                List.of(check),
                new ServiceProperties("test", Path.of("data")),
                new HealthProperties(interval),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }
}
