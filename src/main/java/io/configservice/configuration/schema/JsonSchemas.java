package io.configservice.configuration.schema;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.InvalidSchemaRefException;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.DialectId;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compiles user-supplied JSON Schemas and checks JSON documents against them, reporting {@link
 * SchemaViolation}s.
 */
final class JsonSchemas {

    /** The default dialect, also selected by this {@code $schema} value. */
    static final String DRAFT_2020_12 = DialectId.DRAFT_2020_12;

    /** The other dialect accepted as a {@code $schema} value. */
    static final String DRAFT_07 = DialectId.DRAFT_7;

    /**
     * The meta-schema documents the library ships as classpath resources, under the ids that map
     * onto them.
     */
    private static final Set<String> BUNDLED_META_SCHEMAS =
            Set.of(
                    "https://json-schema.org/draft/2020-12/schema",
                    "https://json-schema.org/draft/2020-12/meta/core",
                    "https://json-schema.org/draft/2020-12/meta/applicator",
                    "https://json-schema.org/draft/2020-12/meta/unevaluated",
                    "https://json-schema.org/draft/2020-12/meta/validation",
                    "https://json-schema.org/draft/2020-12/meta/meta-data",
                    "https://json-schema.org/draft/2020-12/meta/format-annotation",
                    "https://json-schema.org/draft/2020-12/meta/format-assertion",
                    "https://json-schema.org/draft/2020-12/meta/content",
                    "http://json-schema.org/draft-07/schema");

    private static final Comparator<SchemaViolation> ORDER =
            Comparator.comparing(SchemaViolation::path).thenComparing(SchemaViolation::message);

    /*
     * Only the two dialects are registered, so a nested $schema naming any other dialect fails to compile instead of
     * the library trying to load that meta-schema. The loader fetches nothing remote (its default) and, on top, may
     * only load the meta-schemas the library bundles: the allow-list also shuts out classpath: and resource: IRIs,
     * which the default loader would otherwise read from the application's own classpath. Regular expressions run on
     * RE2/J (linear time), the meta-schemas' own patterns included.
     */
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDialects(
                    List.of(Dialects.getDraft202012(), Dialects.getDraft7()),
                    registry ->
                            registry.schemaRegistryConfig(
                                            SchemaRegistryConfig.builder()
                                                    .formatAssertionsEnabled(true)
                                                    .regularExpressionFactory(
                                                            LinearTimeRegularExpressionFactory
                                                                    .INSTANCE)
                                                    .build())
                                    .schemaLoader(
                                            loader ->
                                                    loader.fetchRemoteResources(false)
                                                            .allow(
                                                                    iri ->
                                                                            BUNDLED_META_SCHEMAS
                                                                                    .contains(
                                                                                            iri
                                                                                                    .toString()))));

    private static final Schema META_2020_12 = metaSchema(DRAFT_2020_12);
    private static final Schema META_07 = metaSchema(DRAFT_07);

    private JsonSchemas() {}

    /**
     * A schema that passed {@link #compile}, ready to check any number of documents; safe to share
     * between threads.
     */
    static final class CompiledSchema {

        private final Schema schema;

        private CompiledSchema(Schema schema) {
            this.schema = schema;
        }
    }

