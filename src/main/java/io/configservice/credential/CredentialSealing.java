package io.configservice.credential;

import io.configservice.crypto.AssociatedData;
import io.configservice.crypto.EnvelopeCipher;
import io.configservice.crypto.KeyIntegrityException;
import io.configservice.crypto.KeyUnavailableException;
import io.configservice.crypto.SealedValue;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals and opens credential values. The additional authenticated data binds each ciphertext to its
 * credential id, version, service, environment and key, so a ciphertext moved to another row, or a
 * row whose bound fields were changed, fails authentication: that is logged as a security event and
 * answered with a generic {@code INTEGRITY_ERROR}. An unreachable key encryption key is answered
 * {@code DEPENDENCY_UNAVAILABLE}.
 */
@Component
class CredentialSealing {

    /** Where security events go, apart from ordinary logs, so they can be routed and alerted on. */
    private static final Logger securityEvents =
            LoggerFactory.getLogger("io.configservice.security.events");

    private static final String CONTEXT = "configservice/credential/v1";

    private final EnvelopeCipher cipher;
    private final Counter integrityFailures;

    CredentialSealing(EnvelopeCipher cipher, MeterRegistry meters) {
        this.cipher = cipher;
        this.integrityFailures =
                Counter.builder("configservice.credentials.integrity.failures")
                        .description(
                                "Credential ciphertexts or wrapped data keys that failed authentication")
                        .register(meters);
    }

    /**
     * @throws ApiException {@code DEPENDENCY_UNAVAILABLE} when the key encryption key cannot wrap
     *     the data key
     */
    SealedValue seal(
            UUID credentialId,
            int version,
            String serviceId,
            String environment,
            String key,
            String value) {
        byte[] plaintext = value.getBytes(StandardCharsets.UTF_8);
        try {
            return cipher.seal(
                    plaintext, associatedData(credentialId, version, serviceId, environment, key));
        } catch (KeyUnavailableException e) {
            throw unavailable();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * @throws ApiException {@code INTEGRITY_ERROR} when the stored version or its bound metadata
     *     was altered, {@code DEPENDENCY_UNAVAILABLE} when the key encryption key cannot unwrap the
     *     data key
     */
    String open(CredentialIdentity credential, int version, SealedValue sealed) {
        byte[] plaintext;
        try {
            plaintext =
                    cipher.open(
                            sealed,
                            associatedData(
                                    credential.id(),
                                    version,
                                    credential.serviceId(),
                                    credential.environment(),
                                    credential.key()));
        } catch (KeyIntegrityException e) {
            integrityFailure(
                    credential, version, "its ciphertext, wrapped data key or bound metadata");
            throw new ApiException(
                    ErrorCode.INTEGRITY_ERROR,
                    "Credential '" + credential.key() + "' failed its integrity check");
        } catch (KeyUnavailableException e) {
            throw unavailable();
        }
        try {
            return new String(plaintext, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Erases a data key from the in-process cache once its wrapped form is destroyed. */
    void forget(String wrappedKey) {
        cipher.forget(wrappedKey);
    }

    void integrityFailure(CredentialIdentity credential, int version, String what) {
        integrityFailures.increment();
        securityEvents.error(
                "SECURITY EVENT integrity_failure: version {} of credential '{}' (id {}, service '{}', "
                        + "environment '{}') failed authentication; {} was altered in storage",
                version,
                credential.key(),
                credential.id(),
                credential.serviceId(),
                credential.environment(),
                what);
    }

    void integrityFailure(long versionRowId, String what) {
        integrityFailures.increment();
        securityEvents.error(
                "SECURITY EVENT integrity_failure: credential version row {} failed authentication; "
                        + "{} was altered in storage",
                versionRowId,
                what);
    }

    static ApiException unavailable() {
        return new ApiException(
                ErrorCode.DEPENDENCY_UNAVAILABLE,
                "The key encryption service is unavailable; retry later");
    }

    private static byte[] associatedData(
            UUID credentialId, int version, String serviceId, String environment, String key) {
        return AssociatedData.of(
                CONTEXT,
                credentialId.toString(),
                Integer.toString(version),
                serviceId,
                environment,
                key);
    }
}
