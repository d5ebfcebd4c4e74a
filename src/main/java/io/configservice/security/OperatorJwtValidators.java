package io.configservice.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The claim checks every operator JWT passes after its signature: {@code exp} present and not past,
 * {@code nbf} not in the future (both with {@link #CLOCK_SKEW}), a lifetime within {@code
 * max-lifetime}, {@code iss} equal to the expected issuer when one is configured, {@code aud}
 * containing the audience when one is configured, plus Spring Security's defaults (JWT type header,
 * certificate-bound tokens).
 */
final class OperatorJwtValidators {

    /** Tolerated difference between the identity provider's clock and ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private OperatorJwtValidators() {}

    static OAuth2TokenValidator<Jwt> create(JwtProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(timestamps);
        validators.add(new JwtLifetimeValidator(properties.maxLifetime(), CLOCK_SKEW, clock));
        properties
                .expectedIssuer()
                .ifPresent(issuer -> validators.add(new JwtIssuerValidator(issuer)));
        if (!properties.audience().isBlank()) {
            validators.add(new JwtAudienceValidator(properties.audience()));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }
}
