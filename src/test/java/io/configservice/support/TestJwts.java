package io.configservice.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Operator JWTs for tests, signed HS256 with the secret the integration tests configure. */
public final class TestJwts {

    public static final String SECRET = "test-jwt-secret-with-at-least-32-bytes!!";

    private TestJwts() {
    }

    public static String sign(String subject, String... roles) {
        return sign(SECRET, subject, Instant.now().plus(Duration.ofHours(1)), roles);
    }

    public static String sign(String secret, String subject, Instant expiresAt, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
                .expirationTime(Date.from(expiresAt)).claim("roles", List.of(roles)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
