package io.configservice.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Operator roles, read from a JWT claim. {@code operator} and {@code approver} include {@code
 * reader}; {@code admin} includes every role.
 */
public enum Role {
    READER,
    OPERATOR,
    APPROVER,
    AUDITOR,
    ADMIN;

    /** The role's name as written in a token's roles claim, e.g. {@code operator}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> parse(String value) {
        for (Role role : values()) {
            if (role.wire().equalsIgnoreCase(value.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
