package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWTs signed by an identity provider's RSA key, checked against its JWK set fetched over HTTP. */
class OperatorTokensJwkSetTests {

    private HttpServer server;
    private RSAKey key;
    private OperatorTokens tokens;

    @BeforeEach
    void startJwkSet() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        tokens = new OperatorTokens(new JwtProperties("", "", uri, "config-service", "realm_access.roles"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void acceptsTokenSignedByTheJwkSetKeyWithNestedRoles() throws Exception {
        Caller caller = tokens.authenticate(sign(key, "config-service", List.of("approver", "unknown"))).orElseThrow();

        assertThat(caller.actor()).isEqualTo("alice");
        assertThat(caller.roles()).containsExactly(Role.APPROVER);
        assertThat(caller.has(Role.READER)).isTrue();
        assertThat(caller.has(Role.OPERATOR)).isFalse();
        assertThat(caller.tokenId()).isNull();
    }

    @Test
    void refusesAnotherKeyOrAudience() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        assertThat(tokens.authenticate(sign(stranger, "config-service", List.of("admin")))).isEmpty();
        assertThat(tokens.authenticate(sign(key, "another-service", List.of("admin")))).isEmpty();
    }

    private static String sign(RSAKey signingKey, String audience, List<String> roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice").audience(audience)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("realm_access", Map.of("roles", roles)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }
}
