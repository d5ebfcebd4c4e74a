package io.configservice.credential;

/** What a {@code credential_access_log} row records. */
enum CredentialOperation {
    CREATE, RETRIEVE, LIST_VERSIONS, ROTATE, DELETE, DESTROY_VERSION, KEK_ROTATE, KEK_REWRAP
}
