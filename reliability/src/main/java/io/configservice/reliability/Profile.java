package io.configservice.reliability;

/**
 * How much traffic and how many faults a run applies. The short profile runs in CI within a few
 * minutes; the full profile is the one whose figures are published in reliability/RESULTS.md.
 */
public enum Profile {
    SHORT,
    FULL;

    /**
     * The size of something in this profile: {@code shortValue} for the short profile, else {@code
     * fullValue}.
     */
    public int pick(int shortValue, int fullValue) {
        return this == SHORT ? shortValue : fullValue;
    }
}
