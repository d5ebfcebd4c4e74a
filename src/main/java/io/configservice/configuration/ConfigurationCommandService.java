package io.configservice.configuration;

import io.configservice.audit.AuditService;
import io.configservice.cache.CachedConfiguration;
import io.configservice.cache.ConfigurationCache;
import io.configservice.configuration.document.BatchApplier;
import io.configservice.configuration.document.BatchOperation;
import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.configuration.document.ConfigurationDiff;
import io.configservice.configuration.document.JsonDocuments;
import io.configservice.configuration.document.JsonPathEditor;
import io.configservice.configuration.document.KeyPath;
import io.configservice.configuration.document.MergePatch;
import io.configservice.configuration.effective.EffectiveCandidate;
import io.configservice.configuration.effective.EffectiveCause;
import io.configservice.configuration.effective.EffectiveConfigurationChanged;
import io.configservice.configuration.effective.EffectiveConfigurationService;
import io.configservice.configuration.effective.EffectiveMaterializer;
import io.configservice.configuration.effective.EffectiveProposal;
import io.configservice.configuration.effective.LockedService;
import io.configservice.configuration.effective.ProposedEffective;
import io.configservice.configuration.history.ChangeType;
import io.configservice.configuration.history.ConfigurationHistory;
import io.configservice.configuration.history.ConfigurationHistoryRepository;
import io.configservice.configuration.history.ConfigurationVersion;
import io.configservice.configuration.history.ConfigurationVersionRepository;
import io.configservice.configuration.schema.EffectiveSchemas;
import io.configservice.environment.AffectedEnvironment;
import io.configservice.environment.EnvironmentService;
import io.configservice.identifiers.ServiceIds;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.configservice.web.LimitProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes configurations. Each write is one transaction: it takes the service's lock and reads the
 * service's state once ({@link EffectiveMaterializer#lock}), checks the caller's expected version,
 * computes the next document, works out what it makes of the effective configurations of the
 * environment and its descendants and validates each one it changes against the service's JSON
 * Schema, and stores the new version with its history row, or nothing at all. A write that changes
 * nothing makes no new version. When any environment whose effective configuration the change
 * alters requires approval, the {@link ChangeApprovalGate} holds the change as a request instead,
 * and {@link #applyApproved} stores it once approved, if none of those effective configurations
 * moved meanwhile. Every stored version refreshes the service's effective configurations in the
 * same transaction ({@link EffectiveMaterializer}, which publishes an {@link
 * EffectiveConfigurationChanged} per environment whose effective content changed). After commit the
 * new version is written through to the cache.
 */
@Service
public class ConfigurationCommandService {

    private final ConfigurationVersionRepository versions;
    private final ConfigurationHistoryRepository history;
    private final ConfigurationCache cache;
    private final EnvironmentService environments;
    private final EffectiveSchemas schemas;
    private final WritePreconditions preconditions;
    private final AuditService audit;
    private final ChangeApprovalGate gate;
    private final EffectiveMaterializer effective;
    private final JsonMapper json;
    private final Clock clock;
    private final LimitProperties limits;

    public ConfigurationCommandService(
            ConfigurationVersionRepository versions,
            ConfigurationHistoryRepository history,
            ConfigurationCache cache,
            EnvironmentService environments,
            EffectiveSchemas schemas,
            WritePreconditions preconditions,
            AuditService audit,
            ChangeApprovalGate gate,
            EffectiveMaterializer effective,
            JsonMapper json,
            Clock clock,
            LimitProperties limits) {
        this.versions = versions;
        this.history = history;
        this.cache = cache;
        this.environments = environments;
        this.schemas = schemas;
        this.preconditions = preconditions;
        this.audit = audit;
        this.gate = gate;
        this.effective = effective;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * @throws ApiException {@code ALREADY_EXISTS} when the configuration exists
     */
    @Transactional
    public WriteOutcome create(WriteContext write, JsonNode configuration) {
        ObjectNode document =
                JsonDocuments.requireDocument(
                        configuration, limits.maxDocumentDepth(), "configuration");
        LockedService locked = lockAndLoad(write);
        if (locked.current(write.environment()).isPresent()) {
            throw new ApiException(
                    ErrorCode.ALREADY_EXISTS,
                    "Configuration for service '"
                            + write.serviceId()
                            + "' in environment '"
                            + write.environment()
                            + "' already exists; use PUT or PATCH to change it");
        }
        return store(write, locked, null, document, ChangeType.CREATE, null);
    }

    @Transactional
    public WriteOutcome replace(WriteContext write, JsonNode configuration) {
        ObjectNode document =
                JsonDocuments.requireDocument(
                        configuration, limits.maxDocumentDepth(), "configuration");
        return change(write, ChangeType.UPDATE, current -> document);
    }

    /** Creates the configuration when it does not exist yet, otherwise replaces it. */
    @Transactional
    public WriteOutcome createOrReplace(WriteContext write, JsonNode configuration) {
        return importDocument(write, configuration, false);
    }

    /**
     * Stores an imported document as one new version: it replaces the current document or, with
     * {@code merge}, is merged into it (RFC 7396). A configuration that does not exist yet is
     * created.
     */
    @Transactional
    public WriteOutcome importDocument(WriteContext write, JsonNode imported, boolean merge) {
        ObjectNode document =
                JsonDocuments.requireDocument(imported, limits.maxDocumentDepth(), "configuration");
        LockedService locked = lockAndLoad(write);
        Optional<ConfigurationVersion> current = locked.current(write.environment());
        if (current.isEmpty()) {
            return store(write, locked, null, document, ChangeType.CREATE, null);
        }
        preconditions.check(write, current.get().version());
        ObjectNode next = merge ? MergePatch.apply(document(current.get()), document) : document;
        return store(write, locked, current.get(), next, ChangeType.UPDATE, null);
    }

    /** Applies an RFC 7396 merge patch to the current document. */
    @Transactional
    public WriteOutcome mergePatch(WriteContext write, JsonNode patch) {
        ObjectNode patchDocument =
                JsonDocuments.requireDocument(patch, limits.maxDocumentDepth(), "merge patch");
        return change(
                write, ChangeType.UPDATE, current -> MergePatch.apply(current, patchDocument));
    }

    /**
     * @throws ApiException {@code KEY_NOT_FOUND} when the key is not in the current document
     */
    @Transactional
    public WriteOutcome deleteKey(WriteContext write, String key) {
        KeyPath path = KeyPath.parse(key);
        return change(write, ChangeType.DELETE, current -> JsonPathEditor.remove(current, path));
    }

    /**
     * Applies every operation to the current document and stores the result as one version.
     *
     * @throws ApiException {@code BATCH_FAILED} with each operation's result when any operation
     *     fails; nothing is stored then
     */
    @Transactional
    public WriteOutcome batch(WriteContext write, List<BatchOperation> operations) {
        return change(write, ChangeType.BATCH, current -> BatchApplier.apply(current, operations));
    }

    /**
     * Makes a new version whose document equals the given earlier version.
     *
     * @throws ApiException {@code NOT_FOUND} for a version that never existed, {@code
     *     VERSION_PRUNED} for one that retention removed
     */
    @Transactional
    public WriteOutcome rollback(WriteContext write, int version) {
        LockedService locked = lockAndLoad(write);
        ConfigurationVersion current =
                locked.current(write.environment())
                        .orElseThrow(
                                () ->
                                        EffectiveConfigurationService.notFound(
                                                write.serviceId(), write.environment()));
        preconditions.check(write, current.version());
        ConfigurationVersion source =
                versions.findByServiceIdAndEnvironmentAndVersion(
                                write.serviceId(), write.environment(), version)
                        .orElseThrow(
                                () ->
                                        ConfigurationQueryService.missingVersion(
                                                write.serviceId(),
                                                write.environment(),
                                                version,
                                                current.version()));
        return store(write, locked, current, document(source), ChangeType.ROLLBACK, source);
    }

    private WriteOutcome change(
            WriteContext write, ChangeType type, UnaryOperator<ObjectNode> edit) {
        LockedService locked = lockAndLoad(write);
        ConfigurationVersion current =
                locked.current(write.environment())
                        .orElseThrow(
                                () ->
                                        EffectiveConfigurationService.notFound(
                                                write.serviceId(), write.environment()));
        preconditions.check(write, current.version());
        ObjectNode next = edit.apply(document(current));
        JsonDocuments.requireDepth(next, limits.maxDocumentDepth());
        return store(write, locked, current, next, type, null);
    }

    /**
     * Applies a held change whose approval is complete, in the caller's transaction, if its base
     * version is still the current one. It is stored like any write (version, history, audit,
     * event), attributed to the requester.
     *
     * @return the new version, or empty when another version is current now or the effective
     *     configuration of an affected environment moved since the change was requested; nothing is
     *     stored then
     * @throws ApiException {@code VALIDATION_ERROR} when the service's schema now rejects an
     *     effective configuration the change would make
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<WriteResult> applyApproved(ApprovedChange change) {
        environments.requireExists(change.environment());
        LockedService locked = effective.lock(change.serviceId());
        Optional<ConfigurationVersion> current = locked.current(change.environment());
        if (!Objects.equals(
                current.map(ConfigurationVersion::version).orElse(null), change.baseVersion())) {
            return Optional.empty();
        }
        ObjectNode next = (ObjectNode) json.readTree(change.proposedDocument());
        ObjectNode before = current.map(this::document).orElseGet(JsonPathEditor::emptyDocument);
        int nextVersion = current.map(v -> v.version() + 1).orElse(1);
        Map<String, Long> revisions = locked.revisions();
        if (change.affected().stream()
                .anyMatch(
                        a ->
                                !Objects.equals(
                                        revisions.getOrDefault(a.environment(), 0L),
                                        a.revision()))) {
            return Optional.empty();
        }
        EffectiveProposal proposal =
                effective.propose(locked, change.environment(), nextVersion, next);
        schemas.requireValid(change.serviceId(), changedEffective(proposal.environments()));
        String canonical = storableCanonical(change.serviceId(), change.environment(), next);
        ConfigurationVersion rollbackSource =
                change.rollbackSourceVersion() == null
                        ? null
                        : versions.findByServiceIdAndEnvironmentAndVersion(
                                        change.serviceId(),
                                        change.environment(),
                                        change.rollbackSourceVersion())
                                .orElse(null);
        NewVersion version =
                new NewVersion(
                        change.serviceId(),
                        change.environment(),
                        nextVersion,
                        canonical,
                        ConfigurationDiff.between(before, next),
                        change.changeType(),
                        change.requestedBy(),
                        change.reason(),
                        rollbackSource);
        return Optional.of(commit(version, change, proposal));
    }

    private WriteOutcome store(
            WriteContext write,
            LockedService locked,
            @Nullable ConfigurationVersion current,
            ObjectNode next,
            ChangeType type,
            @Nullable ConfigurationVersion rollbackSource) {
        String serviceId = write.serviceId();
        String environment = write.environment();
        ObjectNode before = current == null ? JsonPathEditor.emptyDocument() : document(current);
        List<ConfigurationChange> changes = ConfigurationDiff.between(before, next);
        if (current != null && changes.isEmpty()) {
            return new WriteOutcome.Applied(
                    new WriteResult(
                            serviceId,
                            environment,
                            current.version(),
                            current.checksum(),
                            changes));
        }
        Integer baseVersion = current == null ? null : current.version();
        int nextVersion = baseVersion == null ? 1 : baseVersion + 1;
        EffectiveProposal proposal = effective.propose(locked, environment, nextVersion, next);
        schemas.requireValid(serviceId, changedEffective(proposal.environments()));
        String actor = write.caller().actor();
        String canonical = storableCanonical(serviceId, environment, next);
        List<AffectedEnvironment> affected =
                proposal.environments().stream()
                        .map(p -> new AffectedEnvironment(p.environment(), p.currentRevision()))
                        .toList();
        Optional<PendingChange> held =
                gate.hold(
                        new ProposedChange(
                                actor,
                                serviceId,
                                environment,
                                type,
                                baseVersion,
                                canonical,
                                changes,
                                write.reason(),
                                rollbackSource == null ? null : rollbackSource.version(),
                                affected));
        if (held.isPresent()) {
            return new WriteOutcome.Held(held.get());
        }
        NewVersion version =
                new NewVersion(
                        serviceId,
                        environment,
                        nextVersion,
                        canonical,
                        changes,
                        type,
                        actor,
                        write.reason(),
                        rollbackSource);
        return new WriteOutcome.Applied(commit(version, null, proposal));
    }

    /**
     * The canonical form of a document about to become a version (or be held for approval): every
     * write path, the approval of a held change included, passes here.
     *
     * @throws ApiException when the document is over {@code configservice.max-document-bytes} or
     *     {@code configservice.max-document-leaves}
     */
    private String storableCanonical(String serviceId, String environment, ObjectNode next) {
        String canonical = JsonDocuments.canonical(json, next);
        limits.requireStorable(
                next,
                canonical,
                "Configuration of service '"
                        + serviceId
                        + "' in environment '"
                        + environment
                        + "'");
        return canonical;
    }

    private WriteResult commit(
            NewVersion next, @Nullable ApprovedChange approval, EffectiveProposal proposal) {
        String serviceId = next.serviceId();
        String environment = next.environment();
        String checksum = JsonDocuments.checksum(next.canonical());
        List<String> changedKeys = ConfigurationDiff.changedKeys(next.changes());
        Instant now = clock.instant();
        ConfigurationVersion stored =
                versions.save(
                        new ConfigurationVersion(
                                serviceId,
                                environment,
                                next.version(),
                                next.canonical(),
                                checksum,
                                next.actor(),
                                now));
        ConfigurationHistory row =
                new ConfigurationHistory(
                        stored,
                        next.type(),
                        changedKeys,
                        json.writeValueAsString(next.changes()),
                        next.reason(),
                        next.rollbackSource());
        if (approval != null) {
            row.approvedThrough(approval.approvalId(), approval.approvedBy());
        }
        history.save(row);
        boolean emergency = approval != null && approval.emergencyActor() != null;
        audit.recordConfigurationChange(
                serviceId,
                environment,
                next.version(),
                emergency ? "EMERGENCY" : next.type().name(),
                emergency ? approval.emergencyActor() : next.actor(),
                changedKeys,
                emergency ? approval.emergencyReason() : next.reason(),
                now);
        effective.store(
                proposal,
                EffectiveCause.configuration(
                        environment, next.version(), next.type(), next.actor()));
        CachedConfiguration entry =
                ConfigurationEntries.of(
                        json,
                        serviceId,
                        environment,
                        next.version(),
                        next.canonical(),
                        checksum,
                        now,
                        next.actor());
        writeThroughAfterCommit(
                ConfigurationCache.key(serviceId, environment, ConfigurationQueryService.LATEST),
                entry);
        return new WriteResult(serviceId, environment, next.version(), checksum, next.changes());
    }

    /**
     * Checks the caller and the environment, then takes the service's effective lock, which
     * serializes every write of the service (so version numbers are never duplicated or skipped),
     * and reads the service's state under it.
     */
    private LockedService lockAndLoad(WriteContext write) {
        ServiceIds.require(write.serviceId());
        environments.requireExists(write.environment());
        write.caller().requireWriteConfiguration(write.serviceId());
        return effective.lock(write.serviceId());
    }

    /**
     * The effective documents a change alters: the written environment's must satisfy the schema; a
     * descendant that already broke it before the change does not refuse it.
     */
    private static List<EffectiveCandidate> changedEffective(List<ProposedEffective> proposed) {
        return proposed.stream()
                .filter(ProposedEffective::changed)
                .map(
                        p ->
                                p == proposed.get(0)
                                        ? EffectiveCandidate.strict(
                                                p.environment(), p.configuration())
                                        : new EffectiveCandidate(
                                                p.environment(),
                                                p.configuration(),
                                                () ->
                                                        p.previous() == null
                                                                ? List.of()
                                                                : List.of(p.previous())))
                .toList();
    }

    private ObjectNode document(ConfigurationVersion version) {
        return (ObjectNode) json.readTree(version.configurationData());
    }

    private void writeThroughAfterCommit(String key, CachedConfiguration entry) {
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        cache.putIfNewer(key, entry);
                    }
                });
    }

    /**
     * A version about to be stored: its number, canonical document, the changes from the previous
     * one, and why.
     */
    private record NewVersion(
            String serviceId,
            String environment,
            int version,
            String canonical,
            List<ConfigurationChange> changes,
            ChangeType type,
            String actor,
            @Nullable String reason,
            @Nullable ConfigurationVersion rollbackSource) {}
}
