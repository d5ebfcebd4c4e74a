package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JWTs signed by an identity provider's RSA key, checked against its JWK set fetched over HTTP,
 * named directly or found through the issuer's OpenID configuration; such a set without an audience
 * refuses to start unless the requirement is turned off.
 */
class OperatorTokensJwkSetTests {

    private HttpServer server;
    private RSAKey key;
    private OperatorTokens tokens;
    private String issuer;
    private String jwkSetUri;

    @BeforeEach
    void startJwkSet() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/jwks",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        byte[] discovery =
                ("{\"issuer\":\""
                                + base
                                + "/issuer\",\"jwks_uri\":\""
                                + base
                                + "/jwks\","
                                + "\"subject_types_supported\":[\"public\"]}")
                        .getBytes(StandardCharsets.UTF_8);
        server.createContext(
                "/issuer/.well-known/openid-configuration",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, discovery.length);
                    exchange.getResponseBody().write(discovery);
                    exchange.close();
                });
        issuer = base + "/issuer";
        jwkSetUri = base + "/jwks";
        tokens = new OperatorTokens(jwkSet("", "config-service", true), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void acceptsTokenSignedByTheJwkSetKeyWithNestedRoles() throws Exception {
        Caller caller =
                tokens.authenticate(sign(key, "config-service", List.of("approver", "unknown")))
                        .orElseThrow();

        assertThat(caller.actor()).isEqualTo("alice");
        assertThat(caller.roles()).containsExactly(Role.APPROVER);
        assertThat(caller.has(Role.READER)).isTrue();
        assertThat(caller.has(Role.OPERATOR)).isFalse();
        assertThat(caller.tokenId()).isNull();
    }

    @Test
    void refusesAnotherKeyOrAudienceOrNoAudience() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        assertThat(tokens.authenticate(sign(stranger, "config-service", List.of("admin"))))
                .isEmpty();
        assertThat(tokens.authenticate(sign(key, "another-service", List.of("admin")))).isEmpty();
        assertThat(tokens.authenticate(sign(key, null, null, List.of("admin")))).isEmpty();
    }

    @Test
    void jwkSetOrIssuerLocationWithoutAnAudienceRefusesToStart() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new OperatorTokens(jwkSet("", "", true), Clock.systemUTC()))
                .withMessageContaining("JWT_JWK_SET_URI is set without JWT_AUDIENCE")
                .withMessageContaining("JWT_AUDIENCE_REQUIRED=false");
        assertThatIllegalStateException()
                .isThrownBy(
                        () ->
                                new OperatorTokens(
                                        new JwtProperties(
                                                "",
                                                issuer,
                                                "",
                                                "",
                                                "",
                                                true,
                                                "realm_access.roles",
                                                Duration.ofHours(12)),
                                        Clock.systemUTC()))
                .withMessageContaining("JWT_ISSUER_URI is set without JWT_AUDIENCE");
    }

    @Test
    void issuerOtherThanTheIssuerUriRefusesToStart() {
        assertThatIllegalStateException()
                .isThrownBy(
                        () ->
                                new OperatorTokens(
                                        new JwtProperties(
                                                "",
                                                issuer,
                                                "",
                                                "https://idp.example",
                                                "config-service",
                                                true,
                                                "realm_access.roles",
                                                Duration.ofHours(12)),
                                        Clock.systemUTC()))
                .withMessageContaining(
                        "JWT_ISSUER (https://idp.example) differs from JWT_ISSUER_URI");
    }

    @Test
    void withTheAudienceRequirementTurnedOffAnyAudienceIsAccepted() throws Exception {
        OperatorTokens anyAudience = new OperatorTokens(jwkSet("", "", false), Clock.systemUTC());

        assertThat(anyAudience.authenticate(sign(key, null, null, List.of("reader")))).isPresent();
        assertThat(anyAudience.authenticate(sign(key, null, "another-service", List.of("reader"))))
                .isPresent();
    }

    @Test
    void configuredIssuerIsCheckedWithAJwkSet() throws Exception {
        OperatorTokens withIssuer =
                new OperatorTokens(
                        jwkSet("https://idp.example", "config-service", true), Clock.systemUTC());

        assertThat(
                        withIssuer.authenticate(
                                sign(
                                        key,
                                        "https://idp.example",
                                        "config-service",
                                        List.of("reader"))))
                .isPresent();
        assertThat(
                        withIssuer.authenticate(
                                sign(
                                        key,
                                        "https://elsewhere.example",
                                        "config-service",
                                        List.of("reader"))))
                .isEmpty();
        assertThat(withIssuer.authenticate(sign(key, null, "config-service", List.of("reader"))))
                .isEmpty();
    }

    @Test
    void issuerLocationFindsTheJwkSetAndChecksTheIssuer() throws Exception {
        OperatorTokens byIssuer =
                new OperatorTokens(
                        new JwtProperties(
                                "",
                                issuer,
                                "",
                                "",
                                "config-service",
                                true,
                                "realm_access.roles",
                                Duration.ofHours(12)),
                        Clock.systemUTC());

        assertThat(byIssuer.authenticate(sign(key, issuer, "config-service", List.of("auditor"))))
                .hasValueSatisfying(
                        caller -> assertThat(caller.roles()).containsExactly(Role.AUDITOR));
        assertThat(
                        byIssuer.authenticate(
                                sign(
                                        key,
                                        "https://elsewhere.example",
                                        "config-service",
                                        List.of("auditor"))))
                .isEmpty();
    }

    private JwtProperties jwkSet(String expectedIssuer, String audience, boolean audienceRequired) {
        return new JwtProperties(
                "",
                "",
                jwkSetUri,
                expectedIssuer,
                audience,
                audienceRequired,
                "realm_access.roles",
                Duration.ofHours(12));
    }

    private static String sign(RSAKey signingKey, String audience, List<String> roles)
            throws Exception {
        return sign(signingKey, null, audience, roles);
    }

    private static String sign(
            RSAKey signingKey,
            @Nullable String issuer,
            @Nullable String audience,
            List<String> roles)
            throws Exception {
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .issuer(issuer)
                        .audience(audience)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .claim("realm_access", Map.of("roles", roles))
                        .build();
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(signingKey.getKeyID())
                                .build(),
                        claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }
}
