package io.configservice.credential;

/**
 * The credential vault with the local key file as key encryption key (no VAULT_URI): the shared
 * test context.
 */
class LocalKeyCredentialIntegrationTests extends CredentialVaultTests {

    @Override
    protected String expectedKeyIdPrefix() {
        return "local-file:";
    }
}
