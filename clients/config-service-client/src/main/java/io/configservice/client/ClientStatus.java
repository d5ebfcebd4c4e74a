package io.configservice.client;

/** How current the client's configuration is. */
public enum ClientStatus {
    /** Loaded from the service, which is reachable: changes arrive as they are made. */
    UP,
    /**
     * Serving the last-known-good snapshot, or the service is unreachable now, so changes may be
     * missing.
     */
    STALE,
    /**
     * No configuration at all: the service was down at start and there was no snapshot (optional
     * import only).
     */
    DOWN
}
