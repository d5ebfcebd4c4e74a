package io.configservice.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * JSON text held as its UTF-8 bytes: the form Redis stores it in and a response writes it in, so a
 * cache hit goes from Redis to the socket without being decoded into a {@code String} and encoded
 * again (a sixth of what a cached read allocated went to those copies, bench/RESULTS.md, 2026-12-06
 * morning). Immutable: the bytes never leave except to an {@link OutputStream}. Equal by content.
 * {@link #toString()} does not show the text, which holds credential values when it is the result
 * of a resolving read.
 */
public final class Utf8Json {

    private final byte[] bytes;

    private Utf8Json(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Utf8Json of(String text) {
        return new Utf8Json(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes the array as it is: the caller gives it up. */
    static Utf8Json adopt(byte[] bytes) {
        return new Utf8Json(bytes);
    }

    /** The text, decoded (for the reads that parse the document). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The number of bytes {@link #writeTo} writes. */
    public int length() {
        return bytes.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** The bytes themselves, for Redis: not to be changed. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Utf8Json json && Arrays.equals(bytes, json.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Utf8Json[" + bytes.length + " bytes]";
    }
}
