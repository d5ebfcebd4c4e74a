package io.configservice.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests, each a copy of one looked up at start-up: finding the algorithm among the
 * security providers costs more than hashing a service token, which every authenticated request
 * does.
 */
public final class Sha256 {

    private static final MessageDigest PROTOTYPE = lookUp();

    private Sha256() {}

    /** A new digest, for one thread to use. */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The SHA-256 implementation cannot be copied", e);
        }
    }

    /** The digest of {@code input} in lower-case hexadecimal. */
    public static String hex(byte[] input) {
        return HexFormat.of().formatHex(newDigest().digest(input));
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
