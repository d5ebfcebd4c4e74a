package io.configservice.configuration;

import static io.configservice.configuration.effective.EffectiveConfigurationService.notFound;

import io.configservice.audit.AccessAuditRecorder;
import io.configservice.audit.ConfigurationAccess;
import io.configservice.audit.RequestOrigin;
import io.configservice.cache.CachedConfiguration;
import io.configservice.cache.ConfigurationCache;
import io.configservice.cache.ConfigurationRead;
import io.configservice.cache.Utf8Json;
import io.configservice.configuration.document.ConfigurationDiff;
import io.configservice.configuration.document.JsonDocuments;
import io.configservice.configuration.document.JsonPathEditor;
import io.configservice.configuration.document.KeyPath;
import io.configservice.configuration.history.ChangeFeed;
import io.configservice.configuration.history.ConfigurationHistory;
import io.configservice.configuration.history.ConfigurationHistoryRepository;
import io.configservice.configuration.history.ConfigurationVersion;
import io.configservice.configuration.history.ConfigurationVersionRepository;
import io.configservice.configuration.history.VersionSummary;
import io.configservice.environment.EnvironmentService;
import io.configservice.identifiers.ServiceIds;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.configservice.web.PageLimit;
import io.configservice.web.PagedResponse.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves configurations. Reads go through the cache and open no transaction, so a cache hit touches
 * no database connection; every read is recorded by the asynchronous access audit.
 */
@Service
public class ConfigurationQueryService {

    static final String LATEST = "latest";
    private static final int MAX_BATCH_KEYS = 100;

    private final ConfigurationVersionRepository versions;
    private final ConfigurationHistoryRepository history;
    private final ConfigurationCache cache;
    private final EnvironmentService environments;
    private final AccessAuditRecorder accessAudit;
    private final SecretReferenceResolver secrets;
    private final JsonMapper json;
    private final Clock clock;

