package io.configservice.configuration.document;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A dot path into a configuration document, such as {@code database.pool.size}. Each segment is an
 * object field, or an array index when the node it applies to is an array.
 */
public record KeyPath(String text, List<String> segments) {

    static final int MAX_LENGTH = 512;
    static final int MAX_SEGMENTS = 32;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /**
     * @throws DocumentException {@code INVALID} when the path is empty, too long or has an invalid
     *     segment
     */
    public static KeyPath parse(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw DocumentException.invalid("Key must be 1 to " + MAX_LENGTH + " characters");
        }
        List<String> segments = List.of(text.split("\\.", -1));
        if (segments.size() > MAX_SEGMENTS) {
            throw DocumentException.invalid("Key has more than " + MAX_SEGMENTS + " segments");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw DocumentException.invalid(
                        "Key '"
                                + text
                                + "' is invalid: segments are letters, digits, '_' or '-', separated by dots");
            }
        }
        return new KeyPath(text, segments);
    }

    String last() {
        return segments.get(segments.size() - 1);
    }

    List<String> parent() {
        return segments.subList(0, segments.size() - 1);
    }
}
