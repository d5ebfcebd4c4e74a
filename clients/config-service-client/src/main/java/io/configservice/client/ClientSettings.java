package io.configservice.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ConfigServiceClient} connects to and how it behaves; build with {@link #builder()}.
 *
 * @param url the service's base URL, for example {@code http://config:8011}
 * @param token the service token ({@code X-Service-Token}); never shown by {@link #toString()}
 * @param snapshotDirectory where the last-known-good snapshot is kept; {@code null}: no snapshot
 * @param pollInterval how often the conditional poll runs as a safety net beside push
 * @param optional whether start-up may succeed with the service down and no snapshot (empty
 *     configuration)
 * @param reconnectMinDelay first delay before reconnecting the push channel; doubles up to {@code
 *     reconnectMaxDelay}
 * @param requestTimeout timeout of one REST call and of the push handshake
 * @param maxMessageBytes largest push frame accepted; a larger one ends the session and the client
 *     catches up over REST instead
 */
public record ClientSettings(
        URI url,
        String token,
        String serviceId,
        String environment,
        @Nullable Path snapshotDirectory,
        Duration pollInterval,
        boolean optional,
        Duration reconnectMinDelay,
        Duration reconnectMaxDelay,
        Duration requestTimeout,
        int maxMessageBytes) {

    private static final Pattern SERVICE_ID = Pattern.compile("[a-z0-9-]{1,100}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9_-]{1,50}");

    public ClientSettings {
        Objects.requireNonNull(url, "url");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a service token is required");
        }
        if (serviceId == null || !SERVICE_ID.matcher(serviceId).matches()) {
            throw new IllegalArgumentException(
                    "serviceId must match " + SERVICE_ID + ": " + serviceId);
        }
        if (environment == null || !ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException(
                    "environment must match " + ENVIRONMENT + ": " + environment);
        }
        requirePositive(pollInterval, "pollInterval");
        requirePositive(reconnectMinDelay, "reconnectMinDelay");
        requirePositive(reconnectMaxDelay, "reconnectMaxDelay");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxMessageBytes < 64 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 64 KB");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The STOMP endpoint: the base URL's scheme as {@code ws}/{@code wss}, path {@code /ws}. */
    URI webSocketUri() {
        String scheme = url.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + url.getRawAuthority() + basePath() + "/ws");
    }

    /** A REST path below {@code /api/v1}. */
    URI api(String path) {
        return URI.create(
                url.getScheme() + "://" + url.getRawAuthority() + basePath() + "/api/v1" + path);
    }

    private String basePath() {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public String toString() {
        return "ClientSettings[url="
                + url
                + ", serviceId="
                + serviceId
                + ", environment="
                + environment
                + ", snapshotDirectory="
                + snapshotDirectory
                + ", pollInterval="
                + pollInterval
                + ", optional="
                + optional
                + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds {@link ClientSettings}; url, token, service id and environment are required. */
    public static final class Builder {

        private @Nullable URI url;
        private @Nullable String token;
        private @Nullable String serviceId;
        private @Nullable String environment;
        private @Nullable Path snapshotDirectory;
        private Duration pollInterval = Duration.ofSeconds(60);
        private boolean optional;
        private Duration reconnectMinDelay = Duration.ofSeconds(1);
        private Duration reconnectMaxDelay = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxMessageBytes = 1024 * 1024;

        private Builder() {}

        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder serviceId(String serviceId) {
            this.serviceId = serviceId;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder snapshotDirectory(@Nullable Path snapshotDirectory) {
            this.snapshotDirectory = snapshotDirectory;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder optional(boolean optional) {
            this.optional = optional;
            return this;
        }

        public Builder reconnectDelays(Duration min, Duration max) {
            this.reconnectMinDelay = min;
            this.reconnectMaxDelay = max;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        public ClientSettings build() {
            return new ClientSettings(
                    Objects.requireNonNull(url, "url"),
                    Objects.requireNonNull(token, "token"),
                    Objects.requireNonNull(serviceId, "serviceId"),
                    Objects.requireNonNull(environment, "environment"),
                    snapshotDirectory,
                    pollInterval,
                    optional,
                    reconnectMinDelay,
                    reconnectMaxDelay,
                    requestTimeout,
                    maxMessageBytes);
        }
    }
}