    public ConfigurationQueryService(
            ConfigurationVersionRepository versions,
            ConfigurationHistoryRepository history,
            ConfigurationCache cache,
            EnvironmentService environments,
            AccessAuditRecorder accessAudit,
            SecretReferenceResolver secrets,
            JsonMapper json,
            Clock clock) {
        this.versions = versions;
        this.history = history;
        this.cache = cache;
        this.environments = environments;
        this.accessAudit = accessAudit;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The configuration of a service in an environment, at a version or the latest.
     *
     * @throws ApiException {@code INVALID_REQUEST} for a bad service id, environment or version,
     *     {@code AUTHORIZATION_ERROR} for another service's token, {@code NOT_FOUND} when there is
     *     no such version
     */
    public ConfigurationRead read(
            Caller caller,
            String serviceId,
            String environment,
            @Nullable String version,
            RequestOrigin origin) {
        ConfigurationRead read = resolve(caller, serviceId, environment, version);
        audit(caller, serviceId, environment, read, null, origin);
        return read;
    }

    /**
     * Like {@link #read}, with every {@code ${credential:KEY}} reference replaced by the
     * credential's current value. Each distinct key is one credential read (checked and audited as
     * one), however often the document references it; the resolved document is never cached.
     *
     * @throws ApiException {@code INVALID_REQUEST} naming {@code
     *     configservice.max-secret-references} when the document references more distinct
     *     credentials, before any is read; {@code AUTHORIZATION_ERROR} for the whole request when
     *     any reference names a credential this caller may not read (or one that does not exist:
     *     the answer does not tell which)
     */
    public ConfigurationRead readResolvingSecrets(
            Caller caller,
            String serviceId,
            String environment,
            @Nullable String version,
            RequestOrigin origin) {
        ConfigurationRead read = read(caller, serviceId, environment, version, origin);
        JsonNode resolved =
                secrets.resolve(
                        caller, serviceId, json.readTree(read.entry().data().text()), origin);
        return new ConfigurationRead(
                new CachedConfiguration(
                        read.entry().version(),
                        Utf8Json.of(json.writeValueAsString(resolved)),
                        read.entry().meta(),
                        null),
                read.cached());
    }

    /** The document itself, for export; recorded like any read. */
    public ObjectNode readDocument(
            Caller caller,
            String serviceId,
            String environment,
            @Nullable String version,
            RequestOrigin origin) {
        return (ObjectNode)
                json.readTree(
                        read(caller, serviceId, environment, version, origin)
                                .entry()
                                .data()
                                .text());
    }

    public KeyValue readKey(
            Caller caller, String serviceId, String environment, String key, RequestOrigin origin) {
        KeyPath path = KeyPath.parse(key);
        ConfigurationRead read = resolve(caller, serviceId, environment, null);
        audit(caller, serviceId, environment, read, key, origin);
        JsonNode value =
                JsonPathEditor.get(json.readTree(read.entry().data().text()), path)
                        .orElseThrow(() -> JsonPathEditor.keyNotFound(path));
        return new KeyValue(key, value);
    }

    public BatchGetResult readKeys(
            Caller caller,
            String serviceId,
            String environment,
            String keys,
            RequestOrigin origin) {
        List<KeyPath> paths = parseKeys(keys);
        ConfigurationRead read = resolve(caller, serviceId, environment, null);
        audit(caller, serviceId, environment, read, keys, origin);
        JsonNode document = json.readTree(read.entry().data().text());
        Map<String, JsonNode> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (KeyPath path : paths) {
            JsonPathEditor.get(document, path)
                    .ifPresentOrElse(
                            value -> values.put(path.text(), value),
                            () -> missing.add(path.text()));
        }
        return new BatchGetResult(read.entry().version(), values, missing);
    }

    /** Version history, newest first, {@code limit} entries after the cursor. */
    public Page<VersionSummary> history(
            Caller caller,
            String serviceId,
            String environment,
            int limit,
            @Nullable String cursor) {
        checkAccess(caller, serviceId, environment);
        PageLimit.require(limit);
        int before = cursor == null ? Integer.MAX_VALUE : decodeCursor(cursor);
        List<ConfigurationHistory> rows =
                history.findByServiceIdAndEnvironmentAndVersionLessThanOrderByVersionDesc(
                        serviceId, environment, before, Limit.of(limit + 1));
        if (rows.isEmpty() && cursor == null) {
            throw notFound(serviceId, environment);
        }
        List<VersionSummary> page = rows.stream().limit(limit).map(VersionSummary::from).toList();
        String next =
                rows.size() > limit ? encodeCursor(page.get(page.size() - 1).version()) : null;
        return new Page<>(page, next);
    }

    /**
     * The changes after {@code sinceVersion}, oldest first, so a client that missed events can
     * catch up.
     *
     * @throws ApiException {@code RESYNC_REQUIRED} when history no longer reaches back to that
     *     version
     */
    public ChangeFeed changesSince(
            Caller caller, String serviceId, String environment, int sinceVersion) {
        checkAccess(caller, serviceId, environment);
        if (sinceVersion < 0) {
            throw ApiException.invalidRequest("sinceVersion must be 0 or more");
        }
        int current =
                versions.findFirstByServiceIdAndEnvironmentAndActiveTrueOrderByVersionDesc(
                                serviceId, environment)
                        .map(ConfigurationVersion::version)
                        .orElseThrow(() -> notFound(serviceId, environment));
        int earliest =
                history.findFirstByServiceIdAndEnvironmentOrderByVersionAsc(serviceId, environment)
                        .map(ConfigurationHistory::version)
                        .orElse(current);
        if (sinceVersion < current && sinceVersion + 1 < earliest) {
            throw new ApiException(
                    ErrorCode.RESYNC_REQUIRED,
                    "History of '"
                            + serviceId
                            + "' no longer reaches back to"
                            + " version "
                            + sinceVersion
                            + "; read the current configuration",
                    Map.of("currentVersion", current));
        }
        List<ChangeFeed.Change> changes =
                history
                        .findByServiceIdAndEnvironmentAndVersionGreaterThanOrderByVersionAsc(
                                serviceId, environment, sinceVersion, Limit.of(PageLimit.MAX))
                        .stream()
                        .map(
                                row ->
                                        new ChangeFeed.Change(
                                                row.version(),
                                                row.changeType(),
                                                row.changedBy(),
                                                row.changedAt(),
                                                row.changeReason(),
                                                json.readTree(row.changes())))
                        .toList();
        return new ChangeFeed(current, changes);
    }

    private ConfigurationRead resolve(
            Caller caller, String serviceId, String environment, @Nullable String version) {
        checkAccess(caller, serviceId, environment);
        String versionKey =
                version == null || version.equals(LATEST)
                        ? LATEST
                        : Integer.toString(parseVersion(version));
        String key = ConfigurationCache.key(serviceId, environment, versionKey);
        Optional<CachedConfiguration> hit = cache.get(key);
        if (hit.isPresent()) {
            return new ConfigurationRead(hit.get(), true);
        }
        ConfigurationVersion stored =
                versionKey.equals(LATEST)
                        ? versions.findFirstByServiceIdAndEnvironmentAndActiveTrueOrderByVersionDesc(
                                        serviceId, environment)
                                .orElseThrow(() -> notFound(serviceId, environment))
                        : version(serviceId, environment, Integer.parseInt(versionKey));
        String canonical = JsonDocuments.canonical(json, json.readTree(stored.configurationData()));
        CachedConfiguration entry =
                ConfigurationEntries.of(
                        json,
                        stored.serviceId(),
                        stored.environment(),
                        stored.version(),
                        canonical,
                        stored.checksum(),
                        stored.createdAt(),
                        stored.updatedBy());
        cache.putIfNewer(key, entry);
        return new ConfigurationRead(entry, false);
    }

    /**
     * The differences between two versions, as dot-path changes or, with {@code jsonPatch}, RFC
     * 6902 operations.
     *
     * @throws ApiException {@code NOT_FOUND} or {@code VERSION_PRUNED} for a version that is not
     *     there
     */
    public List<?> diff(
            Caller caller,
            String serviceId,
            String environment,
            int from,
            int to,
            boolean jsonPatch) {
        checkAccess(caller, serviceId, environment);
        ObjectNode before =
                (ObjectNode)
                        json.readTree(version(serviceId, environment, from).configurationData());
        ObjectNode after =
                (ObjectNode) json.readTree(version(serviceId, environment, to).configurationData());
        return jsonPatch
                ? ConfigurationDiff.jsonPatch(before, after)
                : ConfigurationDiff.between(before, after);
    }

    private ConfigurationVersion version(String serviceId, String environment, int version) {
        return versions.findByServiceIdAndEnvironmentAndVersion(serviceId, environment, version)
                .orElseThrow(
                        () ->
                                missingVersion(
                                        serviceId,
                                        environment,
                                        version,
                                        versions.findFirstByServiceIdAndEnvironmentAndActiveTrueOrderByVersionDesc(
                                                        serviceId, environment)
                                                .map(ConfigurationVersion::version)
                                                .orElseThrow(
                                                        () -> notFound(serviceId, environment))));
    }

    /**
     * Versions are numbered without gaps, so a missing version below the current one was removed by
     * retention.
     */
    static ApiException missingVersion(
            String serviceId, String environment, int version, int currentVersion) {
        String name =
                "Version "
                        + version
                        + " of configuration '"
                        + serviceId
                        + "' in environment '"
                        + environment
                        + "'";
        return version < currentVersion
                ? new ApiException(
                        ErrorCode.VERSION_PRUNED,
                        name + " was removed by retention",
                        Map.of("currentVersion", currentVersion))
                : ApiException.notFound(name + " does not exist");
    }

    private void checkAccess(Caller caller, String serviceId, String environment) {
        ServiceIds.require(serviceId);
        environments.requireExists(environment);
        caller.requireReadConfiguration(serviceId);
    }

    private void audit(
            Caller caller,
            String serviceId,
            String environment,
            ConfigurationRead read,
            @Nullable String keyPath,
            RequestOrigin origin) {
        accessAudit.record(
                new ConfigurationAccess(
                        serviceId,
                        environment,
                        read.entry().version(),
                        keyPath,
                        caller.actor(),
                        origin.ipAddress(),
                        origin.userAgent(),
                        read.cached(),
                        clock.instant()));
    }

    private static int parseVersion(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidRequest("version must be 'latest' or a positive integer");
    }

    private static List<KeyPath> parseKeys(String keys) {
        List<KeyPath> paths = new ArrayList<>();
        for (String key : keys.split(",")) {
            if (!key.isBlank()) {
                paths.add(KeyPath.parse(key.trim()));
            }
        }
        if (paths.isEmpty() || paths.size() > MAX_BATCH_KEYS) {
            throw ApiException.invalidRequest(
                    "keys must list 1 to " + MAX_BATCH_KEYS + " comma-separated keys");
        }
        return paths;
    }

    private static String encodeCursor(int version) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("v:" + version).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(String cursor) {
        try {
            String decoded =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("v:")) {
                return Integer.parseInt(decoded.substring(2));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalidRequest("cursor is invalid");
    }
}
