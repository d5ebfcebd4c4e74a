package io.configservice.reliability;

import java.util.Map;

/**
 * Server settings that lift the per-token, per-address and failed-authentication buckets far above
 * what a scenario's load driver sends. The scenarios judge how the service rides out faults, and
 * their drivers send hundreds of requests a second on one token from one address: with the default
 * limits a share of the answers would be 429, which says nothing about the fault. The limiter still
 * runs on every request.
 */
final class RaisedRateLimits {

    private static final String CAPACITY = "1000000000";

    private RaisedRateLimits() {}

    static Map<String, String> serverEnvironment() {
        return Map.of(
                "CONFIGSERVICE_RATELIMIT_TOKENCAPACITY",
                CAPACITY,
                "CONFIGSERVICE_RATELIMIT_IPCAPACITY",
                CAPACITY,
                "CONFIGSERVICE_RATELIMIT_FAILEDAUTHENTICATIONCAPACITY",
                CAPACITY);
    }
}
