package io.configservice.credential;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to {@code credential_access_log}, synchronously: a value is only returned once its read
 * is on record. Outside a transaction, concurrent callers' rows are written together (group
 * commit): each caller queues its row and waits for the write lock; whoever holds it inserts every
 * queued row in one statement, so callers that queued meanwhile find theirs committed. A failed
 * statement fails every caller in it, unless the failure lies in the rows rather than the database:
 * then each row is tried on its own. Inside a transaction the row is written on that transaction's
 * connection, as part of it.
 */
@Repository
class CredentialAccessLog {

    private static final int MAX_KEY = 200;
    private static final int MAX_SERVICE = 100;
    private static final int MAX_TEXT = 512;
    private static final int MAX_BATCH = 256;
    private static final String INSERT =
            """
            INSERT INTO credential_access_log
                (credential_id, credential_key, operation, user_id, service_id, ip_address, user_agent,
                 access_granted, access_reason, failure_reason, accessed_at, duration_ms, metadata)
            VALUES\s""";
    private static final String ROW = "(?, ?, ?, ?, ?, ?::inet, ?, ?, ?, ?, ?, ?, ?::jsonb)";
    private static final int COLUMNS = 13;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Queue<PendingRow> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    CredentialAccessLog(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Returns once the row is committed (or written in the caller's transaction).
     *
     * @throws RuntimeException (a {@code DataAccessException} as a rule) when it could not be
     *     written
     */
    void insert(CredentialAccess access) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            insertAll(List.of(access));
            return;
        }
        PendingRow row = new PendingRow(access);
        queued.add(row);
        while (!row.done) {
            writing.lock();
            try {
                if (!row.done) {
                    writeQueued();
                }
            } finally {
                writing.unlock();
            }
        }
        if (row.failure != null) {
            throw row.failure;
        }
    }

    private void writeQueued() {
        List<PendingRow> batch = new ArrayList<>();
        for (PendingRow next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) {
            batch.add(next);
        }
        try {
            insertAll(batch.stream().map(PendingRow::access).toList());
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            batch.forEach(row -> row.failure = e);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).failure = e;
            } else {
                batch.forEach(this::insertAlone);
            }
        } finally {
            batch.forEach(row -> row.done = true);
        }
    }

    private void insertAlone(PendingRow row) {
        try {
            insertAll(List.of(row.access));
        } catch (RuntimeException e) {
            row.failure = e;
        }
    }

    private void insertAll(List<CredentialAccess> rows) {
        StringBuilder sql = new StringBuilder(INSERT);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? ROW : ", " + ROW);
        }
        jdbc.update(
                sql.toString(),
                ps -> {
                    for (int i = 0; i < rows.size(); i++) {
                        bind(ps, i * COLUMNS, rows.get(i));
                    }
                });
    }

    private void bind(PreparedStatement ps, int offset, CredentialAccess access)
            throws SQLException {
        ps.setObject(offset + 1, access.credentialId());
        ps.setString(offset + 2, truncate(access.credentialKey(), MAX_KEY));
        ps.setString(offset + 3, access.operation().name());
        ps.setString(offset + 4, truncate(access.actor(), MAX_SERVICE));
        ps.setString(offset + 5, truncate(access.serviceId(), MAX_SERVICE));
        ps.setString(offset + 6, access.ipAddress());
        ps.setString(offset + 7, truncate(access.userAgent(), MAX_TEXT));
        ps.setBoolean(offset + 8, access.granted());
        ps.setString(offset + 9, truncate(access.accessReason(), MAX_TEXT));
        ps.setString(offset + 10, truncate(access.failureReason(), MAX_TEXT));
        ps.setTimestamp(offset + 11, Timestamp.from(access.accessedAt()));
        ps.setObject(
                offset + 12, (int) Math.min(Integer.MAX_VALUE, access.durationMs()), Types.INTEGER);
        ps.setString(offset + 13, json.writeValueAsString(access.metadata()));
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * A queued row; {@code done} and {@code failure} are written by the lock holder, read after the
     * lock.
     */
    private static final class PendingRow {

        private final CredentialAccess access;
        private volatile boolean done;
        private @Nullable RuntimeException failure;

        private PendingRow(CredentialAccess access) {
            this.access = access;
        }

        private CredentialAccess access() {
            return access;
        }
    }
}
