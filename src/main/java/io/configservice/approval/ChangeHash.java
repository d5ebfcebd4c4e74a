package io.configservice.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The content hash a change request is bound to: SHA-256 over its service, environment, base version and canonical
 * proposed document, each field length-prefixed so no two different changes share an input.
 */
final class ChangeHash {

    private ChangeHash() {
    }

    static String of(String serviceId, String environment, @Nullable Integer baseVersion, String canonicalDocument) {
        MessageDigest sha256 = sha256();
        field(sha256, serviceId);
        field(sha256, environment);
        field(sha256, baseVersion == null ? "" : Integer.toString(baseVersion));
        field(sha256, canonicalDocument);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Whether the request's stored content still hashes to the hash it was created with. */
    static boolean matches(ChangeApproval approval) {
        String actual = of(approval.serviceId(), approval.environment(), approval.baseVersion(),
                approval.proposedDocument());
        return MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                approval.contentHash().getBytes(StandardCharsets.US_ASCII));
    }

    private static void field(MessageDigest sha256, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
