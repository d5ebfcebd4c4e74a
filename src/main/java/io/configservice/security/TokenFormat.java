package io.configservice.security;

import io.configservice.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shape of service tokens: {@code cst_<id>.<secret>}. The id is public and used for lookup; only
 * the SHA-256 of the whole token is stored. The generated bootstrap admin token has the id {@code
 * admin}; a token of any other shape (a configured {@code CONFIG_ADMIN_TOKEN}) is looked up under
 * that id too.
 */
final class TokenFormat {

    static final String ADMIN_ID = "admin";
    static final int MAX_LENGTH = 512;

    private static final Pattern FORMAT =
            Pattern.compile("^cst_([a-z0-9]{5,16})\\.[A-Za-z0-9_-]{43}$");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFormat() {}

    static String idOf(String token) {
        Matcher m = FORMAT.matcher(token);
        return m.matches() ? m.group(1) : ADMIN_ID;
    }

    static String newId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    static String newToken(String id) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "cst_" + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares two hex hashes in time independent of where they differ. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(
                a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
