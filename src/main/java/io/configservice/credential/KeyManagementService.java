package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.credential.CredentialAuditTrail.Attempt;
import io.configservice.crypto.DeploymentKeys;
import io.configservice.crypto.KeyEncryptionKey;
import io.configservice.crypto.KeyInfo;
import io.configservice.crypto.KeyUnavailableException;
import io.configservice.crypto.WrappedKey;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Administers the key encryption key: shows its versions and how many data keys each wraps, rotates
 * it, and rewraps every wrapped data key (in batches), then the {@link DeploymentKeys} (audit chain
 * key, push signing key), under the newest version. Rewrapping never decrypts a value: Vault
 * transit's {@code rewrap} re-encrypts inside Vault, the local key unwraps and wraps the data key
 * alone. A rewrapped key replaces the stored one only if that is unchanged, so a rewrap racing a
 * rotation or deletion loses nothing.
 */
@Service
public class KeyManagementService {

    private static final Logger log = LoggerFactory.getLogger(KeyManagementService.class);

    private final KeyEncryptionKey kek;
    private final CredentialVersionRepository versions;
    private final CredentialSealing sealing;
    private final CredentialAuditTrail audit;
    private final DeploymentKeys deploymentKeys;
    private final TransactionTemplate transactions;
    private final CredentialProperties properties;

    public KeyManagementService(
            KeyEncryptionKey kek,
            CredentialVersionRepository versions,
            CredentialSealing sealing,
            CredentialAuditTrail audit,
            DeploymentKeys deploymentKeys,
            TransactionTemplate transactions,
            CredentialProperties properties) {
        this.kek = kek;
        this.versions = versions;
        this.sealing = sealing;
        this.audit = audit;
        this.deploymentKeys = deploymentKeys;
        this.transactions = transactions;
        this.properties = properties;
    }

    /**
     * @throws ApiException {@code AUTHORIZATION_ERROR} for a service token, {@code
     *     DEPENDENCY_UNAVAILABLE}
     */
    public KeyStatus status(Caller caller) {
        caller.require(Role.ADMIN, "inspect the key encryption key");
        KeyInfo info = info();
        Map<Integer, Long> counts = new HashMap<>();
        for (Object[] row : versions.countDataKeysByVersion(info.id())) {
            counts.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
        }
        List<KeyStatus.KeyVersionStatus> perVersion =
                info.versions().stream()
                        .map(
                                v ->
                                        new KeyStatus.KeyVersionStatus(
                                                v.version(),
                                                v.createdAt(),
                                                counts.getOrDefault(v.version(), 0L)))
                        .toList();
        long behind =
                counts.entrySet().stream()
                        .filter(e -> e.getKey() < info.latestVersion())
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        return new KeyStatus(info.id(), info.mode(), info.latestVersion(), perVersion, behind);
    }

    /**
     * Adds a key version, then rewraps every data key under it.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR} for a service token, {@code
     *     DEPENDENCY_UNAVAILABLE}
     */
    public KeyRotationResult rotate(Caller caller, RequestOrigin origin) {
        Attempt attempt = audit.begin(CredentialOperation.KEK_ROTATE, caller, origin, null);
        try {
            caller.require(Role.ADMIN, "rotate the key encryption key");
            int previous = info().latestVersion();
            KeyInfo rotated;
            try {
                rotated = kek.rotate();
            } catch (KeyUnavailableException e) {
                throw CredentialSealing.unavailable();
            }
            KeyRotationResult result = rewrapAll(previous, rotated.latestVersion());
            audit.granted(record(attempt, result));
            return result;
        } catch (RuntimeException e) {
            audit.failed(attempt, e);
            throw e;
        }
    }

