package io.configservice.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Pages through change requests with the list's filters, newest first (keyset on requested time and
 * id).
 */
@Repository
class ApprovalQueries {

    private final JdbcTemplate jdbc;

    ApprovalQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<ApprovalSummary> page(Filter filter, @Nullable Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM change_approvals WHERE true");
        List<Object> args = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status().name());
        }
        if (filter.serviceId() != null) {
            sql.append(" AND service_id = ?");
            args.add(filter.serviceId());
        }
        if (filter.environment() != null) {
            sql.append(" AND environment = ?");
            args.add(filter.environment());
        }
        if (after != null) {
            sql.append(" AND (requested_at, id) < (?, ?)");
            args.add(Timestamp.from(after.requestedAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY requested_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> summary(rs), args.toArray());
    }

    private static ApprovalSummary summary(ResultSet rs) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new ApprovalSummary(
                rs.getObject("id", UUID.class),
                ApprovalStatus.valueOf(rs.getString("status")),
                rs.getString("service_id"),
                rs.getString("environment"),
                rs.getString("change_type"),
                (Integer) rs.getObject("base_version"),
                rs.getInt("required_approvals"),
                rs.getInt("received_approvals"),
                rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                completed == null ? null : completed.toInstant(),
                (Integer) rs.getObject("applied_version"),
                rs.getString("content_hash"));
    }

    /** The list's filters; {@code null} means any. */
    record Filter(
            @Nullable ApprovalStatus status,
            @Nullable String serviceId,
            @Nullable String environment) {}

    /** Where the previous page ended. */
    record Cursor(Instant requestedAt, UUID id) {}
}
