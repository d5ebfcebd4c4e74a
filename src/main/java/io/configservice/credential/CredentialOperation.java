package io.configservice.credential;

/**
 * What a {@code credential_access_log} row records: credential operations, then administration
 * around them.
 */
enum CredentialOperation {
    CREATE,
    RETRIEVE,
    LIST_VERSIONS,
    ROTATE,
    DELETE,
    DESTROY_VERSION,
    KEK_ROTATE,
    KEK_REWRAP,
    TOKEN_ISSUE,
    TOKEN_REVOKE,
    ROTATION_POLICY_CREATE,
    ROTATION_POLICY_UPDATE,
    ROTATION_POLICY_DELETE
}
