package io.configservice.credential;

import io.configservice.web.ApiException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How sensitive a credential is, lowest first; from {@code confidential} on, changes need approval
 * (spec).
 */
public enum Sensitivity {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    RESTRICTED,
    TOP_SECRET;

    static final String PATTERN = "public|internal|confidential|restricted|top_secret";

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean approvalRequired() {
        return compareTo(CONFIDENTIAL) >= 0;
    }

    /**
     * Absent means {@code confidential}: a credential is a secret unless the caller says otherwise.
     */
    static Sensitivity parse(@Nullable String wire) {
        if (wire == null) {
            return CONFIDENTIAL;
        }
        try {
            Sensitivity parsed = valueOf(wire.toUpperCase(Locale.ROOT));
            if (parsed.wire().equals(wire)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalidRequest(
                "sensitivity must be one of " + PATTERN.replace("|", ", "));
    }

    static Sensitivity fromColumn(String column) {
        return valueOf(column);
    }
}
