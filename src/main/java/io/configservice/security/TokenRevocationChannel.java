package io.configservice.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every replica at once that a token was revoked, through PostgreSQL {@code NOTIFY} (sent
 * with the revoking transaction, so only a committed revocation is announced). One thread per
 * replica keeps a {@code LISTEN} connection, reconnecting every 2 s while the database cannot be
 * reached; after it had to reconnect it asks the database which tokens were revoked meanwhile, so a
 * missed notification cannot leave a revoked token accepted.
 */
@Component
class TokenRevocationChannel implements SmartLifecycle {

    static final String CHANNEL = "configservice_token_revoked";
    private static final Logger log = LoggerFactory.getLogger(TokenRevocationChannel.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final RetryTemplate reconnects;
    private volatile Consumer<String> onRevoked = id -> {};
    private volatile boolean running;
    private boolean failing;
    private volatile Instant listeningSince = Instant.now();
    private Thread listener = new Thread(() -> {});

    TokenRevocationChannel(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.reconnects =
                new RetryTemplate(
                        RetryPolicy.builder()
                                .maxRetries(Long.MAX_VALUE)
                                .delay(RECONNECT_DELAY)
                                .predicate(failure -> running)
                                .build());
    }

    void onRevoked(Consumer<String> handler) {
        this.onRevoked = handler;
    }

    /** Announces the revocation when the current transaction commits (NOTIFY is transactional). */
    void announce(String tokenId) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, tokenId);
    }

    @Override
    public void start() {
        running = true;
        failing = false;
        listener = new Thread(this::listen, "token-revocation-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        listener.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        try {
            reconnects.execute(this::listenUntilStopped);
        } catch (RetryException e) {
            // stopped: stop() ended the reconnects or interrupted the pause between them
        }
    }

    /** Keeps a {@code LISTEN} connection until stopped; throws when the connection fails. */
    private @Nullable Void listenUntilStopped() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            catchUp();
            if (failing) {
                log.info("Token revocation listener reconnected");
                failing = false;
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        onRevoked.accept(notification.getParameter());
                    }
                }
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            if (running && !failing) {
                log.warn(
                        "Token revocation listener lost its database connection; retrying every {} s",
                        RECONNECT_DELAY.toSeconds(),
                        e);
                failing = true;
            }
            throw e;
        }
    }

    /** Revocations committed while no LISTEN connection was open (with a margin for clock skew). */
    private void catchUp() {
        Instant since = listeningSince.minusSeconds(60);
        listeningSince = Instant.now();
        jdbc.queryForList(
                        "SELECT id FROM service_tokens WHERE revoked_at > ?",
                        String.class,
                        Timestamp.from(since))
                .forEach(onRevoked);
    }
}
