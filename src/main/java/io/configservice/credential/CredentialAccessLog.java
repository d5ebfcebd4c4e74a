package io.configservice.credential;

import java.sql.Timestamp;
import java.sql.Types;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Appends to {@code credential_access_log}, synchronously: a value is only returned once its read is on record. */
@Repository
class CredentialAccessLog {

    private static final int MAX_KEY = 200;
    private static final int MAX_SERVICE = 100;
    private static final int MAX_TEXT = 512;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    CredentialAccessLog(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(CredentialAccess access) {
        jdbc.update("""
                INSERT INTO credential_access_log
                    (credential_id, credential_key, operation, user_id, service_id, ip_address, user_agent,
                     access_granted, access_reason, failure_reason, accessed_at, duration_ms, metadata)
                VALUES (?, ?, ?, ?, ?, ?::inet, ?, ?, ?, ?, ?, ?, ?::jsonb)""", ps -> {
            ps.setObject(1, access.credentialId());
            ps.setString(2, truncate(access.credentialKey(), MAX_KEY));
            ps.setString(3, access.operation().name());
            ps.setString(4, truncate(access.actor(), MAX_SERVICE));
            ps.setString(5, truncate(access.serviceId(), MAX_SERVICE));
            ps.setString(6, access.ipAddress());
            ps.setString(7, truncate(access.userAgent(), MAX_TEXT));
            ps.setBoolean(8, access.granted());
            ps.setString(9, truncate(access.accessReason(), MAX_TEXT));
            ps.setString(10, truncate(access.failureReason(), MAX_TEXT));
            ps.setTimestamp(11, Timestamp.from(access.accessedAt()));
            ps.setObject(12, (int) Math.min(Integer.MAX_VALUE, access.durationMs()), Types.INTEGER);
            ps.setString(13, json.writeValueAsString(access.metadata()));
        });
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
