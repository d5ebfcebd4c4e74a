package io.configservice.events;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Stands for a backlog in the outbound channel: occupies every thread of its executor, as a fan-out
 * bigger than the machine hands off does, so the frames sent meanwhile wait in its queue.
 */
final class OutboundChannelHold implements AutoCloseable {

    private final CountDownLatch released = new CountDownLatch(1);

    private OutboundChannelHold(MessageChannel clientOutbound) {
        ThreadPoolTaskExecutor executor =
                (ThreadPoolTaskExecutor)
                        ((ExecutorSubscribableChannel) clientOutbound).getExecutor();
        int threads = executor.getCorePoolSize();
        for (int i = 0; i < threads; i++) {
            executor.execute(
                    () -> {
                        try {
                            released.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.getActiveCount() == threads);
    }

    /** Holds the channel until {@link #close}. */
    static OutboundChannelHold hold(MessageChannel clientOutbound) {
        return new OutboundChannelHold(clientOutbound);
    }

    @Override
    public void close() {
        released.countDown();
    }
}
