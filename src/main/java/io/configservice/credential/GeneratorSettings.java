package io.configservice.credential;

/**
 * How rotation generates values: api_key length (URL-safe characters), database_password length and
 * character classes, symmetric_key size in bits (base64), token size in random bytes (base64url).
 */
public record GeneratorSettings(
        int apiKeyLength,
        int passwordLength,
        boolean passwordUppercase,
        boolean passwordLowercase,
        boolean passwordDigits,
        boolean passwordSymbols,
        int keyLengthBits,
        int tokenBytes) {

    static final GeneratorSettings DEFAULTS =
            new GeneratorSettings(64, 32, true, true, true, true, 256, 32);
}
