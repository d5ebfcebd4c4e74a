package io.configservice.configuration;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.configservice.cache.ConfigurationRead;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The envelope of a configuration read: the document and its meta are written as the pre-serialized
 * JSON held in the cache, without parsing them again. The hot reads write the same bytes without
 * Jackson ({@link ReadResponseBody}).
 */
public record ConfigurationReadResponse(
        boolean success,
        @JsonRawValue @Schema(type = "object", description = "The configuration document")
                String data,
        boolean cached,
        @JsonRawValue @Schema(implementation = ConfigurationMeta.class) String meta,
        Instant timestamp) {

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

    static ConfigurationReadResponse of(ConfigurationRead read) {
        return new ConfigurationReadResponse(
                true,
                read.entry().data().text(),
                read.cached(),
                read.entry().meta().text(),
                Instant.now());
    }
}
