package io.configservice.audit;

import io.configservice.web.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The access logs that retention prunes and the export writes, by the names the API and the
 * settings use.
 */
enum AccessLogTable {
    CONFIGURATION_ACCESS("configuration_access_log"),
    CREDENTIAL_ACCESS("credential_access_log");

    private final String table;

    AccessLogTable(String table) {
        this.table = table;
    }

    String table() {
        return table;
    }

    /** The name in the API, e.g. {@code configuration-access}. */
    String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @throws ApiException {@code INVALID_REQUEST} naming the accepted values when there is no such
     *     log
     */
    static AccessLogTable parse(String value) {
        return Arrays.stream(values())
                .filter(t -> t.wire().equals(value))
                .findFirst()
                .orElseThrow(
                        () ->
                                ApiException.invalidRequest(
                                        "table must be one of "
                                                + Arrays.stream(values())
                                                        .map(AccessLogTable::wire)
                                                        .collect(Collectors.joining(", "))));
    }
}
