package io.configservice.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The rate-limit buckets' codec: keys as UTF-8 text, values as the bytes Redis holds, written
 * straight into Lettuce's output buffer with their exact length. The composed codec Lettuce offers
 * for the same pair ({@code RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)}) can only
 * hand Lettuce a new {@link ByteBuffer} per key and value, allocated and copied on its event loop
 * for every argument of every command: 3 % of the cached read's CPU while the configuration cache
 * still used Lettuce (bench/RESULTS.md, 2026-12-06 midday).
 */
public final class Utf8KeysByteValues
        implements RedisCodec<String, byte[]>, ToByteBufEncoder<String, byte[]> {

    public static final Utf8KeysByteValues INSTANCE = new Utf8KeysByteValues();

    private Utf8KeysByteValues() {}

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return StringCodec.UTF8.decodeKey(bytes);
    }

    @Override
    public byte[] decodeValue(ByteBuffer bytes) {
        return ByteArrayCodec.INSTANCE.decodeValue(bytes);
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return StringCodec.UTF8.encodeKey(key);
    }

    @Override
    public ByteBuffer encodeValue(byte[] value) {
        return ByteArrayCodec.INSTANCE.encodeValue(value);
    }

    @Override
    public void encodeKey(@Nullable String key, ByteBuf target) {
        if (key != null) {
            ByteBufUtil.writeUtf8(target, key);
        }
    }

    @Override
    public void encodeValue(byte @Nullable [] value, ByteBuf target) {
        if (value != null) {
            target.writeBytes(value);
        }
    }

    @Override
    public int estimateSize(@Nullable Object keyOrValue) {
        if (keyOrValue instanceof byte[] bytes) {
            return bytes.length;
        }
        if (keyOrValue instanceof String text) {
            return ByteBufUtil.utf8Bytes(text);
        }
        return 0;
    }

    /** Both sizes are exact, so Lettuce writes each argument once, with no buffer of its own. */
    @Override
    public boolean isEstimateExact() {
        return true;
    }
}
