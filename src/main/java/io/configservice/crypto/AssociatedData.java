package io.configservice.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds additional authenticated data from several fields without ambiguity: each field is written
 * as its 4-byte length and its UTF-8 bytes, so {@code ("ab","c")} and {@code ("a","bc")} never
 * produce the same bytes.
 */
public final class AssociatedData {

    private AssociatedData() {}

    public static byte[] of(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
