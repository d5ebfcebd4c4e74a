package io.configservice.cache;

import org.jspecify.annotations.Nullable;

/**
 * A configuration as served, kept pre-serialized so a cache hit costs no JSON work.
 *
 * @param version the configuration version the entry holds; entries only ever move to a higher
 *     version
 * @param data the document as canonical JSON text (members sorted, no spaces): its SHA-256 is the
 *     checksum
 * @param meta the {@code meta} object as JSON text
 * @param revision an effective configuration's revision (its {@code ETag}), kept beside {@code
 *     meta} so that a hit needs no parsing; null for a service's own document, and in effective
 *     entries cached before it was stored
 */
public record CachedConfiguration(
        int version, Utf8Json data, Utf8Json meta, @Nullable Long revision) {

    public CachedConfiguration(int version, String data, String meta, @Nullable Long revision) {
        this(version, Utf8Json.of(data), Utf8Json.of(meta), revision);
    }

    /** An entry without a revision: a service's own document. */
    public CachedConfiguration(int version, String data, String meta) {
        this(version, data, meta, null);
    }

    /**
     * Without the document, which holds credential values when it is the result of a resolving
     * read.
     */
    @Override
    public String toString() {
        return "CachedConfiguration[version=" + version + ", meta=" + meta.text() + "]";
    }
}