    /**
     * Checks the schema against its meta-schema and compiles it.
     *
     * <p>Without {@code $schema} the schema is JSON Schema 2020-12; {@code $schema} may instead
     * name 2020-12 or draft-07 (with or without the empty {@code #} fragment). {@code format} is
     * asserted, not just annotated, in both dialects: a schema author who writes {@code "format":
     * "email"} for a configuration value expects bad addresses to be refused, even though 2020-12
     * makes assertion optional. Formats the library does not know are ignored.
     *
     * <p>Every regular expression ({@code pattern}, {@code patternProperties}, {@code format:
     * regex}) is RE2 syntax matched in linear time (see {@link
     * LinearTimeRegularExpressionFactory}); one RE2 cannot run (backreferences, lookaround) breaks
     * the meta-schema's {@code format: regex} and makes the schema invalid.
     *
     * <p>{@code $ref}s resolve only within the schema itself (JSON pointers, anchors and embedded
     * {@code $id}s): a reference to anything else (http, https, file, classpath, ...) is never
     * fetched, and the schema is rejected here rather than failing later, so a stored schema cannot
     * make the service issue requests (SSRF) or read files.
     *
     * @throws ConfigurationSchemaException {@code INVALID}, with the problems as a list of {@link
     *     SchemaViolation}s whose paths point into the schema, when the schema is not an object,
     *     names an unsupported dialect, breaks its meta-schema or has a reference that cannot be
     *     resolved within it
     */
    static CompiledSchema compile(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            throw ConfigurationSchemaException.invalid(
                    "Schema must be a JSON object",
                    List.of(new SchemaViolation("", "must be object")));
        }
        // A private copy, because the compiled schema keeps pointing into the tree it was built
        // from.
        ObjectNode copy = object.deepCopy();
        Schema metaSchema = selectDialect(copy);
        List<SchemaViolation> problems = violations(metaSchema.validate(copy));
        if (!problems.isEmpty()) {
            throw ConfigurationSchemaException.invalid(
                    "Schema is not a valid JSON Schema", problems);
        }
        try {
            Schema compiled = REGISTRY.getSchema(copy);
            // The registry swallows reference failures while it preloads; resolving here surfaces
            // them now.
            compiled.initializeValidators();
            return new CompiledSchema(compiled);
        } catch (SchemaException e) {
            throw ConfigurationSchemaException.invalid(
                    "Schema cannot be compiled", List.of(compileProblem(copy, e)));
        }
    }

    /**
     * Checks a document against a compiled schema.
     *
     * @return every violation, not only the first, without duplicates, sorted by path and then by
     *     message; empty when the document conforms
     * @throws ConfigurationSchemaException {@code INVALID} should the schema turn out not to be
     *     evaluable after all
     */
    static List<SchemaViolation> validate(CompiledSchema schema, JsonNode document) {
        try {
            return violations(schema.schema.validate(document));
        } catch (SchemaException e) {
            throw ConfigurationSchemaException.invalid(
                    "Schema cannot be evaluated",
                    List.of(new SchemaViolation("", "schema cannot be evaluated")));
        }
    }

    private static Schema metaSchema(String dialectId) {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(dialectId));
        // Resolve the vocabulary meta-schemas once, at class initialisation, rather than on the
        // first request.
        metaSchema.initializeValidators();
        return metaSchema;
    }

    /**
     * Picks the meta-schema named by {@code $schema}, and writes its canonical id back so the
     * library finds it.
     */
    private static Schema selectDialect(ObjectNode schema) {
        JsonNode declared = schema.get("$schema");
        if (declared == null) {
            return META_2020_12;
        }
        if (declared.isString()) {
            String id = declared.asString();
            String withoutFragment = id.endsWith("#") ? id.substring(0, id.length() - 1) : id;
            if (withoutFragment.equals(DRAFT_2020_12)) {
                schema.put("$schema", DRAFT_2020_12);
                return META_2020_12;
            }
            if (withoutFragment.equals("http://json-schema.org/draft-07/schema")) {
                schema.put("$schema", DRAFT_07);
                return META_07;
            }
        }
        throw ConfigurationSchemaException.invalid(
                "Schema dialect is not supported",
                List.of(
                        new SchemaViolation(
                                "$schema",
                                "must be \"" + DRAFT_2020_12 + "\" or \"" + DRAFT_07 + "\"")));
    }

    private static SchemaViolation compileProblem(JsonNode schema, SchemaException e) {
        com.networknt.schema.Error error = e.getError();
        Object[] arguments = error == null ? null : error.getArguments();
        Object subject = arguments != null && arguments.length > 0 ? arguments[0] : null;
        if (e instanceof InvalidSchemaRefException && subject != null) {
            return new SchemaViolation(
                    referencePath(schema, subject.toString()),
                    "reference '" + subject + "' cannot be resolved");
        }
        if (subject instanceof AbsoluteIri iri) {
            return new SchemaViolation(
                    referencePath(schema, iri.toString()),
                    "reference to '"
                            + iri
                            + "' is not allowed: only references within the schema are resolved");
        }
        // The library's own message here only ever quotes the schema, never a document, so it is
        // safe to pass on.
        return new SchemaViolation(
                "",
                "schema cannot be compiled: " + Objects.toString(e.getMessage(), "unknown error"));
    }

    /**
     * The dot path of the first {@code $ref} or {@code $dynamicRef} that plausibly produced {@code
     * reference}: the library reports the resolved target (absolute, or a bare pointer), not where
     * the reference was written.
     */
    private static String referencePath(JsonNode schema, String reference) {
        String found = findReference(schema, reference, "");
        return found == null ? "" : found;
    }

    private static @Nullable String findReference(JsonNode node, String reference, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = member.getKey();
                JsonNode value = member.getValue();
                String childPath = path.isEmpty() ? name : path + "." + name;
                if ((name.equals("$ref") || name.equals("$dynamicRef")) && value.isString()) {
                    if (plausiblyProduced(value.asString(), reference)) {
                        return childPath;
                    }
                }
                String found = findReference(value, reference, childPath);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found =
                        findReference(
                                node.get(i), reference, path.isEmpty() ? "" + i : path + "." + i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Whether a reference written as {@code written} can be what the library reported as {@code
     * reference}.
     */
    private static boolean plausiblyProduced(String written, String reference) {
        // The library drops the fragment of a document it could not load, and resolves relative
        // references.
        int fragment = written.indexOf('#');
        String document = fragment > 0 ? written.substring(0, fragment) : written;
        return !document.isEmpty()
                && (reference.endsWith(written)
                        || written.endsWith(reference)
                        || reference.endsWith(document));
    }

    private static List<SchemaViolation> violations(List<com.networknt.schema.Error> errors) {
        List<SchemaViolation> violations = new ArrayList<>(errors.size());
        for (com.networknt.schema.Error error : errors) {
            violations.add(
                    new SchemaViolation(dotPath(error.getInstanceLocation()), message(error)));
        }
        // Alternatives (anyOf/oneOf branches) can fail in the same words at the same place; say it
        // once.
        return violations.stream().distinct().sorted(ORDER).toList();
    }

    private static String dotPath(@Nullable NodePath location) {
        if (location == null) {
            return "";
        }
        StringJoiner path = new StringJoiner(".");
        for (int i = 0; i < location.getNameCount(); i++) {
            path.add(String.valueOf(location.getElement(i)));
        }
        return path.toString();
    }

    /**
     * Rebuilds the message from the keyword, the constraint as written in the schema, and property
     * names or indexes: the library's own messages (and some of its arguments, for {@code const}
     * and {@code format}) quote the offending value, and configuration values may be secrets.
     */
    private static String message(com.networknt.schema.Error error) {
        String keyword = Objects.toString(error.getKeyword(), "");
        JsonNode constraint = error.getSchemaNode();
        Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
        String first = arguments.length > 0 ? String.valueOf(arguments[0]) : "?";
        String property = error.getProperty() != null ? error.getProperty() : first;
        return switch (keyword) {
            case "type" -> "must be " + types(constraint, arguments);
            case "required" -> "required property '" + property + "' is missing";
            case "dependentRequired" ->
                    "property '" + first + "' is required when '" + property + "' is present";
            case "dependencies" -> "dependencies of property '" + property + "' are not satisfied";
            case "additionalProperties", "unevaluatedProperties" ->
                    "property '" + property + "' is not allowed";
            case "propertyNames" -> "property name '" + property + "' is not valid";
            case "items", "additionalItems", "unevaluatedItems" ->
                    "item at index "
                            + (error.getIndex() != null ? error.getIndex() : first)
                            + " is not allowed";
            case "false" -> "is not allowed";
            case "enum" -> "must be one of " + written(constraint, first);
            case "const" -> "must be equal to " + written(constraint, first);
            case "minimum" -> "must be >= " + limit(constraint, first);
            case "maximum" -> "must be <= " + limit(constraint, first);
            case "exclusiveMinimum" -> "must be > " + limit(constraint, first);
            case "exclusiveMaximum" -> "must be < " + limit(constraint, first);
            case "multipleOf" -> "must be a multiple of " + limit(constraint, first);
            case "minLength" -> "must be at least " + limit(constraint, first) + " characters long";
            case "maxLength" -> "must be at most " + limit(constraint, first) + " characters long";
            case "minItems" -> "must have at least " + limit(constraint, first) + " items";
            case "maxItems" -> "must have at most " + limit(constraint, first) + " items";
            case "minProperties" ->
                    "must have at least " + limit(constraint, first) + " properties";
            case "maxProperties" -> "must have at most " + limit(constraint, first) + " properties";
            case "uniqueItems" -> "must not contain duplicate items";
            case "pattern" -> "must match the pattern " + written(constraint, first);
            case "format" ->
                    "regex".equals(first)
                            ? "must be a valid regex (RE2 syntax: no backreferences or lookaround)"
                            : "must be a valid " + first;
            // For contains/minContains/maxContains the first argument is the count the schema asks
            // for.
            case "contains", "minContains" ->
                    "must contain at least " + first + " matching item(s)";
            case "maxContains" -> "must contain at most " + first + " matching item(s)";
            case "oneOf" -> "must match exactly one schema in 'oneOf'";
            case "anyOf" -> "must match at least one schema in 'anyOf'";
            case "not" -> "must not match the schema in 'not'";
            default -> "does not satisfy '" + keyword + "'";
        };
    }

    private static String types(@Nullable JsonNode constraint, Object[] arguments) {
        if (constraint != null && constraint.isString()) {
            return constraint.asString();
        }
        if (constraint != null && constraint.isArray()) {
            StringJoiner types = new StringJoiner(" or ");
            constraint.forEach(type -> types.add(type.asString()));
            return types.toString();
        }
        return arguments.length > 1 ? String.valueOf(arguments[1]) : "of another type";
    }

    private static String limit(@Nullable JsonNode constraint, String fallback) {
        return constraint != null && constraint.isNumber() ? constraint.toString() : fallback;
    }

    private static String written(@Nullable JsonNode constraint, String fallback) {
        return constraint != null ? constraint.toString() : fallback;
    }
}
