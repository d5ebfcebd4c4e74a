package io.configservice.bench.client;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** When each instance's bean took the value of the write in flight (one write at a time). */
final class Arrivals {

    private final int instances;
    private volatile long expected = -1;
    private volatile long[] times;
    private volatile CountDownLatch pending;

    Arrivals(int instances) {
        this.instances = instances;
    }

    void expect(long value) {
        long[] fresh = new long[instances];
        Arrays.fill(fresh, Long.MIN_VALUE);
        times = fresh;
        pending = new CountDownLatch(instances);
        expected = value;
    }

    void arrived(int instance, long value, long nanoTime) {
        long[] current = times;
        if (value == expected && current[instance] == Long.MIN_VALUE) {
            current[instance] = nanoTime;
            pending.countDown();
        }
    }

    /**
     * The arrival times ({@link Long#MIN_VALUE} for an instance that did not get there within the
     * timeout).
     */
    long[] await(long timeoutSeconds) throws InterruptedException {
        pending.await(timeoutSeconds, TimeUnit.SECONDS);
        return times.clone();
    }
}
