package io.configservice.audit;

import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports an access log as it is stored (never a value: the logs hold none), oldest first, so an
 * operator can archive rows before retention deletes them. The export is recorded ({@code
 * AUDIT_EXPORT} in the configuration audit) before its first row is written; rows are then read a
 * page at a time, each page its own short query, so a long export holds no transaction and no lock.
 */
@Service
public class AuditExportService {

    static final String OPERATION = "AUDIT_EXPORT";
    private static final int PAGE = 1_000;

    private final AuditQueries queries;
    private final Clock clock;

    public AuditExportService(AuditQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * Checks and records an export.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR} unless the caller is an admin; {@code
     *     INVALID_REQUEST} for an unknown table or an empty time range
     */
    @Transactional
    public AuditExport start(Caller caller, String table, @Nullable Instant after, Instant before) {
        caller.require(Role.ADMIN, "export the access logs");
        AccessLogTable log = AccessLogTable.parse(table);
        if (after != null && !after.isBefore(before)) {
            throw ApiException.invalidRequest("after must be earlier than before");
        }
        queries.insertConfigurationAudit(
                AuditService.ALL_SERVICES,
                AuditService.ALL_ENVIRONMENTS,
                0,
                OPERATION,
                caller.actor(),
                List.of(
                        "table=" + log.wire(),
                        "after=" + (after == null ? "" : after),
                        "before=" + before),
                null,
                clock.instant());
        return new AuditExport(log, after, before);
    }

    /** Hands each row of the export to the sink, oldest first. */
    public void forEach(AuditExport export, Consumer<Object> sink) {
        if (export.table() == AccessLogTable.CONFIGURATION_ACCESS) {
            pages(
                    cursor ->
                            queries.configurationAccessExport(
                                    export.after(), export.before(), cursor, PAGE),
                    row -> new AuditQueries.Cursor(row.accessedAt(), Long.toString(row.id())),
                    sink);
        } else {
            pages(
                    cursor ->
                            queries.credentialExport(export.after(), export.before(), cursor, PAGE),
                    row ->
                            new AuditQueries.Cursor(
                                    Objects.requireNonNull(row.accessedAt()), row.id()),
                    sink);
        }
    }

    private static <T> void pages(
            Function<AuditQueries.@Nullable Cursor, List<T>> page,
            Function<T, AuditQueries.Cursor> cursorOf,
            Consumer<Object> sink) {
        AuditQueries.Cursor cursor = null;
        List<T> rows;
        do {
            rows = page.apply(cursor);
            rows.forEach(sink);
            if (!rows.isEmpty()) {
                cursor = cursorOf.apply(rows.get(rows.size() - 1));
            }
        } while (rows.size() == PAGE);
    }

    /** An export that was checked and recorded: which log, and the time range of its rows. */
    public record AuditExport(AccessLogTable table, @Nullable Instant after, Instant before) {}
}
