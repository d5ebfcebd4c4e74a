package io.configservice.configuration.document;

import io.configservice.persistence.DocumentLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.javaprop.JavaPropsMapper;
import tools.jackson.dataformat.javaprop.JavaPropsSchema;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLReadFeature;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes configuration documents as JSON, YAML or .properties text for export, and reads them back
 * for import.
 */
public final class ConfigurationFormats {

    // The default configservice.max-document-depth: a deeper YAML body or properties key describes
    // a tree the service
    // would refuse anyway, and the limit keeps the recursive code below far from the stack limit.
    private static final int MAX_DEPTH = DocumentLimits.DEFAULT_MAX_DEPTH;

    // Anchors and aliases let a few bytes of YAML describe a huge tree ("billion laughs").
    // SnakeYAML Engine's own
    // guards (LoadSettings maxAliasesForCollections, duplicate keys) live in its Composer and
    // Constructor, which
    // Jackson does not use: it reads the event stream, so only the scanner's code point limit
    // applies from there.
    // The expansion is bounded instead by Jackson's replaying parser (at most 9,999 replayed events
    // per alias), by a
    // token count and by the text the expanded tree holds (aliased strings share one instance in
    // the tree, but the
    // service stores and serves every copy). The limits are of the order of what a 1 MiB JSON body
    // (the default
    // configservice.max-request-bytes) can hold, so YAML cannot amplify a body far beyond what
    // plain JSON allows.
    private static final int MAX_YAML_CODE_POINTS = 4 * 1024 * 1024;
    private static final long MAX_YAML_TOKENS = 1_000_000;
    private static final long MAX_YAML_TEXT_CHARS = 4L * 1024 * 1024;

    private static final String YAML_TOO_LARGE =
            "YAML body is nested deeper than "
                    + MAX_DEPTH
                    + " levels or expands too much through aliases";

    // Jackson refuses longer number literals; a longer run of digits in a properties value is kept
    // as a string
    private static final int MAX_NUMBER_LENGTH = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

