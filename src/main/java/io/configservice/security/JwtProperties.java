package io.configservice.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How operator JWTs are validated: an HMAC secret ({@code JWT_SECRET}, HS256, at least 32 bytes), or a JWK set URI,
 * or an issuer whose metadata names its JWK set. Roles are read from {@code rolesClaim}, a claim name or a dot path
 * into nested claims (e.g. {@code realm_access.roles}); its value is a list or a space- or comma-separated string.
 */
@ConfigurationProperties("configservice.jwt")
public record JwtProperties(@DefaultValue("") String secret, @DefaultValue("") String issuerUri,
        @DefaultValue("") String jwkSetUri, @DefaultValue("") String audience,
        @DefaultValue("roles") String rolesClaim) {
}
