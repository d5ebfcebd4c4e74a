package io.configservice.configuration.effective;

import io.configservice.audit.AccessAuditRecorder;
import io.configservice.audit.ConfigurationAccess;
import io.configservice.audit.RequestOrigin;
import io.configservice.cache.CachedConfiguration;
import io.configservice.cache.ConfigurationCache;
import io.configservice.cache.ConfigurationRead;
import io.configservice.configuration.history.ConfigurationVersion;
import io.configservice.configuration.history.ConfigurationVersionRepository;
import io.configservice.environment.EnvironmentService;
import io.configservice.identifiers.ServiceIds;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.configservice.web.PageLimit;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves effective configurations (inheritance and overrides applied). Reads are served from the
 * stored effective configuration ({@link EffectiveMaterializer}) through the shared cache and open
 * no transaction on a hit; with {@code explain} the configuration is resolved from the database to
 * tell which layer supplied each value. A pair whose row predates stored effective configurations
 * gets it on its first read, under the service's lock.
 */
@Service
public class EffectiveConfigurationService {

    private final EnvironmentService environments;
    private final EffectiveStore store;
    private final EffectiveMaterializer materializer;
    private final ConfigurationVersionRepository versions;
    private final ConfigurationCache cache;
    private final AccessAuditRecorder accessAudit;
    private final JsonMapper json;
    private final Clock clock;

