package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenFormatTests {

    private static final String TOKEN_SHAPE = "cst_[a-z0-9]{16}\\.[A-Za-z0-9_-]{43}";
    private static final String SECRET =
            "A".repeat(20) + "b-_9" + "z".repeat(19); // 43 url-safe characters

    @Test
    void newIdIsSixteenLowerCaseAlphanumerics() {
        assertThat(TokenFormat.newId()).matches("[a-z0-9]{16}");
    }

    @Test
    void newTokenHasPrefixIdAndUrlSafeUnpaddedSecret() {
        String id = TokenFormat.newId();

        String token = TokenFormat.newToken(id);

        assertThat(token).matches(TOKEN_SHAPE).startsWith("cst_" + id + ".");
        assertThat(token).doesNotContain("=", "+", "/");
    }

    @Test
    void twoNewTokensDiffer() {
        String id = TokenFormat.newId();

        assertThat(TokenFormat.newToken(id)).isNotEqualTo(TokenFormat.newToken(id));
        assertThat(TokenFormat.newId()).isNotEqualTo(TokenFormat.newId());
    }

    @Test
    void manyNewTokensAreAllDistinctAndWellFormed() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = TokenFormat.newToken(TokenFormat.newId());
            assertThat(token).matches(TOKEN_SHAPE);
            tokens.add(token);
        }
        assertThat(tokens).hasSize(200);
    }

    @Test
    void idOfReturnsIdOfNewToken() {
        String id = TokenFormat.newId();

        assertThat(TokenFormat.idOf(TokenFormat.newToken(id))).isEqualTo(id);
    }

    @Test
    void idOfReturnsIdOfWellFormedTokenWithShortId() {
        assertThat(TokenFormat.idOf("cst_abc12." + SECRET)).isEqualTo("abc12");
    }

    @Test
    void idOfBootstrapAdminTokenIsAdmin() {
        assertThat(TokenFormat.idOf(TokenFormat.newToken(TokenFormat.ADMIN_ID))).isEqualTo("admin");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                IntegrationTest.ADMIN_TOKEN,
                "cst_",
                "cst_abcdefgh",
                "cst_abcd.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // id too short (4)
                "cst_abcdefghijklmnopq.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // id too long
                // (17)
                "cst_ABCDEFGH.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // upper-case id
                "cst_abcdefgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // secret too short (42)
                "cst_abcdefgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // secret too long (44)
                "cst_abcdefgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // padded
                "cst_abcdefgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", // not url-safe
                "xst_abcdefgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // wrong prefix
                " cst_abcdefgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // leading space
                "cst_abcdefgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n" // trailing newline
            })
    void idOfAnythingElseIsAdmin(String token) {
        assertThat(TokenFormat.idOf(token)).isEqualTo("admin");
    }

    @Test
    void controlTokenWithEightCharacterIdIsParsed() {
        // guards the malformed cases above: the same shape with a valid id and 43-character secret
        // is accepted
        assertThat(TokenFormat.idOf("cst_abcdefgh.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
                .isEqualTo("abcdefgh");
    }

    @Test
    void hashIsSha256OfTokenAsSixtyFourLowerCaseHexCharacters() throws Exception {
        String token = TokenFormat.newToken(TokenFormat.newId());
        String expected =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(token.getBytes(StandardCharsets.UTF_8)));

        assertThat(TokenFormat.hash(token)).matches("[0-9a-f]{64}").isEqualTo(expected);
    }

    @Test
    void hashIsDeterministic() {
        String token = TokenFormat.newToken(TokenFormat.newId());

        assertThat(TokenFormat.hash(token)).isEqualTo(TokenFormat.hash(token));
    }

    @Test
    void differentTokensHaveDifferentHashes() {
        String id = TokenFormat.newId();

        assertThat(TokenFormat.hash(TokenFormat.newToken(id)))
                .isNotEqualTo(TokenFormat.hash(TokenFormat.newToken(id)));
    }

    @Test
    void sameHashIsTrueForEqualHashes() {
        String token = TokenFormat.newToken(TokenFormat.newId());

        assertThat(TokenFormat.sameHash(TokenFormat.hash(token), TokenFormat.hash(token))).isTrue();
    }

    @Test
    void sameHashIsFalseForDifferentHashes() {
        String a = TokenFormat.hash("token-a");
        String b = TokenFormat.hash("token-b");
        String lastCharacterChanged = a.substring(0, 63) + (a.charAt(63) == '0' ? '1' : '0');

        assertThat(TokenFormat.sameHash(a, b)).isFalse();
        assertThat(TokenFormat.sameHash(a, lastCharacterChanged)).isFalse();
        assertThat(TokenFormat.sameHash(a, a.substring(0, 63))).isFalse();
        assertThat(TokenFormat.sameHash(a, "")).isFalse();
    }
}
