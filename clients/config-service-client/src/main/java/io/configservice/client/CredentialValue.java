package io.configservice.client;

/** A credential's decrypted value; held in memory only, never written anywhere by the client. */
public record CredentialValue(String key, String value, int version) {

    @Override
    public String toString() {
        return "CredentialValue[key=" + key + ", version=" + version + "]";
    }
}
