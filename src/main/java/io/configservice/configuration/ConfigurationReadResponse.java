package io.configservice.configuration;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.configservice.cache.ConfigurationRead;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The envelope of a configuration read: the document and its meta are written as the pre-serialized
 * JSON held in the cache, without parsing them again.
 */
public record ConfigurationReadResponse(
        boolean success,
        @JsonRawValue @Schema(type = "object", description = "The configuration document")
                String data,
        boolean cached,
        @JsonRawValue @Schema(implementation = ConfigurationMeta.class) String meta,
        Instant timestamp) {

    private static final byte[] SUCCESS_DATA =
            "{\"success\":true,\"data\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CACHED_TRUE_META =
            ",\"cached\":true,\"meta\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CACHED_FALSE_META =
            ",\"cached\":false,\"meta\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIMESTAMP = ",\"timestamp\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.UTF_8);

    /**
     * Without the document, which holds credential values when it is the result of a resolving
     * read.
     */
    @Override
    public String toString() {
        return "ConfigurationReadResponse[success="
                + success
                + ", cached="
                + cached
                + ", meta="
                + meta
                + ", timestamp="
                + timestamp
                + "]";
    }

    /**
     * The envelope as JSON, the same bytes Jackson writes: the pre-serialized document and meta
     * concatenated with the few members around them, without running Jackson.
     */
    public byte[] toJson() {
        byte[] document = data.getBytes(StandardCharsets.UTF_8);
        byte[] cachedMeta = cached ? CACHED_TRUE_META : CACHED_FALSE_META;
        byte[] metaBytes = meta.getBytes(StandardCharsets.UTF_8);
        byte[] time = timestamp.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] json =
                new byte
                        [SUCCESS_DATA.length
                                + document.length
                                + cachedMeta.length
                                + metaBytes.length
                                + TIMESTAMP.length
                                + time.length
                                + END.length];
        int at = append(json, 0, SUCCESS_DATA);
        at = append(json, at, document);
        at = append(json, at, cachedMeta);
        at = append(json, at, metaBytes);
        at = append(json, at, TIMESTAMP);
        at = append(json, at, time);
        append(json, at, END);
        return json;
    }

    private static int append(byte[] target, int at, byte[] part) {
        System.arraycopy(part, 0, target, at, part.length);
        return at + part.length;
    }

    static ConfigurationReadResponse of(ConfigurationRead read) {
        return new ConfigurationReadResponse(
                true, read.entry().data(), read.cached(), read.entry().meta(), Instant.now());
    }
}
