package io.configservice.configuration.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.configservice.configuration.schema.JsonSchemas.CompiledSchema;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonSchemasTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SERVICE_SCHEMA =
            """
            {
              "type": "object",
              "required": ["url", "database"],
              "additionalProperties": false,
              "properties": {
                "url": { "type": "string" },
                "mode": { "enum": ["dev", "prod"] },
                "database": {
                  "type": "object",
                  "properties": {
                    "pool": {
                      "type": "object",
                      "properties": { "size": { "type": "integer", "minimum": 1 } }
                    }
                  }
                },
                "servers": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["host"],
                    "properties": { "host": { "type": "string" }, "port": { "type": "integer", "maximum": 65535 } }
                  }
                }
              }
            }
            """;

    private static JsonNode node(String json) {
        return JSON.readTree(json);
    }

    private static List<SchemaViolation> check(String schema, String document) {
        return JsonSchemas.validate(JsonSchemas.compile(node(schema)), node(document));
    }

    private static ConfigurationSchemaException compileFailure(String schema) {
        ConfigurationSchemaException e =
                catchThrowableOfType(
                        ConfigurationSchemaException.class,
                        () -> JsonSchemas.compile(node(schema)));
        assertThat(e).as("expected a ConfigurationSchemaException").isNotNull();
        return e;
    }

    @SuppressWarnings("unchecked")
    private static List<SchemaViolation> details(ConfigurationSchemaException e) {
        assertThat(e.details()).allMatch(SchemaViolation.class::isInstance);
        return (List<SchemaViolation>) e.details();
    }

    // validate

    @Test
    void conformingDocumentHasNoViolations() {
        assertThat(
                        check(
                                SERVICE_SCHEMA,
                                """
                {"url": "https://example.org", "mode": "prod", "database": {"pool": {"size": 5}},
                 "servers": [{"host": "a", "port": 80}, {"host": "b"}]}
                """))
                .isEmpty();
    }

    @Test
    void wrongTypeDeepInsideIsReportedAtItsDotPath() {
        assertThat(
                        check(
                                SERVICE_SCHEMA,
                                "{\"url\": \"u\", \"database\": {\"pool\": {\"size\": \"big\"}}}"))
                .containsExactly(new SchemaViolation("database.pool.size", "must be integer"));
    }

    @Test
    void wrongTypeAtTheRootIsReportedAtTheEmptyPath() {
        assertThat(check(SERVICE_SCHEMA, "[1, 2]"))
                .containsExactly(new SchemaViolation("", "must be object"));
    }

    @Test
    void unionTypeNamesEveryAllowedType() {
        assertThat(
                        check(
                                "{\"properties\": {\"t\": {\"type\": [\"string\", \"null\"]}}}",
                                "{\"t\": 1}"))
                .containsExactly(new SchemaViolation("t", "must be string or null"));
    }

    @Test
    void missingRequiredPropertyIsReportedOnItsParentObject() {
        assertThat(check(SERVICE_SCHEMA, "{\"database\": {}}"))
                .containsExactly(new SchemaViolation("", "required property 'url' is missing"));
    }

    @Test
    void violationsInsideArrayElementsCarryTheElementIndex() {
        assertThat(
                        check(
                                SERVICE_SCHEMA,
                                """
                {"url": "u", "database": {}, "servers": [{"host": "a"}, {"port": 70000}, {"host": 7}]}
                """))
                .containsExactly(
                        new SchemaViolation("servers.1", "required property 'host' is missing"),
                        new SchemaViolation("servers.1.port", "must be <= 65535"),
                        new SchemaViolation("servers.2.host", "must be string"));
    }

    @Test
    void belowMinimumNamesTheBound() {
        assertThat(
                        check(
                                SERVICE_SCHEMA,
                                "{\"url\": \"u\", \"database\": {\"pool\": {\"size\": 0}}}"))
                .containsExactly(new SchemaViolation("database.pool.size", "must be >= 1"));
    }

    @Test
    void valueOutsideEnumListsTheAllowedValues() {
        assertThat(check(SERVICE_SCHEMA, "{\"url\": \"u\", \"database\": {}, \"mode\": \"test\"}"))
                .containsExactly(new SchemaViolation("mode", "must be one of [\"dev\",\"prod\"]"));
    }

    @Test
    void undeclaredPropertyIsNamedWhenAdditionalPropertiesAreForbidden() {
        assertThat(check(SERVICE_SCHEMA, "{\"url\": \"u\", \"database\": {}, \"extra\": true}"))
                .containsExactly(new SchemaViolation("", "property 'extra' is not allowed"));
    }

    @Test
    void everyViolationIsReportedTogetherSortedByPathThenMessage() {
        List<SchemaViolation> violations =
                check(
                        SERVICE_SCHEMA,
                        """
                {"mode": "test", "extra": 1, "database": {"pool": {"size": 0}}, "servers": [{"host": 1}]}
                """);

        assertThat(violations)
                .containsExactly(
                        new SchemaViolation("", "property 'extra' is not allowed"),
                        new SchemaViolation("", "required property 'url' is missing"),
                        new SchemaViolation("database.pool.size", "must be >= 1"),
                        new SchemaViolation("mode", "must be one of [\"dev\",\"prod\"]"),
                        new SchemaViolation("servers.0.host", "must be string"));
    }

    @Test
    void compiledSchemaCanBeReusedForManyDocuments() {
        CompiledSchema schema = JsonSchemas.compile(node(SERVICE_SCHEMA));

        assertThat(JsonSchemas.validate(schema, node("{\"url\": \"u\", \"database\": {}}")))
                .isEmpty();
        assertThat(JsonSchemas.validate(schema, node("{\"database\": {}}"))).hasSize(1);
        assertThat(JsonSchemas.validate(schema, node("{\"url\": \"u\", \"database\": {}}")))
                .isEmpty();
    }

    @Test
    void messagesNeverRepeatTheOffendingValue() {
        String schema =
                """
                {"properties": {
                  "password": {"type": "string", "maxLength": 5},
                  "token": {"minLength": 50, "pattern": "^[0-9]+$"},
                  "mode": {"enum": ["dev", "prod"]},
                  "fixed": {"const": "expected"},
                  "mail": {"format": "email"},
                  "plain": {"not": {"type": "string"}},
                  "either": {"oneOf": [{"type": "integer"}, {"type": "boolean"}]},
                  "size": {"type": "integer"}
                }}
                """;
        List<SchemaViolation> violations =
                check(
                        schema,
                        """
                {"password": "s3cr3t-value", "token": "s3cr3t-value", "mode": "s3cr3t-value", "fixed": "s3cr3t-value",
                 "mail": "s3cr3t-value", "plain": "s3cr3t-value", "either": "s3cr3t-value", "size": "s3cr3t-value"}
                """);

        assertThat(violations)
                .hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(violation -> assertThat(violation.message()).doesNotContain("s3cr3t"));
        assertThat(violations)
                .contains(
                        new SchemaViolation("password", "must be at most 5 characters long"),
                        new SchemaViolation("token", "must match the pattern \"^[0-9]+$\""),
                        new SchemaViolation("fixed", "must be equal to \"expected\""),
                        new SchemaViolation("mail", "must be a valid email"));
    }

    @Test
    void formatIsAssertedAndUnknownFormatsAreIgnored() {
        String schema =
                "{\"properties\": {\"mail\": {\"format\": \"email\"}, \"odd\": {\"format\": \"made-up\"}}}";

        assertThat(check(schema, "{\"mail\": \"ops@example.org\", \"odd\": \"anything\"}"))
                .isEmpty();
        assertThat(check(schema, "{\"mail\": \"not an address\"}"))
                .containsExactly(new SchemaViolation("mail", "must be a valid email"));
    }

    // dialects

    @Test
    void schemaWithoutDialectIsDraft2020_12() {
        // prefixItems only exists in 2020-12; under draft-07 it would be ignored and the document
        // would pass.
        String schema =
                "{\"properties\": {\"pair\": {\"prefixItems\": [{\"type\": \"string\"}], \"items\": false}}}";

        assertThat(check(schema, "{\"pair\": [1, 2]}"))
                .containsExactly(
                        new SchemaViolation("pair", "item at index 1 is not allowed"),
                        new SchemaViolation("pair.0", "must be string"));
    }

    @Test
    void draft2020_12SchemaResolvesDefsReferences() {
        String schema =
                """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "$defs": {"port": {"type": "integer", "minimum": 1}},
                 "properties": {"http": {"$ref": "#/$defs/port"}, "admin": {"$ref": "#/$defs/port"}}}
                """;

        assertThat(check(schema, "{\"http\": 0, \"admin\": \"x\"}"))
                .containsExactly(
                        new SchemaViolation("admin", "must be integer"),
                        new SchemaViolation("http", "must be >= 1"));
    }

    @Test
    void draft07SchemaResolvesDefinitionsReferencesWithDraft07Semantics() {
        String schema =
                """
                {"$schema": "http://json-schema.org/draft-07/schema#",
                 "definitions": {"port": {"type": "integer", "minimum": 1}},
                 "properties": {
                   "http": {"$ref": "#/definitions/port"},
                   "pair": {"items": [{"type": "string"}], "additionalItems": false}
                 }}
                """;

        assertThat(check(schema, "{\"http\": 1, \"pair\": [\"a\"]}")).isEmpty();
        assertThat(check(schema, "{\"http\": 0, \"pair\": [1, 2]}"))
                .containsExactly(
                        new SchemaViolation("http", "must be >= 1"),
                        new SchemaViolation("pair", "item at index 1 is not allowed"),
                        new SchemaViolation("pair.0", "must be string"));
    }

    @Test
    void dialectIdIsAcceptedWithOrWithoutTheEmptyFragment() {
        assertThat(
                        check(
                                "{\"$schema\": \"http://json-schema.org/draft-07/schema\", \"type\": \"object\"}",
                                "1"))
                .containsExactly(new SchemaViolation("", "must be object"));
        assertThat(
                        check(
                                "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema#\", \"type\": \"object\"}",
                                "1"))
                .containsExactly(new SchemaViolation("", "must be object"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"http://json-schema.org/draft-04/schema#\"",
                "\"https://json-schema.org/draft/2019-09/schema\"",
                "\"https://example.com/my-meta-schema\"",
                "42"
            })
    void unknownDialectIsAnInvalidSchema(String dialect) {
        ConfigurationSchemaException e =
                compileFailure("{\"$schema\": " + dialect + ", \"type\": \"object\"}");

        assertThat(e.reason()).isEqualTo(ConfigurationSchemaException.Reason.INVALID);
        assertThat(details(e))
                .singleElement()
                .extracting(SchemaViolation::path)
                .isEqualTo("$schema");
    }

    @Test
    void unknownDialectOfAnEmbeddedResourceIsAnInvalidSchema() {
        ConfigurationSchemaException e =
                compileFailure(
                        """
                {"$defs": {"old": {"$id": "urn:example:old", "$schema": "http://json-schema.org/draft-04/schema#"}},
                 "properties": {"a": {"$ref": "urn:example:old"}}}
                """);

        assertThat(e.reason()).isEqualTo(ConfigurationSchemaException.Reason.INVALID);
    }

    // invalid schemas

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "\"object\"",
                "true",
                "{\"type\": \"nonsense\"}",
                "{\"minimum\": \"x\"}",
                "{\"required\": \"url\"}",
                "{\"properties\": {\"a\": {\"maxLength\": -1}}}",
                "{\"pattern\": \"(unclosed\"}",
                "{\"$ref\": \"#/$defs/missing\"}"
            })
    void malformedSchemaIsAnInvalidSchema(String schema) {
        ConfigurationSchemaException e = compileFailure(schema);

        assertThat(e.reason()).isEqualTo(ConfigurationSchemaException.Reason.INVALID);
        assertThat(e.getMessage()).isNotBlank();
        assertThat(details(e)).isNotEmpty();
    }

    // regular expressions run in linear time (RE2)

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"properties\": {\"v\": {\"pattern\": \"^(a+)+\\\\1$\"}}}",
                "{\"properties\": {\"v\": {\"pattern\": \"^(?=a)a$\"}}}",
                "{\"properties\": {\"v\": {\"pattern\": \"(?<!b)a\"}}}",
                "{\"patternProperties\": {\"^(x)\\\\1$\": {\"type\": \"string\"}}}",
                "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"pattern\": \"(?!a)\"}"
            })
    void patternWithBackreferenceOrLookaroundIsAnInvalidSchema(String schema) {
        ConfigurationSchemaException e = compileFailure(schema);

        assertThat(e.reason()).isEqualTo(ConfigurationSchemaException.Reason.INVALID);
        assertThat(details(e))
                .isNotEmpty()
                .allSatisfy(violation -> assertThat(violation.path()).isNotEmpty());
    }

    @Test
    void backreferencePatternIsReportedWhereItIsWritten() {
        ConfigurationSchemaException e =
                compileFailure("{\"properties\": {\"v\": {\"pattern\": \"^(a+)+\\\\1$\"}}}");

        assertThat(details(e))
                .containsExactly(
                        new SchemaViolation(
                                "properties.v.pattern",
                                "must be a valid regex (RE2 syntax: no backreferences or lookaround)"));
    }

    @Test
    void catastrophicBacktrackingPatternIsMatchedInLinearTime() {
        String schema =
                """
                {"properties": {"v": {"pattern": "^(a+)+$"}},
                 "patternProperties": {"^(b|bb)+$": {"type": "integer"}}}
                """;
        String shortAttack =
                "{\"v\": \"" + "a".repeat(40) + "!\", \"" + "b".repeat(40) + "!\": \"x\"}";
        String longValue =
                "{\"v\": \"" + "a".repeat(100_000) + "!\", \"" + "b".repeat(40_000) + "!\": \"x\"}";

        List<SchemaViolation> violations =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check(schema, shortAttack));
        List<SchemaViolation> longViolations =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check(schema, longValue));

        assertThat(violations)
                .containsExactly(new SchemaViolation("v", "must match the pattern \"^(a+)+$\""));
        assertThat(longViolations).isEqualTo(violations);
    }

    @Test
    void patternsKeepEcmaScriptMeaningWhereRe2Allows() {
        String schema =
                """
                {"properties": {
                  "unanchored": {"pattern": "b"},
                  "end": {"pattern": "^a$"},
                  "escape": {"pattern": "^\\\\u00e9+$"},
                  "letters": {"pattern": "^\\\\p{Letter}+$"},
                  "named": {"pattern": "^(?<word>x)y$"}}}
                """;

        assertThat(
                        check(
                                schema,
                                "{\"unanchored\": \"abc\", \"end\": \"a\", \"escape\": \"\u00e9\u00e9\", "
                                        + "\"letters\": \"Zo\u00eb\", \"named\": \"xy\"}"))
                .isEmpty();
        assertThat(check(schema, "{\"end\": \"a\\n\", \"escape\": \"e\", \"letters\": \"a1\"}"))
                .extracting(SchemaViolation::path)
                .containsExactly("end", "escape", "letters");
    }

    @Test
    void regexFormatAcceptsOnlyWhatTheLinearTimeEngineRuns() {
        String schema =
                "{\"properties\": {\"filter\": {\"type\": \"string\", \"format\": \"regex\"}}}";

        assertThat(check(schema, "{\"filter\": \"^[a-z]+(-[a-z]+)*$\"}")).isEmpty();
        assertThat(check(schema, "{\"filter\": \"(a)\\\\1\"}"))
                .containsExactly(
                        new SchemaViolation(
                                "filter",
                                "must be a valid regex (RE2 syntax: no backreferences or lookaround)"));
    }

    @Test
    void metaSchemaViolationsPointIntoTheSchema() {
        ConfigurationSchemaException e =
                compileFailure(
                        "{\"properties\": {\"size\": {\"minimum\": \"x\"}}, \"required\": \"url\"}");

        assertThat(details(e))
                .containsExactly(
                        new SchemaViolation("properties.size.minimum", "must be number"),
                        new SchemaViolation("required", "must be array"));
    }

    @Test
    void unresolvableLocalReferenceIsReportedWhereItIsWritten() {
        ConfigurationSchemaException e =
                compileFailure("{\"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}}");

        assertThat(details(e))
                .singleElement()
                .extracting(SchemaViolation::path)
                .isEqualTo("properties.a.$ref");
    }

    @Test
    void referenceToAnEmbeddedResourceResolvesWithoutLoading() {
        String schema =
                """
                {"$defs": {"host": {"$id": "urn:example:host", "type": "string"}},
                 "properties": {"host": {"$ref": "urn:example:host"}}}
                """;

        assertThat(check(schema, "{\"host\": 1}"))
                .containsExactly(new SchemaViolation("host", "must be string"));
    }

    // remote references

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://example.com/x.json",
                "https://example.com/x.json#/$defs/a",
                "file:///etc/passwd",
                "classpath:application.yml",
                "https://json-schema.org/draft/2020-12/not-bundled",
                "other.json"
            })
    void referenceOutsideTheSchemaIsRejectedWithoutBeingFetched(String reference) {
        ConfigurationSchemaException e =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(5),
                        () ->
                                compileFailure(
                                        "{\"properties\": {\"a\": {\"$ref\": \""
                                                + reference
                                                + "\"}}}"));

        assertThat(e.reason()).isEqualTo(ConfigurationSchemaException.Reason.INVALID);
        assertThat(details(e))
                .singleElement()
                .extracting(SchemaViolation::path)
                .isEqualTo("properties.a.$ref");
    }

    @Test
    void referenceRelativeToAnHttpIdIsRejected() {
        ConfigurationSchemaException e =
                compileFailure(
                        "{\"$id\": \"https://example.com/root.json\", \"$ref\": \"other.json\"}");

        assertThat(e.reason()).isEqualTo(ConfigurationSchemaException.Reason.INVALID);
        assertThat(details(e)).singleElement().extracting(SchemaViolation::path).isEqualTo("$ref");
    }

    @Test
    void reachableHttpSchemaIsNeverRequested() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    requests.incrementAndGet();
                    byte[] body = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/schema+json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/schema.json";

            ConfigurationSchemaException e =
                    compileFailure("{\"properties\": {\"a\": {\"$ref\": \"" + url + "\"}}}");

            assertThat(e.reason()).isEqualTo(ConfigurationSchemaException.Reason.INVALID);
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