    // RFC 8259 number grammar; group 1 is the fraction and group 2 the exponent
    private static final Pattern JSON_NUMBER =
            Pattern.compile("-?(?:0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    // Key syntax: a name, then ".name" or "[index]" steps; names are non-empty and free of '.', '['
    // and ']', and an
    // index has no leading zero and at most nine digits, so it fits an int
    private static final Pattern FIRST_NAME = Pattern.compile("[^.\\[\\]]+");
    private static final Pattern NEXT_STEP =
            Pattern.compile("\\.([^.\\[\\]]+)|\\[(0|[1-9][0-9]{0,8})]");
    private static final String KEY_SYNTAX =
            "keys must be dot paths of non-empty names, with [index] for arrays";

    // Same rule as the JSON API (JsonConfig): a duplicated key is refused, not silently merged
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    // The default quoting is kept: MINIMIZE_QUOTES writes the string "10" as a bare 10, which reads
    // back as a number
    private static final YAMLMapper YAML_WRITER =
            YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    // The replaying factory expands aliases; the plain one would read "*defaults" as the string
    // "defaults"
    private static final YAMLMapper YAML_READER =
            YAMLMapper.builder(
                            YAMLAnchorReplayingFactory.builder()
                                    .loadSettings(
                                            LoadSettings.builder()
                                                    .setCodePointLimit(MAX_YAML_CODE_POINTS)
                                                    .build())
                                    .streamReadConstraints(
                                            StreamReadConstraints.builder()
                                                    .maxNestingDepth(MAX_DEPTH)
                                                    .maxTokenCount(MAX_YAML_TOKENS)
                                                    .build())
                                    .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    // YAML's own reading of "key:" with nothing after it; a quoted '' stays the
                    // empty string
                    .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL)
                    .build();

    private static final JavaPropsMapper PROPERTIES = new JavaPropsMapper();

    // Spring Boot's list notation: servers[0].host rather than the library's default servers.1.host
    private static final JavaPropsSchema PROPERTIES_SCHEMA =
            JavaPropsSchema.emptySchema().withWriteIndexUsingMarkers(true).withFirstArrayOffset(0);

    private ConfigurationFormats() {}

    /** A text format a configuration can be exported to and imported from. */
    public enum Format {
        JSON("application/json"),
        YAML("application/yaml", "application/x-yaml", "text/yaml"),
        PROPERTIES("text/x-java-properties");

        private final String mediaType;
        private final List<MediaType> accepted;

        Format(String mediaType, String... aliases) {
            this.mediaType = mediaType;
            List<MediaType> types = new ArrayList<>();
            types.add(MediaType.parseMediaType(mediaType));
            for (String alias : aliases) {
                types.add(MediaType.parseMediaType(alias));
            }
            this.accepted = List.copyOf(types);
        }

        /** The media type export answers with. */
        public String mediaType() {
            return mediaType;
        }

        /**
         * @param value the {@code format} query parameter: json, yaml or properties, in any case
         * @throws DocumentException {@code INVALID} for any other value
         */
        public static Format fromQuery(@Nullable String value) {
            if (value != null) {
                String lowerCase = value.toLowerCase(Locale.ROOT);
                for (Format format : values()) {
                    if (format.name().toLowerCase(Locale.ROOT).equals(lowerCase)) {
                        return format;
                    }
                }
            }
            throw DocumentException.invalid("format must be json, yaml or properties");
        }

        /**
         * The format of a request body by its type and subtype (parameters such as charset are
         * ignored).
         */
        public static Optional<Format> fromMediaType(@Nullable MediaType contentType) {
            if (contentType == null) {
                return Optional.empty();
            }
            for (Format format : values()) {
                for (MediaType type : format.accepted) {
                    if (type.equalsTypeAndSubtype(contentType)) {
                        return Optional.of(format);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Serializes a configuration document: JSON pretty-printed, YAML in block style without a
     * {@code ---} marker, both UTF-8 with members in document order.
     *
     * <p>Properties are written the way Spring Boot reads them: one {@code key=value} line per
     * leaf, nested objects as dot paths ({@code database.pool.size=10}), array elements as {@code
     * [i]} ({@code servers[0].host=a}), lines sorted by key (plain string order, so {@code a[10]}
     * sorts before {@code a[2]}), escaped as {@link Properties#store(java.io.OutputStream, String)}
     * does (printable ASCII, anything else as &#92;uXXXX), and without its date comment. Strings
     * are written as they are, numbers and booleans as their JSON text. What properties cannot
     * hold: JSON {@code null} is written as an empty value ({@code key=}) and reads back as the
     * empty string, and empty objects and arrays are left out. A member name holding a dot, such as
     * {@code "a.b"}, is written as it is and so reads back as nested objects, as Spring Boot would
     * read it.
     *
     * @throws DocumentException {@code INVALID} for properties when member names contain {@code .},
     *     {@code [} or {@code ]} (or are empty) so that the flattened keys collide or could not be
     *     read back
     */
    public static byte[] export(ObjectNode document, Format format) {
        return switch (format) {
            case JSON -> JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
            case YAML -> YAML_WRITER.writeValueAsBytes(document);
            case PROPERTIES -> exportProperties(document);
        };
    }

    /**
     * Reads a request body as a configuration document.
     *
     * <p>JSON and YAML (UTF-8) keep every JSON type: strings, numbers (read as the JSON API reads
     * them: int, long or BigInteger, decimals as double), booleans, null, objects and arrays, empty
     * ones included; a duplicated key is refused. YAML aliases are expanded, within limits: at most
     * 64 levels of nesting, a million tokens and 4 Mi characters of names and strings once
     * expanded. A merge key ({@code <<: *anchor}) works when it adds members; overriding a merged
     * member counts as a duplicated key. Tags never create Java types, and {@code !!binary} reads
     * as its base64 text. An empty value ({@code key:}) is null, as in YAML.
     *
     * <p>Properties are read as {@link Properties#load(java.io.InputStream)} reads them (ISO-8859-1
     * with &#92;uXXXX escapes), a key given twice is refused, and keys are unflattened back into
     * objects ({@code a.b}) and arrays ({@code a[0]}, indexes contiguous from 0). A value {@code
     * true} or {@code false} becomes a boolean, a JSON number literal a number (BigInteger or
     * BigDecimal when a long or double cannot hold it exactly), anything else a string. This is the
     * unavoidable loss of the format: a string that looks like a number or a boolean, such as
     * {@code "10"}, comes back as one, and an empty value comes back as the empty string, never
     * null. A body without entries is the empty document.
     *
     * @throws DocumentException {@code NOT_JSON} for a body that is not JSON; {@code INVALID} for
     *     YAML or properties that cannot be read, exceed the limits or have conflicting keys, and
     *     when the root is not an object. Messages never quote the body.
     */
    public static ObjectNode parse(byte[] body, Format format) {
        return switch (format) {
            case JSON -> parseJson(body);
            case YAML -> parseYaml(body);
            case PROPERTIES -> parseProperties(body);
        };
    }

    // JSON and YAML

    private static ObjectNode parseJson(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            // Jackson's message quotes the offending input
            throw new DocumentException(
                    DocumentException.Reason.NOT_JSON, "Body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new DocumentException(
                    DocumentException.Reason.NOT_JSON, "Body is not valid JSON");
        }
        if (!(root instanceof ObjectNode document)) {
            throw DocumentException.invalid("Body must be a JSON object");
        }
        return document;
    }

    private static ObjectNode parseYaml(byte[] body) {
        JsonNode root;
        try {
            root = YAML_READER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw DocumentException.invalid(YAML_TOO_LARGE);
        } catch (JacksonException | YamlEngineException e) {
            throw DocumentException.invalid("Body is not valid YAML");
        }
        if (!(root instanceof ObjectNode document)) {
            throw DocumentException.invalid("Body must be a YAML mapping");
        }
        if (textLength(document, MAX_YAML_TEXT_CHARS) > MAX_YAML_TEXT_CHARS) {
            throw DocumentException.invalid(YAML_TOO_LARGE);
        }
        binaryAsText(document);
        return document;
    }

    /**
     * Replaces {@code !!binary} values, the one tag for which Jackson makes a node that is not a
     * JSON type, by the base64 text the body held: a configuration holds JSON types only.
     */
    private static void binaryAsText(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                if (member.getValue() instanceof BinaryNode binary) {
                    object.set(member.getKey(), StringNode.valueOf(binary.asString()));
                } else {
                    binaryAsText(member.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof BinaryNode binary) {
                    array.set(i, StringNode.valueOf(binary.asString()));
                } else {
                    binaryAsText(array.get(i));
                }
            }
        }
    }

    /**
     * Characters of member names and strings in the tree, counted until they pass {@code limit}.
     */
    private static long textLength(JsonNode node, long limit) {
        if (node.isString()) {
            return node.stringValue().length();
        }
        long total = 0;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                total += member.getKey().length() + textLength(member.getValue(), limit - total);
                if (total > limit) {
                    break;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array.values()) {
                total += textLength(element, limit - total);
                if (total > limit) {
                    break;
                }
            }
        }
        return total;
    }

    // Properties: writing

    private static byte[] exportProperties(ObjectNode document) {
        // The library does the flattening; Properties.store does the escaping, one entry at a time
        // for a fixed order
        // (the library's own writer keeps document order and leaves a leading space of a value
        // unescaped).
        Properties flat;
        try {
            flat = PROPERTIES.writeValueAsProperties(document, PROPERTIES_SCHEMA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SortedMap<String, String> entries = new TreeMap<>();
        flat.forEach((key, value) -> entries.put((String) key, (String) value));
        // Properties is a map: {"a.b":1,"a":{"b":2}} flattens to two a.b lines of which only one
        // would survive
        if (entries.size() != leafCount(document)) {
            throw cannotExport("two members flatten to the same key");
        }
        // Export only what import accepts, so that member names such as "a" next to "a.b" fail
        // here, not later
        try {
            unflatten(entries);
        } catch (ShapeException e) {
            throw cannotExport(e.getMessage());
        }
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> text.append(propertyLine(key, value)).append('\n'));
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static DocumentException cannotExport(String reason) {
        return DocumentException.invalid(
                "Configuration cannot be exported as properties: " + reason);
    }

    /**
     * Scalars, null included, at any depth: the number of lines the flattened document must have.
     */
    private static int leafCount(JsonNode node) {
        if (!node.isContainer()) {
            return 1;
        }
        int count = 0;
        for (JsonNode child : node.values()) {
            count += leafCount(child);
        }
        return count;
    }

    private static String propertyLine(String key, String value) {
        Properties single = new Properties();
        single.setProperty(key, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            single.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // store() always starts with a "#<date>" comment; the escaped entry has no line break and
        // cannot start
        // with '#' (it is escaped), so it is the one line that is not a comment
        return out.toString(StandardCharsets.ISO_8859_1)
                .lines()
                .filter(line -> !line.startsWith("#"))
                .findFirst()
                .orElseThrow();
    }

    // Properties: reading. Hand-written because JavaPropsMapper reads leniently: it closes index
    // gaps, turns a key
    // that is both a value and a parent into an object with a "" member, skips empty path segments
    // and reads every
    // value as a string. Import must refuse the first three and infer types to round-trip what
    // export writes.

    private static ObjectNode parseProperties(byte[] body) {
        EntryCollector collector = new EntryCollector();
        try {
            collector.load(new ByteArrayInputStream(body));
        } catch (IllegalArgumentException e) {
            // a malformed backslash-u escape
            throw DocumentException.invalid("Body is not valid properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ShapeException e) {
            throw DocumentException.invalid("Body is not valid properties: " + e.getMessage());
        }
        try {
            return unflatten(collector.entries);
        } catch (ShapeException e) {
            throw DocumentException.invalid("Body is not valid properties: " + e.getMessage());
        }
    }

    /**
     * Properties that keeps entries in file order and refuses a key given twice instead of keeping
     * the last.
     */
    @SuppressWarnings("serial")
    private static final class EntryCollector extends Properties {

        private final Map<String, String> entries = new LinkedHashMap<>();

        // load() hands every entry to put()
        @Override
        public synchronized @Nullable Object put(Object key, Object value) {
            if (entries.putIfAbsent((String) key, (String) value) != null) {
                throw new ShapeException("a key is given more than once");
            }
            return null;
        }
    }

    /** A failure to shape flat keys into a tree, with a reason that never quotes the input. */
    private static final class ShapeException extends RuntimeException {

        ShapeException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One step of a flat key: a member name or an array index. */
    private sealed interface Step permits Name, Index {}

    /** A member name step, as in {@code a.name}. */
    private record Name(String value) implements Step {}

    /** An array index step, as in {@code a[0]}. */
    private record Index(int value) implements Step {}

    /**
     * A node of the tree being rebuilt from flat keys, before array indexes are known to be
     * contiguous.
     */
    private sealed interface Slot permits Leaf, Members, Elements {}

    /** A value, still as text. */
    private record Leaf(String text) implements Slot {}

    /** An object, members in first-seen order. */
    private record Members(Map<String, Slot> byName) implements Slot {}

    /** An array, elements by index. */
    private record Elements(SortedMap<Integer, Slot> byIndex) implements Slot {}

    private static ObjectNode unflatten(Map<String, String> entries) {
        Members root = new Members(new LinkedHashMap<>());
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            List<Step> steps = steps(entry.getKey());
            Slot parent = root;
            for (int i = 0; i < steps.size(); i++) {
                Slot child;
                if (i == steps.size() - 1) {
                    child = new Leaf(entry.getValue());
                } else if (steps.get(i + 1) instanceof Index) {
                    child = new Elements(new TreeMap<>());
                } else {
                    child = new Members(new LinkedHashMap<>());
                }
                parent = attach(parent, steps.get(i), child);
            }
        }
        return (ObjectNode) toNode(root);
    }

    /** Splits {@code a.b[0].c} into steps; the first is always a name. */
    private static List<Step> steps(String key) {
        Matcher matcher = FIRST_NAME.matcher(key);
        if (!matcher.lookingAt()) {
            throw new ShapeException(KEY_SYNTAX);
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Name(matcher.group()));
        int position = matcher.end();
        matcher.usePattern(NEXT_STEP);
        while (position < key.length()) {
            if (!matcher.region(position, key.length()).lookingAt()) {
                throw new ShapeException(KEY_SYNTAX);
            }
            steps.add(
                    matcher.group(1) != null
                            ? new Name(matcher.group(1))
                            : new Index(Integer.parseInt(matcher.group(2))));
            if (steps.size() > MAX_DEPTH) {
                throw new ShapeException("keys are nested deeper than " + MAX_DEPTH + " levels");
            }
            position = matcher.end();
        }
        return steps;
    }

    /**
     * Puts {@code child} under {@code parent} at {@code step}, or returns the slot already there if
     * it fits.
     */
    private static Slot attach(Slot parent, Step step, Slot child) {
        // parent is Members for a name step and Elements for an index step: unflatten() makes it
        // from this step
        Slot existing =
                step instanceof Name name
                        ? ((Members) parent).byName().putIfAbsent(name.value(), child)
                        : ((Elements) parent).byIndex().putIfAbsent(((Index) step).value(), child);
        if (existing == null) {
            return child;
        }
        if (existing instanceof Leaf || child instanceof Leaf) {
            throw new ShapeException("a key has a value and also keys below it");
        }
        if (existing.getClass() != child.getClass()) {
            throw new ShapeException("a key has both names and [index] below it");
        }
        return existing;
    }

    private static JsonNode toNode(Slot slot) {
        if (slot instanceof Leaf leaf) {
            return scalar(leaf.text());
        }
        if (slot instanceof Members members) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            members.byName().forEach((name, child) -> object.set(name, toNode(child)));
            return object;
        }
        SortedMap<Integer, Slot> byIndex = ((Elements) slot).byIndex();
        // Distinct indexes from 0 are contiguous exactly when the last is size - 1. A gap means a
        // missing line;
        // closing it would silently move the later elements to other positions.
        if (byIndex.lastKey() != byIndex.size() - 1) {
            throw new ShapeException("array indexes must run from [0] without gaps");
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode(byIndex.size());
        byIndex.values().forEach(child -> array.add(toNode(child)));
        return array;
    }

    /**
     * The typed value of a properties value: what export writes for a boolean or a number reads
     * back as one.
     */
    private static JsonNode scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return BooleanNode.valueOf(text.equals("true"));
        }
        if (text.length() > MAX_NUMBER_LENGTH) {
            return StringNode.valueOf(text);
        }
        Matcher number = JSON_NUMBER.matcher(text);
        if (!number.matches()) {
            return StringNode.valueOf(text);
        }
        if (number.group(1) == null && number.group(2) == null) {
            return integer(new BigInteger(text));
        }
        return decimal(text);
    }

    // The node types Jackson's JSON parser picks, so that a document compares equal whichever
    // format it came in
    private static JsonNode integer(BigInteger value) {
        if (value.bitLength() < Integer.SIZE) {
            return IntNode.valueOf(value.intValue());
        }
        if (value.bitLength() < Long.SIZE) {
            return LongNode.valueOf(value.longValue());
        }
        return BigIntegerNode.valueOf(value);
    }

    private static JsonNode decimal(String text) {
        BigDecimal exact;
        try {
            exact = new BigDecimal(text);
        } catch (NumberFormatException e) {
            // an exponent beyond the int range
            return StringNode.valueOf(text);
        }
        // A double, as the JSON parser gives, when the double prints back as the same number (true
        // of anything export
        // wrote from a double); otherwise a BigDecimal so that no digit is lost.
        double approximate = exact.doubleValue();
        if (Double.isFinite(approximate)
                && new BigDecimal(Double.toString(approximate)).compareTo(exact) == 0) {
            return DoubleNode.valueOf(approximate);
        }
        return DecimalNode.valueOf(exact);
    }
}
