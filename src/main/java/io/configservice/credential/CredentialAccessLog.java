package io.configservice.credential;

import io.configservice.audit.CredentialChainSealing;
import io.configservice.web.DependencyFailures;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to {@code credential_access_log}, synchronously: a value is only returned once its read
 * is on record. Outside a transaction, concurrent callers' rows are written together (group
 * commit): each caller queues its row; one caller at a time holds the write lock and inserts every
 * queued row in one statement and one transaction, then wakes the callers of those rows, and the
 * caller of the oldest row still queued takes over. That transaction seals the rows into the
 * credential chain as it inserts them ({@link CredentialChainSealing}), so each row is written
 * once; when it cannot (chain key not in memory), they are inserted unsealed and the audit sealer
 * seals them shortly after. A failed write fails every caller in it when the database is
 * unavailable; when the failure lies in the rows instead, each row is tried on its own. Inside a
 * transaction the row is written unsealed on that transaction's connection, as part of it: sealing
 * there would hold the chain's lock until the caller's transaction ends.
 */
@Repository
class CredentialAccessLog {

    private static final int MAX_KEY = 200;
    private static final int MAX_SERVICE = 100;
    private static final int MAX_TEXT = 512;
    private static final int MAX_BATCH = 256;

    /**
     * How long a caller waiting for its row sleeps at most before it looks again; it is woken as
     * soon as its row is written or it is its turn to write, so this only bounds a missed wake-up.
     */
    private static final long WAIT_AT_MOST_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final String COLUMNS =
            "id, credential_id, credential_key, operation, user_id, service_id, ip_address, user_agent, "
                    + "access_granted, access_reason, failure_reason, accessed_at, duration_ms, metadata";
    private static final String VALUES =
            "?::uuid, ?::uuid, ?, ?, ?, ?, ?::inet, ?, ?, ?, ?, ?::timestamptz, ?::integer, ?::jsonb";
    private static final int VALUE_COUNT = 14;
    private static final String INSERT =
            "INSERT INTO credential_access_log ("
                    + COLUMNS
                    + ", chain_seq, prev_hash, hash) VALUES ";
    private static final String SEALED_VALUES = VALUES + ", ?, ?, ?";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final CredentialChainSealing sealing;
    private final Queue<PendingRow> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final DistributionSummary batchRows;
    private final Timer batchWrites;

    CredentialAccessLog(
            JdbcTemplate jdbc,
            JsonMapper json,
            TransactionTemplate transactions,
            CredentialChainSealing sealing,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
        this.sealing = sealing;
        this.batchRows =
                DistributionSummary.builder("configservice.credential.access.batch.rows")
                        .description("Rows written together by one group commit of the access log")
                        .register(meters);
        this.batchWrites =
                Timer.builder("configservice.credential.access.batch.writes")
                        .description(
                                "Time one group commit of the access log takes, sealing and commit included")
                        .register(meters);
    }

    /**
     * Returns once the row is committed (or written in the caller's transaction).
     *
     * @throws RuntimeException (a {@code DataAccessException} as a rule) when it could not be
     *     written
     */
    void insert(CredentialAccess access) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            insertRows(List.of(new Row(access)), List.of());
            return;
        }
        PendingRow row = new PendingRow(new Row(access), Thread.currentThread());
        queued.add(row);
        while (!row.done) {
            if (writing.tryLock()) {
                try {
                    while (!row.done) {
                        writeQueued();
                    }
                } finally {
                    writing.unlock();
                }
                handOver();
            } else {
                LockSupport.parkNanos(this, WAIT_AT_MOST_NANOS);
            }
        }
        if (row.failure != null) {
            throw row.failure;
        }
    }

    /**
     * Wakes the caller of the oldest queued row, which then writes the rows queued meanwhile. The
     * callers of a written batch are woken by {@link #writeQueued} itself, all at once: none of
     * them has to pass through the write lock only to find its row written (with the lock, each
     * batch's callers were woken one after the other, a context switch each, and that chain of
     * wake-ups, not the database, bounded the credential retrieve: bench/RESULTS.md, 2026-12-06).
     */
    private void handOver() {
        PendingRow next = queued.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    private void writeQueued() {
        List<PendingRow> batch = new ArrayList<>();
        for (PendingRow next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) {
            batch.add(next);
        }
        batchRows.record(batch.size());
        Timer.Sample started = Timer.start();
        try {
            writeSealed(batch.stream().map(PendingRow::row).toList());
            batch.forEach(row -> row.written = true);
        } catch (RuntimeException e) {
            if (batch.size() == 1 || DependencyFailures.isDependencyUnavailable(e)) {
                batch.forEach(row -> row.failure = e);
            } else {
                batch.forEach(this::writeAlone);
            }
        } finally {
            started.stop(batchWrites);
            for (PendingRow row : batch) {
                row.finish();
            }
        }
    }

    private void writeAlone(PendingRow row) {
        try {
            writeSealed(List.of(row.row));
            row.written = true;
        } catch (RuntimeException e) {
            row.failure = e;
        }
    }

    /** Inserts the rows in a transaction of their own, sealed if the chain can take them now. */
    private void writeSealed(List<Row> rows) {
        transactions.executeWithoutResult(
                status ->
                        insertRows(
                                rows,
                                sealing.sealNext(
                                                rows.stream().map(Row::id).toList(),
                                                COLUMNS,
                                                placeholders(VALUES, rows.size()),
                                                ps -> bindAll(ps, rows, VALUE_COUNT))
                                        .orElse(List.of())));
    }

    /**
     * @param seals one per row, or none: the rows are inserted unsealed
     */
    private void insertRows(List<Row> rows, List<CredentialChainSealing.Seal> seals) {
        jdbc.update(
                INSERT + placeholders(SEALED_VALUES, rows.size()),
                ps -> {
                    bindAll(ps, rows, VALUE_COUNT + 3);
                    for (int i = 0; i < rows.size(); i++) {
                        int offset = i * (VALUE_COUNT + 3) + VALUE_COUNT;
                        CredentialChainSealing.@Nullable Seal seal =
                                seals.isEmpty() ? null : seals.get(i);
                        ps.setObject(offset + 1, seal == null ? null : seal.seq(), Types.BIGINT);
                        ps.setString(offset + 2, seal == null ? null : seal.prevHash());
                        ps.setString(offset + 3, seal == null ? null : seal.hash());
                    }
                });
    }

    private static String placeholders(String values, int rows) {
        return String.join(", ", Collections.nCopies(rows, "(" + values + ")"));
    }

    private void bindAll(PreparedStatement ps, List<Row> rows, int stride) throws SQLException {
        for (int i = 0; i < rows.size(); i++) {
            bind(ps, i * stride, rows.get(i));
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
     * A queued row; {@code written}, {@code failure} and {@code done} are written by the lock
     * holder, and {@code done} last, so its caller reads the other two after it.
     */
    private static final class PendingRow {

        private final Row row;
        private final Thread caller;
        private boolean written;
        private @Nullable RuntimeException failure;
        private volatile boolean done;

        private PendingRow(Row row, Thread caller) {
            this.row = row;
            this.caller = caller;
        }

        private Row row() {
            return row;
        }

        /**
         * Tells the caller its row's outcome and wakes it. A row neither written nor failed is one
         * whose write ended in an {@link Error} in another caller's thread: its caller fails too,
         * never returning a value whose read is not on record.
         */
        private void finish() {
            if (!written && failure == null) {
                failure =
                        new IllegalStateException(
                                "The access log write ended in an error; the read is not on record");
            }
            done = true;
            LockSupport.unpark(caller);
        }
    }
}
