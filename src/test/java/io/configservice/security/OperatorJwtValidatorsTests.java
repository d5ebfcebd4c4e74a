package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claim rules of operator JWTs at their edges, on a fixed clock. */
class OperatorJwtValidatorsTests {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration SKEW = OperatorJwtValidators.CLOCK_SKEW;

    private final OAuth2TokenValidator<Jwt> validator =
            OperatorJwtValidators.create(
                    new JwtProperties(
                            "s",
                            "",
                            "",
                            "https://issuer.example",
                            "",
                            true,
                            "roles",
                            Duration.ofHours(12)),
                    Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void expiryIsRequired() {
        assertThat(valid(jwt -> jwt.claims(claims -> claims.remove("exp")))).isFalse();
        assertThat(valid(jwt -> jwt)).isTrue();
    }

    @Test
    void lifetimeFromIssuedAtMayReachButNotPassTheMaximum() {
        Instant issuedAt = NOW.minus(Duration.ofHours(3));
        assertThat(
                        valid(
                                jwt ->
                                        jwt.issuedAt(issuedAt)
                                                .expiresAt(issuedAt.plus(Duration.ofHours(12)))))
                .isTrue();
        assertThat(
                        valid(
                                jwt ->
                                        jwt.issuedAt(issuedAt)
                                                .expiresAt(
                                                        issuedAt.plus(Duration.ofHours(12))
                                                                .plusSeconds(1))))
                .isFalse();
    }

    @Test
    void withoutIssuedAtTheRemainingValidityCountsAndSoDoesAFutureIssuedAt() {
        Instant latest = NOW.plus(Duration.ofHours(12)).plus(SKEW);
        assertThat(valid(jwt -> jwt.claims(claims -> claims.remove("iat")).expiresAt(latest)))
                .isTrue();
        assertThat(
                        valid(
                                jwt ->
                                        jwt.claims(claims -> claims.remove("iat"))
                                                .expiresAt(latest.plusSeconds(1))))
                .isFalse();
        assertThat(
                        valid(
                                jwt ->
                                        jwt.issuedAt(NOW.plus(Duration.ofHours(5)))
                                                .expiresAt(NOW.plus(Duration.ofHours(15)))))
                .isFalse();
    }

    @Test
    void notBeforeAndExpiryAllowTheClockSkewOnly() {
        assertThat(valid(jwt -> jwt.notBefore(NOW.plus(SKEW)))).isTrue();
        assertThat(valid(jwt -> jwt.notBefore(NOW.plus(SKEW).plusSeconds(1)))).isFalse();
        assertThat(
                        valid(
                                jwt ->
                                        jwt.issuedAt(NOW.minus(Duration.ofHours(1)))
                                                .expiresAt(NOW.minus(SKEW))))
                .isTrue();
        assertThat(
                        valid(
                                jwt ->
                                        jwt.issuedAt(NOW.minus(Duration.ofHours(1)))
                                                .expiresAt(NOW.minus(SKEW).minusSeconds(1))))
                .isFalse();
    }

    @Test
    void configuredIssuerIsRequired() {
        assertThat(valid(jwt -> jwt.issuer("https://elsewhere.example"))).isFalse();
        assertThat(valid(jwt -> jwt.claims(claims -> claims.remove("iss")))).isFalse();
    }

    private boolean valid(UnaryOperator<Jwt.Builder> change) {
        Jwt.Builder jwt =
                Jwt.withTokenValue("t")
                        .header("alg", "HS256")
                        .subject("ada")
                        .issuer("https://issuer.example")
                        .issuedAt(NOW)
                        .expiresAt(NOW.plus(Duration.ofHours(1)));
        return !validator.validate(change.apply(jwt).build()).hasErrors();
    }
}
