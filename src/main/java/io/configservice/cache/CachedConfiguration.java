package io.configservice.cache;

/**
 * A configuration as served, kept pre-serialized so a cache hit costs no JSON work.
 *
 * @param version the configuration version the entry holds; entries only ever move to a higher version
 * @param data the document as canonical JSON text (members sorted, no spaces): its SHA-256 is the checksum
 * @param meta the {@code meta} object as JSON text
 */
public record CachedConfiguration(int version, String data, String meta) {

    /** Without the document, which holds credential values when it is the result of a resolving read. */
    @Override
    public String toString() {
        return "CachedConfiguration[version=" + version + ", meta=" + meta + "]";
    }
}
