package io.configservice.security;

import org.jspecify.annotations.Nullable;

/**
 * Where token administration is put on record, inside the issuing or revoking transaction (so a
 * change whose audit row cannot be written fails). A port: the credential audit trail implements
 * it, since security may not depend on the features built on it. It is given what may be shown
 * about a token, never the token or its hash.
 */
public interface TokenAuditTrail {

    void issued(
            Caller admin,
            TokenMetadata token,
            @Nullable String ipAddress,
            @Nullable String userAgent);

    void revoked(
            Caller admin,
            TokenMetadata token,
            @Nullable String ipAddress,
            @Nullable String userAgent);
}
