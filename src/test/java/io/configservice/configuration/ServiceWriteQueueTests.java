package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceWriteQueueTests {

    private final ServiceWriteQueue queue =
            new ServiceWriteQueue(new WriteQueueProperties(1, Duration.ofMillis(200), 1));
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheRunningWrite() {
        release.countDown();
    }

    @Test
    void aWriteWaitingLongerThanTheTimeoutIsRefusedUnrunWhileAnotherServiceWritesAtOnce()
            throws Exception {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(this::holdOrders);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> queue.inTurn("orders", () -> ran.getAndSet(true)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WRITE_CONTENTION));
        assertThat(ran).as("the refused write never ran").isFalse();
        assertThat(queue.inTurn("billing", () -> "other service"))
                .as("another service's write does not wait")
                .isEqualTo("other service");

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(queue.inTurn("orders", () -> "after"))
                .as("the service's next write runs once the first is done")
                .isEqualTo("after");
    }

    @Test
    void aWriteFindingAsManyWritesWaitingAsAllowedIsRefusedAtOnce() throws Exception {
        ServiceWriteQueue patient =
                new ServiceWriteQueue(new WriteQueueProperties(1, Duration.ofSeconds(5), 1));
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(
                        () -> patient.inTurn("orders", this::holdUntilReleased));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiting =
                CompletableFuture.supplyAsync(() -> patient.inTurn("orders", () -> "waited"));
        Thread.sleep(200);

        long start = System.nanoTime();
        assertThatThrownBy(() -> patient.inTurn("orders", () -> "third"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WRITE_CONTENTION))
                .hasMessageContaining("configservice.write-queue.max-waiting");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("waited");
    }

    @Test
    void asManyWritesToAServiceAsTheConcurrencyRunAtOnce() throws Exception {
        ServiceWriteQueue two =
                new ServiceWriteQueue(new WriteQueueProperties(2, Duration.ofSeconds(5), 0));
        CountDownLatch bothRunning = new CountDownLatch(2);
        Supplier<String> write =
                () -> {
                    bothRunning.countDown();
                    try {
                        return bothRunning.await(5, TimeUnit.SECONDS) ? "together" : "alone";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "interrupted";
                    }
                };
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(() -> two.inTurn("orders", write));
        CompletableFuture<String> second =
                CompletableFuture.supplyAsync(() -> two.inTurn("orders", write));

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("together");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("together");
    }

    @Test
    void aWriteThatFailsLetsTheNextOneRun() {
        assertThatThrownBy(
                        () ->
                                queue.inTurn(
                                        "orders",
                                        () -> {
                                            throw new IllegalStateException("write failed");
                                        }))
                .hasMessage("write failed");

        assertThat(queue.inTurn("orders", () -> "next")).isEqualTo("next");
    }

    private String holdOrders() {
        return queue.inTurn("orders", this::holdUntilReleased);
    }

    private String holdUntilReleased() {
        running.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "first";
    }
}
