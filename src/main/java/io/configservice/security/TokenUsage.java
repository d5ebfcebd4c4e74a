package io.configservice.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers when each token was last used and writes it to {@code service_tokens.last_used_at} in
 * one batch every {@code configservice.tokens.last-used-flush-interval}, so authentication on the
 * hot path never writes.
 */
@Component
class TokenUsage {

    /** {@code last_used_at} is kept to within this much of the token's real last use. */
    static final Duration RESOLUTION = Duration.ofSeconds(1);

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;

    TokenUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Notes a use. Only a use at least {@link #RESOLUTION} after the one already pending replaces
     * it: many requests of one token per second then read the map instead of all locking the same
     * entry.
     */
    void used(String tokenId, Instant at) {
        Instant pendingUse = pending.get(tokenId);
        if (pendingUse == null || at.isAfter(pendingUse.plus(RESOLUTION))) {
            pending.merge(tokenId, at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.tokens-io.configservice.security.TokenProperties'"
                            + ".lastUsedFlushInterval().toMillis()}")
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (String id : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(id);
            if (at != null) {
                rows.add(new Object[] {Timestamp.from(at), id, Timestamp.from(at)});
            }
        }
        try {
            jdbc.batchUpdate(
                    "UPDATE service_tokens SET last_used_at = ? WHERE id = ? "
                            + "AND (last_used_at IS NULL OR last_used_at < ?)",
                    rows);
        } catch (DataAccessException e) {
            rows.forEach(row -> used((String) row[1], ((Timestamp) row[0]).toInstant()));
        }
    }
}
