package io.configservice.credential;

import io.configservice.web.ApiException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Makes new credential values for rotation from a {@link SecureRandom}: api_key as URL-safe
 * characters, database password with at least one character of each enabled class, symmetric_key as
 * base64 of random bits, token as base64url of random bytes. Certificates and private keys cannot
 * be made here.
 */
final class ValueGenerator {

    static final String URL_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";

    /**
     * No quotes, backslash, slash or space, so a password survives connection strings and shells.
     */
    static final String SYMBOLS = "!#$%&()*+,-.:;<=>?@[]^_{|}~";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ValueGenerator() {}

    /**
     * @throws ApiException {@code INVALID_REQUEST} for certificates and private keys, which must be
     *     supplied
     */
    static String generate(CredentialType type, GeneratorSettings settings) {
        return switch (type) {
            case API_KEY -> randomString(URL_SAFE, settings.apiKeyLength());
            case DATABASE_PASSWORD -> password(settings);
            case SYMMETRIC_KEY ->
                    Base64.getEncoder().encodeToString(randomBytes(settings.keyLengthBits() / 8));
            case TOKEN ->
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(randomBytes(settings.tokenBytes()));
            case CERTIFICATE, PRIVATE_KEY ->
                    throw ApiException.invalidRequest(
                            "A " + type.wire() + " cannot be generated: send its new value");
        };
    }

    private static String password(GeneratorSettings settings) {
        List<String> classes = new ArrayList<>();
        if (settings.passwordUppercase()) {
            classes.add(UPPER);
        }
        if (settings.passwordLowercase()) {
            classes.add(LOWER);
        }
        if (settings.passwordDigits()) {
            classes.add(DIGITS);
        }
        if (settings.passwordSymbols()) {
            classes.add(SYMBOLS);
        }
        if (classes.isEmpty() || settings.passwordLength() < classes.size()) {
            throw ApiException.invalidRequest(
                    "The password settings enable no character class or are too short");
        }
        String alphabet = String.join("", classes);
        List<Character> chars = new ArrayList<>(settings.passwordLength());
        for (String characterClass : classes) {
            chars.add(characterClass.charAt(RANDOM.nextInt(characterClass.length())));
        }
        while (chars.size() < settings.passwordLength()) {
            chars.add(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        Collections.shuffle(chars, RANDOM);
        StringBuilder out = new StringBuilder(chars.size());
        chars.forEach(out::append);
        return out.toString();
    }

    private static String randomString(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
