package io.configservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec sends what Lettuce's composed codec of the same pair sends, byte for byte, for keys in
 * and beyond ASCII, and reads back what it wrote.
 */
class Utf8KeysByteValuesTests {

    private static final RedisCodec<String, byte[]> COMPOSED =
            RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    @ParameterizedTest
    @ValueSource(strings = {"", "cfg:svc:production", "clé-ünïcode", "emoji-😀-key", "\u0000"})
    void writesTheSameCommandArgumentsAsTheComposedCodec(String key) {
        byte[] value = ("{\"k\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(encoded(Utf8KeysByteValues.INSTANCE, key, value))
                .isEqualTo(encoded(COMPOSED, key, value));
    }

    @Test
    void readsBackWhatItWrote() {
        Utf8KeysByteValues codec = Utf8KeysByteValues.INSTANCE;
        byte[] value = {0, 1, (byte) 0xff};

        assertThat(codec.decodeKey(codec.encodeKey("clé"))).isEqualTo("clé");
        assertThat(codec.decodeValue(codec.encodeValue(value))).isEqualTo(value);
        assertThat(codec.estimateSize("clé")).isEqualTo(4);
        assertThat(codec.estimateSize(value)).isEqualTo(3);
    }

    private static byte[] encoded(RedisCodec<String, byte[]> codec, String key, byte[] value) {
        ByteBuf target = Unpooled.buffer();
        new CommandArgs<>(codec).addKey(key).addKeys("v", "d").addValue(value).encode(target);
        return ByteBufUtil.getBytes(target);
    }
}
