package io.configservice.credential;

import io.configservice.web.ApiException;
import java.util.Arrays;

/**
 * The kinds of credential the vault stores, by their API names; four of them can be generated on
 * rotation.
 */
public enum CredentialType {
    API_KEY("api_key", true),
    DATABASE_PASSWORD("database_password", true),
    CERTIFICATE("certificate", false),
    PRIVATE_KEY("private_key", false),
    TOKEN("token", true),
    SYMMETRIC_KEY("symmetric_key", true);

    static final String PATTERN =
            "api_key|database_password|certificate|private_key|token|symmetric_key";

    private final String wire;
    private final boolean generated;

    CredentialType(String wire, boolean generated) {
        this.wire = wire;
        this.generated = generated;
    }

    public String wire() {
        return wire;
    }

    /**
     * Whether rotation can make a new value itself; certificates and private keys must be supplied.
     */
    boolean generated() {
        return generated;
    }

    /**
     * @throws ApiException {@code INVALID_REQUEST} for a name that is not one of the types
     */
    static CredentialType parse(String wire) {
        return Arrays.stream(values())
                .filter(type -> type.wire.equals(wire))
                .findFirst()
                .orElseThrow(
                        () ->
                                ApiException.invalidRequest(
                                        "type must be one of " + PATTERN.replace("|", ", ")));
    }
}
