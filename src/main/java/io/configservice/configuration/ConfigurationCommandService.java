package io.configservice.configuration;

import io.configservice.cache.CachedConfiguration;
import io.configservice.cache.ConfigurationCache;
import io.configservice.environment.EnvironmentService;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes configurations. Each write is one transaction: it takes the configuration's write lock, reads the current
 * version, computes the next document, and stores the new version with its history row, or nothing at all. A write
 * that changes nothing makes no new version. After commit the new version is written through to the cache.
 */
@Service
public class ConfigurationCommandService {

    private final ConfigurationVersionRepository versions;
    private final ConfigurationHistoryRepository history;
    private final ConfigurationCache cache;
    private final EnvironmentService environments;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxDepth;

    public ConfigurationCommandService(ConfigurationVersionRepository versions, ConfigurationHistoryRepository history,
            ConfigurationCache cache, EnvironmentService environments, JsonMapper json, Clock clock,
            @Value("${configservice.max-document-depth}") int maxDepth) {
        this.versions = versions;
        this.history = history;
        this.cache = cache;
        this.environments = environments;
        this.json = json;
        this.clock = clock;
        this.maxDepth = maxDepth;
    }

    /** @throws ApiException {@code ALREADY_EXISTS} when the configuration exists */
    @Transactional
    public WriteResult create(Caller caller, String serviceId, String environment, JsonNode configuration,
            @Nullable String reason) {
        ObjectNode document = JsonDocuments.requireDocument(configuration, maxDepth, "configuration");
        lock(caller, serviceId, environment);
        if (current(serviceId, environment).isPresent()) {
            throw new ApiException(ErrorCode.ALREADY_EXISTS, "Configuration for service '" + serviceId
                    + "' in environment '" + environment + "' already exists; use PUT or PATCH to change it");
        }
        return store(caller, serviceId, environment, null, document, ChangeType.CREATE, reason, null);
    }

    @Transactional
    public WriteResult replace(Caller caller, String serviceId, String environment, JsonNode configuration,
            @Nullable String reason) {
        ObjectNode document = JsonDocuments.requireDocument(configuration, maxDepth, "configuration");
        return change(caller, serviceId, environment, ChangeType.UPDATE, reason, current -> document);
    }

    /** Applies an RFC 7396 merge patch to the current document. */
    @Transactional
    public WriteResult mergePatch(Caller caller, String serviceId, String environment, JsonNode patch,
            @Nullable String reason) {
        ObjectNode patchDocument = JsonDocuments.requireDocument(patch, maxDepth, "merge patch");
        return change(caller, serviceId, environment, ChangeType.UPDATE, reason,
                current -> MergePatch.apply(current, patchDocument));
    }

    /** @throws ApiException {@code KEY_NOT_FOUND} when the key is not in the current document */
    @Transactional
    public WriteResult deleteKey(Caller caller, String serviceId, String environment, String key,
            @Nullable String reason) {
        KeyPath path = KeyPath.parse(key);
        return change(caller, serviceId, environment, ChangeType.DELETE, reason,
                current -> JsonPathEditor.remove(current, path));
    }

    /**
     * Applies every operation to the current document and stores the result as one version.
     *
     * @throws ApiException {@code BATCH_FAILED} with each operation's result when any operation fails; nothing is
     *     stored then
     */
    @Transactional
    public WriteResult batch(Caller caller, String serviceId, String environment, List<BatchOperation> operations,
            @Nullable String reason) {
        return change(caller, serviceId, environment, ChangeType.BATCH, reason,
                current -> BatchApplier.apply(current, operations));
    }

    /** Makes a new version whose document equals the given earlier version. */
    @Transactional
    public WriteResult rollback(Caller caller, String serviceId, String environment, int version,
            @Nullable String reason) {
        lock(caller, serviceId, environment);
        ConfigurationVersion current = current(serviceId, environment)
                .orElseThrow(() -> ConfigurationQueryService.notFound(serviceId, environment));
        ConfigurationVersion source = versions.findByServiceIdAndEnvironmentAndVersion(serviceId, environment, version)
                .orElseThrow(() -> ApiException.notFound("Configuration '" + serviceId + "' has no version " + version
                        + " in environment '" + environment + "'"));
        return store(caller, serviceId, environment, current, document(source), ChangeType.ROLLBACK, reason, source);
    }

