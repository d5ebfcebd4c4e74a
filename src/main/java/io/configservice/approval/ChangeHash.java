package io.configservice.approval;

import io.configservice.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The content hash a change request is bound to: SHA-256 over its service, environment, base and
 * proposed document, each field length-prefixed so no two different changes share an input. A
 * configuration change's base is its base version (empty for a create); an overrides change has no
 * service and its base is the environment's last update.
 */
final class ChangeHash {

    private ChangeHash() {}

    static String ofConfiguration(
            String serviceId,
            String environment,
            @Nullable Integer baseVersion,
            String canonicalDocument) {
        return of(
                serviceId,
                environment,
                baseVersion == null ? "" : Integer.toString(baseVersion),
                canonicalDocument);
    }

    static String ofOverrides(String environment, Instant baseUpdatedAt, String proposedRequest) {
        return of("", environment, "updated " + baseUpdatedAt, proposedRequest);
    }

    /** Whether the request's stored content still hashes to the hash it was created with. */
    static boolean matches(ChangeApproval approval) {
        String serviceId = approval.serviceId();
        Instant baseUpdatedAt = approval.baseUpdatedAt();
        String actual =
                serviceId != null
                        ? ofConfiguration(
                                serviceId,
                                approval.environment(),
                                approval.baseVersion(),
                                approval.proposedDocument())
                        : ofOverrides(
                                approval.environment(),
                                baseUpdatedAt == null ? Instant.EPOCH : baseUpdatedAt,
                                approval.proposedDocument());
        return MessageDigest.isEqual(
                actual.getBytes(StandardCharsets.US_ASCII),
                approval.contentHash().getBytes(StandardCharsets.US_ASCII));
    }

    private static String of(String serviceId, String environment, String base, String document) {
        MessageDigest sha256 = Sha256.newDigest();
        field(sha256, serviceId);
        field(sha256, environment);
        field(sha256, base);
        field(sha256, document);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void field(MessageDigest sha256, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(bytes);
    }
}
