package io.configservice.identifiers;

import java.util.regex.Pattern;

/**
 * The one definition of each id's syntax. The strings serve Bean Validation's {@code @Pattern} on
 * request bodies (and so the OpenAPI document); the compiled patterns serve ids that arrive in
 * paths, STOMP destinations and secret references.
 */
public final class Identifiers {

    /** Service ids: lower-case letters, digits and '-', 1 to 100 characters. */
    public static final String SERVICE_ID = "^[a-z0-9-]{1,100}$";

    /** Environment ids: lower-case letters, digits and '-', 1 to 50 characters. */
    public static final String ENVIRONMENT_ID = "^[a-z0-9-]{1,50}$";

    /**
     * The characters of a credential key (and of a rotation policy's name); lengths are checked on
     * their own.
     */
    public static final String CREDENTIAL_KEY_CHARACTERS = "^[a-zA-Z0-9._-]+$";

    /** The longest credential key. */
    public static final int CREDENTIAL_KEY_MAX_LENGTH = 200;

    /** A whole credential key: its characters, 1 to {@link #CREDENTIAL_KEY_MAX_LENGTH} of them. */
    public static final String CREDENTIAL_KEY =
            "^[a-zA-Z0-9._-]{1," + CREDENTIAL_KEY_MAX_LENGTH + "}$";

    private static final Pattern SERVICE_ID_PATTERN = Pattern.compile(SERVICE_ID);
    private static final Pattern CREDENTIAL_KEY_PATTERN = Pattern.compile(CREDENTIAL_KEY);

    private Identifiers() {}

    public static boolean isServiceId(String candidate) {
        return SERVICE_ID_PATTERN.matcher(candidate).matches();
    }

    public static boolean isCredentialKey(String candidate) {
        return CREDENTIAL_KEY_PATTERN.matcher(candidate).matches();
    }

    /** {@code pattern} without its {@code ^…$} anchors, to embed it in a larger pattern. */
    public static String unanchored(String pattern) {
        return pattern.substring(1, pattern.length() - 1);
    }
}
