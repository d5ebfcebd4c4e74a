package io.configservice.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.configservice.web.ApiException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a service token may do with its own service: each scope is granted explicitly when the token
 * is issued.
 */
public enum Scope {
    CONFIG_READ("config:read"),
    CONFIG_WRITE("config:write"),
    CREDENTIALS_READ("credentials:read"),
    EVENTS_SUBSCRIBE("events:subscribe");

    /** Granted when a token request names no scopes: everything but writes. */
    static final Set<Scope> DEFAULT = EnumSet.of(CONFIG_READ, CREDENTIALS_READ, EVENTS_SUBSCRIBE);

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * @throws ApiException {@code INVALID_REQUEST} for an unknown scope
     */
    @JsonCreator
    public static Scope parse(String value) {
        for (Scope scope : values()) {
            if (scope.wire.equals(value)) {
                return scope;
            }
        }
        throw ApiException.invalidRequest(
                "Unknown scope '"
                        + value
                        + "'; known: "
                        + Arrays.stream(values())
                                .map(Scope::wire)
                                .collect(Collectors.joining(", ")));
    }

    /** The stored form: wire names separated by spaces, as OAuth writes scopes. */
    static String join(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wire).sorted().collect(Collectors.joining(" "));
    }

    static Set<Scope> split(String stored) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String part : stored.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                scopes.add(parse(part));
            }
        }
        return scopes;
    }
}
