package io.configservice.reliability;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many answers of each kind a load got ({@code 200}, {@code 412}, {@code 503 with Retry-After},
 * {@code no answer} …), with the first few answers that a pass rule does not allow, for the
 * evidence.
 */
final class StatusCounts {

    static final String NO_ANSWER = "no answer";
    static final String UNAVAILABLE = "503 with Retry-After";
    static final String UNAVAILABLE_WITHOUT_RETRY_AFTER = "503 without Retry-After";
    private static final int KEPT_SAMPLES = 5;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<String> samples = new CopyOnWriteArrayList<>();

    /** Counts the answer under its kind and returns the kind. */
    String record(String operation, ServiceCalls.Answer answer) {
        String kind = kind(answer);
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (!answer.successful() && samples.size() < KEPT_SAMPLES) {
            samples.add(operation + " → " + kind + ": " + answer.body());
        }
        return kind;
    }

    long count(String kind) {
        LongAdder adder = counts.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    long count(int status) {
        return count(Integer.toString(status));
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Answers of any kind other than the allowed ones. */
    long countOtherThan(List<String> allowedKinds) {
        return counts.entrySet().stream()
                .filter(
                        entry ->
                                !allowedKinds.contains(entry.getKey())
                                        && !entry.getKey().startsWith("2"))
                .mapToLong(entry -> entry.getValue().sum())
                .sum();
    }

    /** The first refused or failed answers, operation and body. */
    List<String> samples() {
        return List.copyOf(samples);
    }

    @Override
    public String toString() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((kind, adder) -> sorted.put(kind, adder.sum()));
        return sorted.toString();
    }

    private static String kind(ServiceCalls.Answer answer) {
        if (answer.status() == ServiceCalls.NO_ANSWER) {
            return NO_ANSWER;
        }
        if (answer.status() == 503) {
            return answer.retryAfter() == null ? UNAVAILABLE_WITHOUT_RETRY_AFTER : UNAVAILABLE;
        }
        return Integer.toString(answer.status());
    }
}