    private WriteResult change(Caller caller, String serviceId, String environment, ChangeType type,
            @Nullable String reason, UnaryOperator<ObjectNode> edit) {
        lock(caller, serviceId, environment);
        ConfigurationVersion current = current(serviceId, environment)
                .orElseThrow(() -> ConfigurationQueryService.notFound(serviceId, environment));
        ObjectNode next = edit.apply(document(current));
        JsonDocuments.requireDepth(next, maxDepth);
        return store(caller, serviceId, environment, current, next, type, reason, null);
    }

    private WriteResult store(Caller caller, String serviceId, String environment,
            @Nullable ConfigurationVersion current, ObjectNode next, ChangeType type, @Nullable String reason,
            @Nullable ConfigurationVersion rollbackSource) {
        ObjectNode before = current == null ? JsonPathEditor.emptyDocument() : document(current);
        List<ConfigurationChange> changes = ConfigurationDiff.between(before, next);
        if (current != null && changes.isEmpty()) {
            return new WriteResult(serviceId, environment, current.version(), current.checksum(), changes);
        }
        String canonical = JsonDocuments.canonical(json, next);
        String checksum = JsonDocuments.checksum(canonical);
        int nextVersion = current == null ? 1 : current.version() + 1;
        Instant now = clock.instant();
        ConfigurationVersion stored = versions.save(new ConfigurationVersion(serviceId, environment, nextVersion,
                canonical, checksum, caller.actor(), now));
        history.save(new ConfigurationHistory(stored, type, ConfigurationDiff.changedKeys(changes),
                json.writeValueAsString(changes), reason, rollbackSource));
        CachedConfiguration entry = ConfigurationEntries.of(json, serviceId, environment, nextVersion, canonical,
                checksum, now, caller.actor());
        writeThroughAfterCommit(ConfigurationCache.key(serviceId, environment, ConfigurationQueryService.LATEST), entry);
        return new WriteResult(serviceId, environment, nextVersion, checksum, changes);
    }

    private void lock(Caller caller, String serviceId, String environment) {
        ServiceIds.require(serviceId);
        environments.requireExists(environment);
        caller.requireAccessTo(serviceId);
        versions.lockForWrite(serviceId + ":" + environment);
    }

    private Optional<ConfigurationVersion> current(String serviceId, String environment) {
        return versions.findFirstByServiceIdAndEnvironmentAndActiveTrueOrderByVersionDesc(serviceId, environment);
    }

    private ObjectNode document(ConfigurationVersion version) {
        return (ObjectNode) json.readTree(version.configurationData());
    }

    private void writeThroughAfterCommit(String key, CachedConfiguration entry) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.putIfNewer(key, entry);
            }
        });
    }

    /** Applies batch operations in order, collecting each one's result. */
    private static final class BatchApplier {

        static ObjectNode apply(ObjectNode current, List<BatchOperation> operations) {
            ObjectNode working = current;
            List<BatchOperationResult> results = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < operations.size(); i++) {
                BatchOperation operation = operations.get(i);
                String id = operation.id() == null ? Integer.toString(i) : operation.id();
                try {
                    working = applyOne(working, operation);
                    results.add(new BatchOperationResult(id, true, null));
                } catch (ApiException e) {
                    failed = true;
                    results.add(new BatchOperationResult(id, false, e.getMessage()));
                }
            }
            if (failed) {
                throw new ApiException(ErrorCode.BATCH_FAILED,
                        "At least one batch operation failed; nothing was applied", results);
            }
            return working;
        }

        private static ObjectNode applyOne(ObjectNode document, BatchOperation operation) {
            if (operation.key() == null) {
                throw ApiException.invalidRequest("key is required");
            }
            KeyPath path = KeyPath.parse(operation.key());
            if ("SET".equals(operation.type())) {
                if (operation.value() == null) {
                    throw ApiException.invalidRequest("value is required for SET");
                }
                return JsonPathEditor.set(document, path, operation.value());
            }
            if ("DELETE".equals(operation.type())) {
                return JsonPathEditor.remove(document, path);
            }
            throw ApiException.invalidRequest("type must be SET or DELETE");
        }
    }
}
