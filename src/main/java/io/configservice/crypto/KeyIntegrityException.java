package io.configservice.crypto;

/** A wrapped key or ciphertext failed authentication: it, or the data bound to it, was altered. */
public class KeyIntegrityException extends RuntimeException {

    public KeyIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeyIntegrityException(String message) {
        super(message);
    }
}
