package io.configservice.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a JWT valid for longer than the maximum lifetime, which Spring Security has no validator
 * for: its {@code exp - iat} may not exceed it, nor, with or without {@code iat}, may {@code exp -
 * now} (plus the clock skew), so neither a missing nor a future {@code iat} stretches a token's
 * life. A JWT without {@code exp} passes here; {@link
 * org.springframework.security.oauth2.jwt.JwtTimestampValidator} refuses it.
 */
final class JwtLifetimeValidator implements OAuth2TokenValidator<Jwt> {

    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    JwtLifetimeValidator(Duration maxLifetime, Duration clockSkew, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return OAuth2TokenValidatorResult.success();
        }
        Instant issuedAt = jwt.getIssuedAt();
        boolean tooLong =
                issuedAt != null
                        && Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0;
        boolean validTooLongFromNow =
                Duration.between(Instant.now(clock), expiresAt)
                                .compareTo(maxLifetime.plus(clockSkew))
                        > 0;
        if (tooLong || validTooLongFromNow) {
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error(
                            OAuth2ErrorCodes.INVALID_TOKEN,
                            "The JWT is valid for longer than the maximum lifetime of "
                                    + maxLifetime,
                            null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
