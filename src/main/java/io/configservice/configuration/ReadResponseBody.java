package io.configservice.configuration;

import io.configservice.cache.ConfigurationRead;
import io.configservice.cache.Utf8Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The body of a hot read ({@link HotReads}): the bytes Jackson writes for the {@link
 * ConfigurationReadResponse} of the same read, written as the few members around the cached
 * document and meta, which go to the response as they came from the cache, without running Jackson
 * or copying them into one array first.
 */
final class ReadResponseBody {

    private static final byte[] SUCCESS_DATA =
            "{\"success\":true,\"data\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CACHED_TRUE_META =
            ",\"cached\":true,\"meta\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CACHED_FALSE_META =
            ",\"cached\":false,\"meta\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIMESTAMP = ",\"timestamp\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.UTF_8);

    private final Utf8Json data;
    private final byte[] cachedMeta;
    private final Utf8Json meta;
    private final byte[] timestamp;

    ReadResponseBody(ConfigurationRead read, Instant timestamp) {
        this.data = read.entry().data();
        this.cachedMeta = read.cached() ? CACHED_TRUE_META : CACHED_FALSE_META;
        this.meta = read.entry().meta();
        this.timestamp = timestamp.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The number of bytes {@link #writeTo} writes: the response's {@code Content-Length}. */
    int length() {
        return SUCCESS_DATA.length
                + data.length()
                + cachedMeta.length
                + meta.length()
                + TIMESTAMP.length
                + timestamp.length
                + END.length;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(SUCCESS_DATA);
        data.writeTo(out);
        out.write(cachedMeta);
        meta.writeTo(out);
        out.write(TIMESTAMP);
        out.write(timestamp);
        out.write(END);
    }
}
