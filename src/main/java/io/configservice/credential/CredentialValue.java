package io.configservice.credential;

/**
 * A decrypted credential value and the version it came from: the only place a value ever leaves the
 * service.
 */
public record CredentialValue(String value, int version) {

    @Override
    public String toString() {
        return "CredentialValue[version=" + version + "]";
    }
}
