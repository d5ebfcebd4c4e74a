package io.configservice.credential;

import io.configservice.audit.CredentialChainSealing;
import io.configservice.web.DependencyFailures;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to {@code credential_access_log}, synchronously: a value is only returned once its read
 * is on record. Outside a transaction, concurrent callers' rows are written together (group
 * commit), in two stages: each caller queues its row and waits for the batching lock; whoever holds
 * it takes every queued row and has PostgreSQL compute their canonical text ({@link
 * CredentialChainSealing#prepare}), then lets the lock go and appends them to the credential chain
 * sealed, in one statement that commits on its own ({@link CredentialChainSealing#append}), while
 * the next holder already prepares the rows queued meanwhile. Each row is written once; when it
 * cannot be sealed (chain key not in memory, or a chain head the key does not authenticate), it is
 * inserted unsealed and the audit sealer seals it shortly after. A failed write fails every caller
 * in it when the database is unavailable; when the failure lies in the rows instead, each row is
 * tried on its own. Inside a transaction the row is written unsealed on that transaction's
 * connection, as part of it: sealing there would hold the chain's lock until the caller's
 * transaction ends.
 */
@Repository
class CredentialAccessLog {

    private static final int MAX_KEY = 200;
    private static final int MAX_SERVICE = 100;
    private static final int MAX_TEXT = 512;
    private static final int MAX_BATCH = 256;
    private static final String COLUMNS =
            "id, credential_id, credential_key, operation, user_id, service_id, ip_address, user_agent, "
                    + "access_granted, access_reason, failure_reason, accessed_at, duration_ms, metadata";
    private static final String VALUES =
            "?::uuid, ?::uuid, ?, ?, ?, ?, ?::inet, ?, ?, ?, ?, ?::timestamptz, ?::integer, ?::jsonb";
    private static final int VALUE_COUNT = 14;
    private static final String INSERT_UNSEALED =
            "INSERT INTO credential_access_log (" + COLUMNS + ") VALUES ";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final CredentialChainSealing sealing;
    private final Queue<PendingRow> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock batching = new ReentrantLock();

    CredentialAccessLog(JdbcTemplate jdbc, JsonMapper json, CredentialChainSealing sealing) {
        this.jdbc = jdbc;
        this.json = json;
        this.sealing = sealing;
    }

    /**
     * Returns once the row is committed (or written in the caller's transaction).
     *
     * @throws RuntimeException (a {@code DataAccessException} as a rule) when it could not be
     *     written
     */
    void insert(CredentialAccess access) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            insertUnsealed(List.of(new Row(access)));
            return;
        }
        PendingRow row = new PendingRow(new Row(access));
        queued.add(row);
        while (!row.taken) {
            List<PendingRow> batch = List.of();
            Runnable write = () -> {};
            batching.lock();
            try {
                if (!row.taken) {
                    batch = takeQueued();
                    write = prepareWrite(batch.stream().map(PendingRow::row).toList());
                }
            } finally {
                batching.unlock();
            }
            complete(batch, write);
        }
        try {
            row.written.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private List<PendingRow> takeQueued() {
        List<PendingRow> batch = new ArrayList<>();
        for (PendingRow next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) {
            next.taken = true;
            batch.add(next);
        }
        return batch;
    }

    /**
     * The rows' write, with the part that does not depend on the chain's head done: their canonical
     * text. A failure there is thrown by the write, so it is handled as the write's.
     */
    private Runnable prepareWrite(List<Row> rows) {
        try {
            Optional<CredentialChainSealing.PreparedRows> prepared =
                    sealing.prepare(
                            rows.stream().map(Row::id).toList(),
                            COLUMNS,
                            placeholders(rows.size()),
                            (ps, offset) -> bindAll(ps, offset, rows));
            return () -> {
                if (prepared.isEmpty() || !sealing.append(prepared.get())) {
                    insertUnsealed(rows);
                }
            };
        } catch (RuntimeException e) {
            return () -> {
                throw e;
            };
        }
    }

    private void complete(List<PendingRow> batch, Runnable write) {
        try {
            write.run();
            batch.forEach(row -> row.written.complete(null));
        } catch (RuntimeException e) {
            if (batch.size() == 1 || DependencyFailures.isDependencyUnavailable(e)) {
                batch.forEach(row -> row.written.completeExceptionally(e));
            } else {
                batch.forEach(this::writeAlone);
            }
        } finally {
            for (PendingRow row : batch) {
                if (!row.written.isDone()) {
                    row.written.completeExceptionally(
                            new IllegalStateException(
                                    "the credential access log write did not finish"));
                }
            }
        }
    }

    private void writeAlone(PendingRow row) {
        try {
            prepareWrite(List.of(row.row)).run();
            row.written.complete(null);
        } catch (RuntimeException e) {
            row.written.completeExceptionally(e);
        }
    }

    /** Inserts the rows unsealed, for the sealer: in the caller's transaction if there is one. */
    private void insertUnsealed(List<Row> rows) {
        jdbc.update(INSERT_UNSEALED + placeholders(rows.size()), ps -> bindAll(ps, 0, rows));
    }

    private static String placeholders(int rows) {
        return String.join(", ", Collections.nCopies(rows, "(" + VALUES + ")"));
    }

    private void bindAll(PreparedStatement ps, int offset, List<Row> rows) throws SQLException {
        for (int i = 0; i < rows.size(); i++) {
            bind(ps, offset + i * VALUE_COUNT, rows.get(i));
        }
    }

    private void bind(PreparedStatement ps, int offset, Row row) throws SQLException {
        CredentialAccess access = row.access();
        ps.setString(offset + 1, row.id());
        ps.setObject(offset + 2, access.credentialId());
        ps.setString(offset + 3, truncate(access.credentialKey(), MAX_KEY));
        ps.setString(offset + 4, access.operation().name());
        ps.setString(offset + 5, truncate(access.actor(), MAX_SERVICE));
        ps.setString(offset + 6, truncate(access.serviceId(), MAX_SERVICE));
        ps.setString(offset + 7, access.ipAddress());
        ps.setString(offset + 8, truncate(access.userAgent(), MAX_TEXT));
        ps.setBoolean(offset + 9, access.granted());
        ps.setString(offset + 10, truncate(access.accessReason(), MAX_TEXT));
        ps.setString(offset + 11, truncate(access.failureReason(), MAX_TEXT));
        ps.setTimestamp(offset + 12, Timestamp.from(access.accessedAt()));
        ps.setObject(
                offset + 13, (int) Math.min(Integer.MAX_VALUE, access.durationMs()), Types.INTEGER);
        ps.setString(offset + 14, json.writeValueAsString(access.metadata()));
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * A row to insert, with its id chosen here: the sealing hashes the row's canonical text, id
     * included, before the row exists.
     */
    private record Row(String id, CredentialAccess access) {

        private Row(CredentialAccess access) {
            this(UUID.randomUUID().toString(), access);
        }
    }

    /**
     * A queued row: {@code taken} once a batch holds it (set under the batching lock), {@code
     * written} once that batch is committed or failed.
     */
    private static final class PendingRow {

        private final Row row;
        private final CompletableFuture<Void> written = new CompletableFuture<>();
        private volatile boolean taken;

        private PendingRow(Row row) {
            this.row = row;
        }

        private Row row() {
            return row;
        }
    }
}
