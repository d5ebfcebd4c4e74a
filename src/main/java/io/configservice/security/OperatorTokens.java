package io.configservice.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Turns operator JWTs into {@link Caller}s: signature checks by Spring Security's Nimbus decoder
 * and claim checks by {@link OperatorJwtValidators} (for HTTP and STOMP alike), roles from the
 * configured claim, the subject as the actor. Without any JWT setting, bearer tokens are not
 * accepted; a JWK set or issuer URI without an audience (and without {@code
 * audience-required=false}) refuses to start.
 */
@Component
public class OperatorTokens {

    private static final Logger log = LoggerFactory.getLogger(OperatorTokens.class);
    private static final int MIN_SECRET_BYTES = 32;

    private final @Nullable JwtDecoder decoder;
    private final String[] rolesClaim;

    OperatorTokens(JwtProperties properties, Clock clock) {
        this.decoder = decoder(properties, clock);
        this.rolesClaim = properties.rolesClaim().split("\\.");
    }

    Optional<JwtDecoder> decoder() {
        return Optional.ofNullable(decoder);
    }

    /**
     * The caller a raw bearer token stands for, or empty when JWTs are off or the token does not
     * validate.
     */
    public Optional<Caller> authenticate(@Nullable String bearerToken) {
        if (decoder == null || bearerToken == null || bearerToken.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(caller(decoder.decode(bearerToken)));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * @throws IllegalArgumentException for a token without a usable subject
     */
    Caller caller(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null
                || subject.isBlank()
                || subject.startsWith("token:")
                || subject.length() > 100) {
            throw new IllegalArgumentException(
                    "The JWT needs a subject (at most 100 characters, not token:…)");
        }
        return Caller.operator(subject, roles(jwt.getClaims()), jwt.getExpiresAt());
    }

    private Set<Role> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String part : rolesClaim) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> names.add(String.valueOf(item)));
        } else if (value instanceof String text) {
            names.addAll(List.of(text.split("[\\s,]+")));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(name -> Role.parse(name).ifPresent(roles::add));
        return roles;
    }

    private static @Nullable JwtDecoder decoder(JwtProperties properties, Clock clock) {
        NimbusJwtDecoder decoder;
        if (!properties.secret().isBlank()) {
            byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException(
                        "JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes for HS256");
            }
            decoder =
                    NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                            .macAlgorithm(MacAlgorithm.HS256)
                            .build();
            log.info(
                    "Operator JWT: HS256 with JWT_SECRET, roles from claim '{}'",
                    properties.rolesClaim());
        } else if (!properties.jwkSetUri().isBlank()) {
            requireAudience(properties, "JWT_JWK_SET_URI");
            decoder =
                    NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                            .jwsAlgorithm(SignatureAlgorithm.RS256)
                            .jwsAlgorithm(SignatureAlgorithm.ES256)
                            .build();
            log.info(
                    "Operator JWT: JWK set {}, roles from claim '{}'",
                    properties.jwkSetUri(),
                    properties.rolesClaim());
        } else if (!properties.issuerUri().isBlank()) {
            requireAudience(properties, "JWT_ISSUER_URI");
            if (!properties.issuer().isBlank()
                    && !properties.issuer().equals(properties.issuerUri())) {
                throw new IllegalStateException(
                        "JWT_ISSUER ("
                                + properties.issuer()
                                + ") differs from JWT_ISSUER_URI ("
                                + properties.issuerUri()
                                + "), whose tokens carry the issuer URI: leave JWT_ISSUER unset");
            }
            decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
            log.info(
                    "Operator JWT: issuer {}, roles from claim '{}'",
                    properties.issuerUri(),
                    properties.rolesClaim());
        } else {
            log.info(
                    "Operator JWT: off (set JWT_SECRET, JWT_JWK_SET_URI or JWT_ISSUER_URI to accept bearer tokens)");
            return null;
        }
        log.info(
                "Operator JWT: exp required, lifetime at most {}, issuer {}, audience {}",
                properties.maxLifetime(),
                properties.expectedIssuer().orElse("not checked"),
                properties.audience().isBlank() ? "not checked" : properties.audience());
        decoder.setJwtValidator(OperatorJwtValidators.create(properties, clock));
        return decoder;
    }

    /**
     * An identity provider signs tokens for many clients; without an audience any of them would be
     * accepted here.
     */
    private static void requireAudience(JwtProperties properties, String source) {
        if (properties.audience().isBlank() && properties.audienceRequired()) {
            throw new IllegalStateException(
                    source
                            + " is set without JWT_AUDIENCE, so a token the identity provider "
                            + "issued for any other application would be accepted: set JWT_AUDIENCE to the audience of this "
                            + "service's tokens, or set JWT_AUDIENCE_REQUIRED=false (configservice.jwt.audience-required) to "
                            + "accept any audience");
        }
    }
}