    /**
     * Rewraps data keys still under an older key version, e.g. after a rotation that was
     * interrupted.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR} for a service token, {@code
     *     DEPENDENCY_UNAVAILABLE}
     */
    public KeyRotationResult rewrap(Caller caller, RequestOrigin origin) {
        Attempt attempt = audit.begin(CredentialOperation.KEK_REWRAP, caller, origin, null);
        try {
            caller.require(Role.ADMIN, "rewrap data keys");
            int latest = info().latestVersion();
            KeyRotationResult result = rewrapAll(latest, latest);
            audit.granted(record(attempt, result));
            return result;
        } catch (RuntimeException e) {
            audit.failed(attempt, e);
            throw e;
        }
    }

    private KeyRotationResult rewrapAll(int previousVersion, int latestVersion) {
        int rewrapped = 0;
        int failed = 0;
        long after = 0;
        while (true) {
            List<CredentialVersion> batch =
                    versions
                            .findByKekIdAndKekVersionLessThanAndWrappedDekIsNotNullAndIdGreaterThanOrderById(
                                    kek.id(),
                                    latestVersion,
                                    after,
                                    Limit.of(properties.batchSize()));
            if (batch.isEmpty()) {
                break;
            }
            after = batch.get(batch.size() - 1).id();
            List<String> wrapped =
                    batch.stream().map(v -> Objects.requireNonNull(v.wrappedDek())).toList();
            List<@Nullable WrappedKey> results;
            try {
                results = kek.rewrap(wrapped);
            } catch (KeyUnavailableException e) {
                log.warn(
                        "Rewrap stopped after {} data keys: the key encryption key is unavailable",
                        rewrapped);
                throw CredentialSealing.unavailable();
            }
            int replaced =
                    Objects.requireNonNull(
                            transactions.execute(
                                    status -> {
                                        int count = 0;
                                        for (int i = 0; i < batch.size(); i++) {
                                            WrappedKey next = results.get(i);
                                            if (next != null
                                                    && versions.replaceWrappedKey(
                                                                    batch.get(i).id(),
                                                                    wrapped.get(i),
                                                                    next.ciphertext(),
                                                                    next.version())
                                                            == 1) {
                                                count++;
                                            }
                                        }
                                        return count;
                                    }));
            for (int i = 0; i < batch.size(); i++) {
                if (results.get(i) == null) {
                    failed++;
                    sealing.integrityFailure(
                            batch.get(i).id(), "its wrapped data key (found while rewrapping)");
                } else {
                    sealing.forget(wrapped.get(i));
                }
            }
            rewrapped += replaced;
        }
        DeploymentKeys.RewrapResult deployment = rewrapDeploymentKeys(latestVersion, rewrapped);
        log.info(
                "Rewrapped {} data keys and {} deployment keys under version {} of key encryption key {} ({} data "
                        + "keys and {} deployment keys failed authentication)",
                rewrapped,
                deployment.rewrapped(),
                latestVersion,
                kek.id(),
                failed,
                deployment.failed());
        return new KeyRotationResult(
                kek.id(),
                previousVersion,
                latestVersion,
                rewrapped + deployment.rewrapped(),
                failed + deployment.failed());
    }

    private DeploymentKeys.RewrapResult rewrapDeploymentKeys(
            int latestVersion, int dataKeysRewrapped) {
        try {
            return deploymentKeys.rewrapAll(latestVersion);
        } catch (KeyUnavailableException e) {
            log.warn(
                    "Rewrap stopped after {} data keys, before the deployment keys: the key encryption key is "
                            + "unavailable",
                    dataKeysRewrapped);
            throw CredentialSealing.unavailable();
        }
    }

    private KeyInfo info() {
        try {
            return kek.info();
        } catch (KeyUnavailableException e) {
            throw CredentialSealing.unavailable();
        }
    }

    private static Attempt record(Attempt attempt, KeyRotationResult result) {
        return attempt.detail("keyId", result.keyId())
                .detail("latestVersion", result.latestVersion())
                .detail("rewrapped", result.rewrapped())
                .detail("failed", result.failed());
    }
}
