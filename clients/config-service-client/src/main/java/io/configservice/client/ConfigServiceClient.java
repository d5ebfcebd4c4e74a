package io.configservice.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the effective configuration of one service in one environment current.
 *
 * <p>{@link #start()} reads it over REST (falling back to the last-known-good snapshot when the
 * service is unreachable), then opens the push channel. Every change is applied on one worker
 * thread, in revision order: an event whose revision follows the one in force is patched in; a gap,
 * a reconnect or a start from the snapshot is filled from the change feed ({@code
 * …/changes?sinceRevision=N}), and a feed that no longer reaches back ({@code 410 RESYNC_REQUIRED})
 * means a full read. After a change is applied (snapshot written, listeners called) its event is
 * acknowledged. A conditional read ({@code If-None-Match: "r<revision>"}) every poll interval
 * catches whatever push missed. Credentials are read by key on demand and never stored; a {@code
 * credential_rotated} event reads the new value and hands it to the key's rotation listeners.
 */
public final class ConfigServiceClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConfigServiceClient.class.getName());
    private static final String CONFIGURATION_CHANGED = "configuration_changed";
    private static final String CREDENTIAL_ROTATED = "credential_rotated";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ClientSettings settings;
    private final JsonMapper json;
    private final ServiceApi api;
    private final @Nullable SnapshotStore snapshots;
    private final ScheduledExecutorService worker;
    private final PushChannel push;
    private final Clock clock;
    private final List<ConfigurationListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<CredentialRotationListener>> rotationListeners =
            new ConcurrentHashMap<>();
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private volatile EffectiveConfiguration current;
    private volatile boolean loaded;
    private volatile boolean fromSnapshot;
    private volatile @Nullable String lastError;
    private volatile boolean started;

    public ConfigServiceClient(ClientSettings settings) {
        this.settings = settings;
        this.json = JsonMapper.builder().build();
        this.clock = Clock.systemUTC();
        this.api = new ServiceApi(settings, json);
        this.snapshots =
                settings.snapshotDirectory() == null
                        ? null
                        : new SnapshotStore(
                                settings.snapshotDirectory(),
                                settings.serviceId(),
                                settings.environment(),
                                json);
        int instance = INSTANCES.incrementAndGet();
        this.worker =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread =
                                    new Thread(runnable, "config-service-client-" + instance);
                            thread.setDaemon(true);
                            return thread;
                        });
        this.push = new PushChannel(settings, json, new PushHandler(), worker);
        this.current =
                new EffectiveConfiguration(
                        settings.serviceId(),
                        settings.environment(),
                        0,
                        json.createObjectNode(),
                        Instant.EPOCH);
    }

    /**
     * Loads the configuration and starts push and polling. When the service is unreachable (or
     * answers 5xx) the client starts from the snapshot and says so; without a snapshot it fails
     * unless the settings are optional.
     *
     * @throws ConfigServiceException when the service refuses the request (a bad token, a token of
     *     another service, no configuration), or it is unreachable and there is no snapshot and the
     *     client is not optional
     */
    public ConfigServiceClient start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        try {
            worker.submit(this::initialLoad).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ConfigServiceException(
                    "interrupted while loading the configuration", 0, null, e);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof ConfigServiceException refused) {
                throw refused;
            }
            throw new IllegalStateException("loading the configuration failed", e.getCause());
        }
        push.start();
        long poll = settings.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The configuration in force (revision 0 and empty before anything was loaded). */
    public EffectiveConfiguration current() {
        return current;
    }

    public ClientSettings settings() {
        return settings;
    }

    /** Adds a listener for every configuration applied from now on. */
    public void addListener(ConfigurationListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ConfigurationListener listener) {
        listeners.remove(listener);
    }

    /**
     * The credential's current value, read from the service now (one audited read; nothing is
     * cached).
     *
     * @throws ConfigServiceException when the service refuses (404 for a key of another service) or
     *     is unreachable
     */
    public CredentialValue credential(String key) {
        return api.credential(key);
    }

    /**
     * Calls the listener with the new value each time the credential rotates (a {@code
     * credential_rotated} event on this service and environment's credential topic).
     */
    public void onCredentialRotated(String key, CredentialRotationListener listener) {
        rotationListeners
                .computeIfAbsent(key, ignored -> new CopyOnWriteArrayList<>())
                .add(listener);
    }

    /** State for health indicators and metrics. */
    public ClientHealth health() {
        boolean connected = push.connected();
        ClientStatus status;
        if (!loaded) {
            status = ClientStatus.DOWN;
        } else if (fromSnapshot || !connected && lastError != null) {
            status = ClientStatus.STALE;
        } else {
            status = ClientStatus.UP;
        }
        EffectiveConfiguration inForce = current;
        return new ClientHealth(
                status,
                inForce.revision(),
                fromSnapshot,
                connected,
                loaded ? inForce.appliedAt() : null,
                eventsReceived.get(),
                fallbacks.get(),
                listenerFailures.get(),
                lastError);
    }

    /** Stops push and polling; the snapshot stays for the next start. */
    @Override
    public void close() {
        push.stop();
        worker.shutdownNow();
    }

    private void initialLoad() {
        try {
            ServiceApi.Fetched fetched = api.fetch(0);
            current =
                    new EffectiveConfiguration(
                            settings.serviceId(),
                            settings.environment(),
                            fetched.revision(),
                            fetched.document(),
                            clock.instant());
            loaded = true;
            writeSnapshot(current);
            return;
        } catch (ConfigServiceException e) {
            if (!e.unavailable()) {
                throw e;
            }
            lastError = e.getMessage();
            Optional<EffectiveConfiguration> snapshot = readSnapshot();
            if (snapshot.isPresent()) {
                fallbacks.incrementAndGet();
                current = snapshot.get();
                loaded = true;
                fromSnapshot = true;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Config service unreachable ({0}); starting {1}/{2} from the "
                                + "snapshot {3} at revision {4}, written {5}; catching up when the service returns",
                        e.getMessage(),
                        settings.serviceId(),
                        settings.environment(),
                        snapshots.file(),
                        current.revision(),
                        current.appliedAt());
                return;
            }
            if (!settings.optional()) {
                throw new ConfigServiceException(
                        "the config service is unreachable and there is no snapshot of "
                                + settings.serviceId()
                                + "/"
                                + settings.environment()
                                + (snapshots == null
                                        ? " (no snapshot directory set)"
                                        : " at " + snapshots.file())
                                + ": "
                                + e.getMessage(),
                        e.status(),
                        e.code(),
                        e);
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Config service unreachable ({0}) and no snapshot; starting {1}/{2} "
                            + "with an empty configuration (optional) until the service returns",
                    e.getMessage(),
                    settings.serviceId(),
                    settings.environment());
        }
    }

    private Optional<EffectiveConfiguration> readSnapshot() {
        if (snapshots == null) {
            return Optional.empty();
        }
        try {
            return snapshots.read(settings.serviceId(), settings.environment());
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Config service snapshot ignored: {0}",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Conditional read; applies whatever is newer than the revision in force. */
    private void poll() {
        try {
            if (fromSnapshot || !loaded) {
                catchUp();
                return;
            }
            ServiceApi.Fetched fetched = api.fetch(current.revision());
            lastError = null;
            if (!fetched.notModified() && fetched.revision() > current.revision()) {
                apply(fetched.revision(), fetched.document(), null);
            }
        } catch (ConfigServiceException e) {
            failed("poll", e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Config service poll failed", e);
        }
    }

    /**
     * Applies every effective change after the revision in force, in order, from the change feed;
     * reads the whole configuration when the feed no longer reaches back, the client has nothing
     * yet, or a change cannot be patched.
     */
    private void catchUp() {
        if (!loaded) {
            ServiceApi.Fetched fetched = api.fetch(0);
            apply(fetched.revision(), fetched.document(), null);
            return;
        }
        try {
            ServiceApi.Feed feed;
            do {
                feed = api.changesSince(current.revision());
                for (ServiceApi.Change change : feed.changes()) {
                    if (change.revision() <= current.revision()) {
                        continue;
                    }
                    if (!patch(change.revision(), change.changes())) {
                        reload();
                        return;
                    }
                }
            } while (!feed.changes().isEmpty() && current.revision() < feed.currentRevision());
            confirmed();
        } catch (ServiceApi.ResyncRequired e) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Config service: {0}; reading the whole configuration",
                    e.getMessage());
            reload();
        }
    }

    private void reload() {
        ServiceApi.Fetched fetched = api.fetch(0);
        apply(fetched.revision(), fetched.document(), null);
    }

    /**
     * Applies one revision's diff to the configuration in force; false when it cannot be patched.
     */
    private boolean patch(long revision, List<PathChange> changes) {
        Optional<tools.jackson.databind.node.ObjectNode> patched =
                DocumentPatch.apply(current.document(), changes);
        if (patched.isEmpty()) {
            return false;
        }
        apply(
                revision,
                patched.get(),
                changes.stream().map(PathChange::path).collect(Collectors.toSet()));
        return true;
    }

    /**
     * Makes a configuration the one in force (unless it is not newer), writes the snapshot and
     * calls the listeners.
     *
     * @param changedPaths the diff's paths when known, else computed against the configuration in
     *     force
     */
    private void apply(
            long revision,
            tools.jackson.databind.node.@Nullable ObjectNode document,
            @Nullable Set<String> changedPaths) {
        if (document == null) {
            return;
        }
        EffectiveConfiguration previous = current;
        if (loaded && revision <= previous.revision()) {
            confirmed();
            return;
        }
        EffectiveConfiguration next =
                new EffectiveConfiguration(
                        settings.serviceId(),
                        settings.environment(),
                        revision,
                        document,
                        clock.instant());
        Set<String> paths =
                changedPaths != null
                        ? changedPaths
                        : DocumentPatch.changedPaths(previous.document(), document);
        current = next;
        loaded = true;
        confirmed();
        writeSnapshot(next);
        notifyListeners(new ConfigurationUpdate(previous, next, paths));
    }

    private void confirmed() {
        fromSnapshot = false;
        lastError = null;
    }

    private void writeSnapshot(EffectiveConfiguration configuration) {
        if (snapshots == null) {
            return;
        }
        try {
            snapshots.write(configuration);
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Config service snapshot not written to {0}: {1}",
                    snapshots.file(),
                    e.toString());
        }
    }

    private void notifyListeners(ConfigurationUpdate update) {
        for (ConfigurationListener listener : listeners) {
            isolated(
                    () -> listener.configurationChanged(update),
                    "Config service listener "
                            + listener
                            + " failed on revision "
                            + update.current().revision()
                            + "; it keeps what it had");
        }
    }

    /**
     * Runs one listener call; a failure is logged and counted and does not reach the caller or
     * other listeners.
     */
    private void isolated(Runnable call, String failure) {
        try {
            call.run();
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, failure, e);
        }
    }

    private void failed(String what, ConfigServiceException e) {
        lastError = e.getMessage();
        LOG.log(
                System.Logger.Level.WARNING,
                "Config service {0} failed: {1}",
                what,
                e.getMessage());
    }

    private void onConfigurationChanged(JsonNode data, Runnable acknowledge) {
        long revision = data.path("revision").asLong();
        try {
            if (loaded && !fromSnapshot && revision == current.revision() + 1) {
                List<PathChange> changes =
                        data.path("changes").valueStream().map(PathChange::of).toList();
                if (!patch(revision, changes)) {
                    reload();
                }
            } else if (revision > current.revision() || fromSnapshot || !loaded) {
                catchUp();
            }
            acknowledge.run();
        } catch (ConfigServiceException e) {
            failed("catch-up after event of revision " + revision, e);
        }
    }

    private void onCredentialRotated(JsonNode data, Runnable acknowledge) {
        String key = data.path("credentialKey").asString();
        List<CredentialRotationListener> forKey = rotationListeners.get(key);
        if (forKey != null && !forKey.isEmpty()) {
            CredentialValue value;
            try {
                value = api.credential(key);
            } catch (ConfigServiceException e) {
                failed("credential read after its rotation", e);
                return;
            }
            for (CredentialRotationListener listener : forKey) {
                isolated(
                        () -> listener.credentialRotated(value),
                        "Credential rotation listener " + listener + " failed for " + key);
            }
        }
        acknowledge.run();
    }

    private final class PushHandler implements PushChannel.Handler {

        @Override
        public void subscribed() {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Config service push channel subscribed to {0}",
                    push.configurationTopic());
            worker.execute(
                    () -> {
                        try {
                            catchUp();
                        } catch (ConfigServiceException e) {
                            failed("catch-up after connecting", e);
                        }
                    });
        }

        @Override
        public void message(String destination, JsonNode message, Runnable acknowledge) {
            eventsReceived.incrementAndGet();
            String type = message.path("type").asString();
            JsonNode data = message.path("data");
            if (CONFIGURATION_CHANGED.equals(type)
                    && destination.equals(push.configurationTopic())) {
                worker.execute(() -> onConfigurationChanged(data, acknowledge));
            } else if (CREDENTIAL_ROTATED.equals(type)
                    && destination.equals(push.credentialTopic())) {
                worker.execute(() -> onCredentialRotated(data, acknowledge));
            } else {
                worker.execute(acknowledge);
            }
        }

        @Override
        public void disconnected(String reason) {
            lastError = "push channel: " + reason;
        }
    }
}
