package io.configservice.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Tests {

    private static final String ABC =
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashesAsFips180Says() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void eachDigestStartsFresh() {
        MessageDigest first = Sha256.newDigest();
        first.update("not yet finished".getBytes(StandardCharsets.US_ASCII));
        MessageDigest second = Sha256.newDigest();

        assertThat(second).isNotSameAs(first);
        assertThat(
                        HexFormat.of()
                                .formatHex(
                                        second.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(ABC);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    }
}
