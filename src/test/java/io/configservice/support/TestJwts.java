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

/**
 * Operator JWTs for tests, signed HS256 with the secret and naming the issuer the integration tests
 * configure.
 */
public final class TestJwts {

    public static final String SECRET = "test-jwt-secret-with-at-least-32-bytes!!";
    public static final String ISSUER = "https://operators.test.example";

    private TestJwts() {}

    public static String sign(String subject, String... roles) {
        return sign(claims(subject, roles).build());
    }

    public static String sign(String secret, String subject, Instant expiresAt, String... roles) {
        return sign(secret, claims(subject, roles).expirationTime(Date.from(expiresAt)).build());
    }

    /**
     * The claims {@link #sign(String, String...)} signs (issuer, issued now, expiring in an hour,
     * roles), for a test to change one of them.
     */
    public static JWTClaimsSet.Builder claims(String subject, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("roles", List.of(roles));
    }

    /** Signs exactly these claims with the test secret. */
    public static String sign(JWTClaimsSet claims) {
        return sign(SECRET, claims);
    }

    private static String sign(String secret, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