    public EffectiveConfigurationService(
            EnvironmentService environments,
            EffectiveStore store,
            EffectiveMaterializer materializer,
            ConfigurationVersionRepository versions,
            ConfigurationCache cache,
            AccessAuditRecorder accessAudit,
            JsonMapper json,
            Clock clock) {
        this.environments = environments;
        this.store = store;
        this.materializer = materializer;
        this.versions = versions;
        this.cache = cache;
        this.accessAudit = accessAudit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The stored effective configuration, from the cache when it holds it; recorded in the access
     * audit.
     *
     * @throws ApiException {@code NOT_FOUND} when no layer holds a document of the service
     */
    public EffectiveRead read(
            Caller caller, String serviceId, String environment, RequestOrigin origin) {
        checkAccess(caller, serviceId, environment);
        String key = EffectiveEntries.key(serviceId, environment);
        Optional<CachedConfiguration> hit = cache.get(key);
        CachedConfiguration entry;
        if (hit.isPresent()) {
            entry = hit.get();
        } else {
            Optional<StoredEffective> row =
                    store.find(serviceId, environment)
                            .or(() -> materializer.materialize(serviceId, environment));
            if (row.isEmpty()) {
                throw notFound(serviceId, environment);
            }
            entry = EffectiveEntries.of(json, row.get());
            cache.putIfNewer(key, entry);
        }
        if (entry.data().equals(EffectiveEntries.ABSENT)) {
            throw notFound(serviceId, environment);
        }
        accessAudit.record(
                new ConfigurationAccess(
                        serviceId,
                        environment,
                        null,
                        null,
                        caller.actor(),
                        origin.ipAddress(),
                        origin.userAgent(),
                        hit.isPresent(),
                        clock.instant()));
        return new EffectiveRead(
                new ConfigurationRead(entry, hit.isPresent()),
                EffectiveEntries.revision(json, entry));
    }

    /**
     * The effective configuration resolved from the database now, with the layer that supplied each
     * value.
     *
     * @throws ApiException {@code NOT_FOUND} when no layer holds a document of the service
     */
    @Transactional(readOnly = true)
    public EffectiveConfiguration explain(
            Caller caller, String serviceId, String environment, RequestOrigin origin) {
        checkAccess(caller, serviceId, environment);
        EffectiveResolver resolver = materializer.resolver(environments.definitions(), serviceId);
        if (!resolver.hasConfiguration(environment)) {
            throw notFound(serviceId, environment);
        }
        accessAudit.record(
                new ConfigurationAccess(
                        serviceId,
                        environment,
                        null,
                        null,
                        caller.actor(),
                        origin.ipAddress(),
                        origin.userAgent(),
                        false,
                        clock.instant()));
        return new EffectiveConfiguration(
                serviceId,
                environment,
                resolver.configuration(environment),
                resolver.explain(environment));
    }

    /**
     * The effective configuration as it is with the service's own document in this environment at
     * {@code version} (its parents and the environment's overrides as they are now), resolved from
     * the database; recorded in the access audit with that version.
     *
     * @throws ApiException {@code NOT_FOUND} when the environment holds no such version of the
     *     service's document (never written, or removed by retention)
     */
    @Transactional(readOnly = true)
    public ObjectNode readWithOwnVersion(
            Caller caller,
            String serviceId,
            String environment,
            int version,
            RequestOrigin origin) {
        checkAccess(caller, serviceId, environment);
        ConfigurationVersion pinned =
                versions.findByServiceIdAndEnvironmentAndVersion(serviceId, environment, version)
                        .orElseThrow(
                                () ->
                                        ApiException.notFound(
                                                "Version "
                                                        + version
                                                        + " of configuration '"
                                                        + serviceId
                                                        + "' in environment '"
                                                        + environment
                                                        + "' does not exist"));
        ObjectNode configuration =
                materializer
                        .resolver(environments.definitions(), pinned)
                        .configuration(environment);
        accessAudit.record(
                new ConfigurationAccess(
                        serviceId,
                        environment,
                        version,
                        null,
                        caller.actor(),
                        origin.ipAddress(),
                        origin.userAgent(),
                        false,
                        clock.instant()));
        return configuration;
    }

    /**
     * The effective changes after {@code sinceRevision}, oldest first, so a client that missed
     * events can catch up.
     *
     * @throws ApiException {@code RESYNC_REQUIRED} when the change log no longer reaches back to
     *     that revision, {@code NOT_FOUND} when the pair never had an effective configuration
     */
    public EffectiveChangeFeed changesSince(
            Caller caller, String serviceId, String environment, long sinceRevision) {
        checkAccess(caller, serviceId, environment);
        if (sinceRevision < 0) {
            throw ApiException.invalidRequest("sinceRevision must be 0 or more");
        }
        long current =
                store.find(serviceId, environment)
                        .or(() -> materializer.materialize(serviceId, environment))
                        .map(StoredEffective::revision)
                        .orElseThrow(() -> notFound(serviceId, environment));
        if (sinceRevision < current) {
            Long earliest = store.earliestChange(serviceId, environment);
            if (earliest == null || sinceRevision + 1 < earliest) {
                throw new ApiException(
                        ErrorCode.RESYNC_REQUIRED,
                        "Effective changes of '"
                                + serviceId
                                + "' in '"
                                + environment
                                + "' no longer reach back to revision "
                                + sinceRevision
                                + "; read the effective configuration again",
                        Map.of("currentRevision", current));
            }
        }
        List<EffectiveChangeFeed.EffectiveChange> changes =
                store.changesAfter(serviceId, environment, sinceRevision, PageLimit.MAX).stream()
                        .map(
                                row ->
                                        new EffectiveChangeFeed.EffectiveChange(
                                                row.revision(),
                                                json.readValue(row.cause(), EffectiveCause.class),
                                                row.createdAt(),
                                                json.readTree(row.changes())))
                        .toList();
        return new EffectiveChangeFeed(current, changes);
    }

    /**
     * The answer for a service without a configuration in an environment, the same for the
     * effective configuration and for the service's own document.
     */
    public static ApiException notFound(String serviceId, String environment) {
        return ApiException.notFound(
                "No configuration for service '"
                        + serviceId
                        + "' in environment '"
                        + environment
                        + "'");
    }

    private void checkAccess(Caller caller, String serviceId, String environment) {
        ServiceIds.require(serviceId);
        environments.requireExists(environment);
        caller.requireReadConfiguration(serviceId);
    }
}
