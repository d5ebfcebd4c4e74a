package io.configservice.security;

import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How operator JWTs are validated: an HMAC secret ({@code JWT_SECRET}, HS256, at least 32 bytes),
 * or a JWK set URI, or an issuer whose metadata names its JWK set. Roles are read from {@code
 * rolesClaim}, a claim name or a dot path into nested claims (e.g. {@code realm_access.roles}); its
 * value is a list or a space- or comma-separated string.
 *
 * @param issuer the {@code iss} every JWT must carry; defaults to {@code issuerUri} when that is
 *     set
 * @param audience a value every JWT's {@code aud} must contain; required with a JWK set or issuer
 *     URI unless {@code audienceRequired} is false
 * @param audienceRequired whether a JWK set or issuer URI without an audience refuses to start
 * @param maxLifetime the longest a JWT may be valid: {@code exp - iat}, and {@code exp - now} for
 *     every JWT
 */
@Validated
@ConfigurationProperties("configservice.jwt")
public record JwtProperties(
        @DefaultValue("") String secret,
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue("") String issuer,
        @DefaultValue("") String audience,
        @DefaultValue("true") boolean audienceRequired,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("12h") @DurationMin(seconds = 1) Duration maxLifetime) {

    @Override
    public String toString() {
        return "JwtProperties[issuerUri="
                + issuerUri
                + ", jwkSetUri="
                + jwkSetUri
                + ", issuer="
                + issuer
                + ", audience="
                + audience
                + ", audienceRequired="
                + audienceRequired
                + ", rolesClaim="
                + rolesClaim
                + ", maxLifetime="
                + maxLifetime
                + "]";
    }

    /** The {@code iss} a JWT must carry, if any: the configured issuer, else the issuer URI. */
    Optional<String> expectedIssuer() {
        if (!issuer.isBlank()) {
            return Optional.of(issuer);
        }
        return issuerUri.isBlank() ? Optional.empty() : Optional.of(issuerUri);
    }
}
