package io.configservice.configuration.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.configservice.configuration.document.ConfigurationFormats.Format;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

class ConfigurationFormatsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Every JSON type, including strings that another format could mistake for numbers, booleans or
     * null.
     */
    private static final String EVERY_TYPE =
            """
            {
              "name": "config-service",
              "port": 8080,
              "big": 12345678901234,
              "huge": 123456789012345678901234567890,
              "ratio": 0.75,
              "tiny": 1.5E-7,
              "enabled": true,
              "disabled": false,
              "nothing": null,
              "database": { "pool": { "size": 10, "timeout": 2.5 }, "url": "jdbc:postgresql://db:5432/app?a=b" },
              "servers": [ { "host": "a", "port": 1 }, { "host": "b", "tags": [] } ],
              "matrix": [ [1, 2], [], [null, "x"] ],
              "emptyObject": {},
              "emptyArray": [],
              "looksLikeNumber": "10",
              "looksLikeDecimal": "1e3",
              "looksLikeHex": "0x10",
              "looksLikeBoolean": "true",
              "looksLikeYes": "yes",
              "looksLikeNull": "null",
              "tilde": "~",
              "empty": "",
              "leadingSpace": " padded ",
              "yamlSyntax": "a: b # not a comment",
              "dash": "- item",
              "multiLine": "line1\\nline2\\ttab",
              "unicode": "café ☕ 日本"
            }
            """;

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode parse(String body, Format format) {
        return ConfigurationFormats.parse(bytes(body), format);
    }

    private static String exportProperties(String json) {
        return new String(
                ConfigurationFormats.export(object(json), Format.PROPERTIES),
                StandardCharsets.ISO_8859_1);
    }

    private static DocumentException failure(Runnable call) {
        DocumentException e = catchThrowableOfType(DocumentException.class, call::run);
        assertThat(e).as("expected a DocumentException").isNotNull();
        return e;
    }

    private static DocumentException invalidRequest(Runnable call) {
        DocumentException e = failure(call);
        assertThat(e.reason()).isEqualTo(DocumentException.Reason.INVALID);
        return e;
    }

    // JSON and YAML round trips

    @Test
    void jsonExportReadsBackAsTheSameTreeForEveryJsonType() {
        ObjectNode document = object(EVERY_TYPE);

        byte[] exported = ConfigurationFormats.export(document, Format.JSON);

        assertThat(ConfigurationFormats.parse(exported, Format.JSON)).isEqualTo(document);
        assertThat(text(exported)).startsWith("{\n  \"name\"").contains("café ☕ 日本");
    }

    @Test
    void yamlExportReadsBackAsTheSameTreeForEveryJsonType() {
        ObjectNode document = object(EVERY_TYPE);

        ObjectNode back =
                ConfigurationFormats.parse(
                        ConfigurationFormats.export(document, Format.YAML), Format.YAML);

        assertThat(back).isEqualTo(document);
        // equality of the trees also covers node types: "10" must still be a string, 8080 an int,
        // 0.75 a double
        assertThat(back.get("looksLikeNumber")).isInstanceOf(StringNode.class);
        assertThat(back.get("huge")).isInstanceOf(BigIntegerNode.class);
        assertThat(back.get("nothing").isNull()).isTrue();
    }

    @Test
    void yamlExportHasNoDocumentMarkerAndKeepsMembersInDocumentOrder() {
        ObjectNode document = object("{\"zeta\":1,\"alpha\":{\"b\":true,\"list\":[\"x\",2]}}");

        assertThat(text(ConfigurationFormats.export(document, Format.YAML)))
                .isEqualTo(
                        """
                zeta: 1
                alpha:
                  b: true
                  list:
                  - "x"
                  - 2
                """);
    }

    @Test
    void yamlImportExpandsAnchorsAliasesAndMergeKeys() {
        ObjectNode document =
                parse(
                        """
                defaults: &defaults
                  host: db
                  port: 5432
                production:
                  <<: *defaults
                  pool: 20
                staging: *defaults
                hosts: &hosts [a, b]
                replicas: *hosts
                """,
                        Format.YAML);

        assertThat(document)
                .isEqualTo(
                        object(
                                """
                {
                  "defaults": { "host": "db", "port": 5432 },
                  "production": { "host": "db", "port": 5432, "pool": 20 },
                  "staging": { "host": "db", "port": 5432 },
                  "hosts": ["a", "b"],
                  "replicas": ["a", "b"]
                }
                """));
    }

    @Test
    void yamlTagsAreNotInstantiatedAsJavaTypes() {
        ObjectNode document =
                parse(
                        """
                engine: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                custom: !secret value
                """,
                        Format.YAML);

        assertThat(document)
                .isEqualTo(object("{\"engine\":[[[[\"http://x\"]]]],\"custom\":\"value\"}"));
    }

    @Test
    void yamlImportReadsBinaryAsItsBase64Text() {
        ObjectNode document =
                parse("key: !!binary aGVsbG8=\nkeys: [!!binary d29ybGQ=]\n", Format.YAML);

        assertThat(document).isEqualTo(object("{\"key\":\"aGVsbG8=\",\"keys\":[\"d29ybGQ=\"]}"));
    }

    @Test
    void yamlImportReadsEmptyValueAsNullAndQuotedEmptyAsEmptyString() {
        assertThat(parse("a:\nb: ''\n", Format.YAML)).isEqualTo(object("{\"a\":null,\"b\":\"\"}"));
    }

    // Properties export

    @Test
    void propertiesExportWritesSortedDotPathsWithIndexedArrays() {
        String exported =
                exportProperties(
                        """
                {
                  "server": { "port": 8080, "hosts": ["a", "b"] },
                  "name": "svc",
                  "servers": [ { "secure": false, "host": "x" } ],
                  "database": { "pool": { "size": 10, "ratio": 0.5 } }
                }
                """);

        assertThat(exported)
                .isEqualTo(
                        """
                database.pool.ratio=0.5
                database.pool.size=10
                name=svc
                server.hosts[0]=a
                server.hosts[1]=b
                server.port=8080
                servers[0].host=x
                servers[0].secure=false
                """);
    }

    @Test
    void propertiesExportEscapesLikePropertiesStoreInPlainAscii() throws IOException {
        ObjectNode document =
                JSON.createObjectNode()
                        .put("unicode", "café ☕")
                        .put("key with space", " lead a=b:c#d!e")
                        .put("control", "line1\nline2\ttab\\end");

        byte[] exported = ConfigurationFormats.export(document, Format.PROPERTIES);

        assertThat(new String(exported, StandardCharsets.ISO_8859_1))
                .isEqualTo(
                        "control=line1\\nline2\\ttab\\\\end\n"
                                + "key\\ with\\ space=\\ lead a\\=b\\:c\\#d\\!e\n"
                                + "unicode=caf\\u00E9 \\u2615\n");
        assertThat(new String(exported, StandardCharsets.ISO_8859_1)).matches("[\\x20-\\x7E\\n]*");
        Properties loaded = new Properties();
        loaded.load(new ByteArrayInputStream(exported));
        assertThat(loaded)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "unicode",
                                "café ☕",
                                "key with space",
                                " lead a=b:c#d!e",
                                "control",
                                "line1\nline2\ttab\\end"));
    }

    @Test
    void propertiesExportWritesNullAsEmptyValueAndLeavesOutEmptyContainers() {
        assertThat(exportProperties("{\"a\":null,\"b\":{},\"c\":[],\"d\":{\"e\":[{}]},\"f\":1}"))
                .isEqualTo("a=\nf=1\n");
    }

    @Test
    void propertiesExportOfEmptyDocumentIsEmpty() {
        assertThat(exportProperties("{}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a.b\":1,\"a\":{\"b\":2}}",
                "{\"a\":1,\"a.b\":2}",
                "{\"list[0]\":1,\"list\":[2]}",
                "{\"\":1}",
                "{\"a\":{\"\":1}}",
                "{\"a]\":1}"
            })
    void propertiesExportRefusesMemberNamesThatCannotBeReadBack(String json) {
        assertThat(invalidRequest(() -> exportProperties(json)))
                .hasMessageStartingWith("Configuration cannot be exported as properties");
    }

    // Properties round trip and import

    @Test
    void propertiesExportReadsBackAsTheSameTreeWhenNoStringLooksLikeAnotherType() {
        ObjectNode document =
                object(
                        """
                {
                  "name": "config-service",
                  "port": 8080,
                  "negative": -7,
                  "big": 12345678901234,
                  "huge": 123456789012345678901234567890,
                  "ratio": 0.75,
                  "large": 1.0E20,
                  "enabled": true,
                  "disabled": false,
                  "database": { "pool": { "size": 10 }, "url": "jdbc:postgresql://db:5432/app?a=b" },
                  "servers": [ { "host": "a", "ports": [80, 443] }, { "host": "b" } ],
                  "matrix": [ [1, 2], [3] ],
                  "special": " lead a=b:c#d!e\\n\\t\\\\",
                  "key with space": "x",
                  "#comment": "!bang",
                  "unicode": "café ☕ 日本"
                }
                """);
        document.set("exact", DecimalNode.valueOf(new BigDecimal("3.14159265358979323846264338")));

        ObjectNode back =
                ConfigurationFormats.parse(
                        ConfigurationFormats.export(document, Format.PROPERTIES),
                        Format.PROPERTIES);

        assertThat(back).isEqualTo(document);
    }

    @Test
    void propertiesImportUnflattensIndexesIntoArraysInIndexOrder() {
        ObjectNode document =
                parse(
                        """
                servers[1].host=b
                servers[0].host=a
                servers[0].port=1
                matrix[0][1]=2
                matrix[0][0]=1
                matrix[1][0]=3
                tags[0]=x
                tags[1]=y
                """,
                        Format.PROPERTIES);

        assertThat(document)
                .isEqualTo(
                        object(
                                """
                {
                  "servers": [ { "host": "a", "port": 1 }, { "host": "b" } ],
                  "matrix": [ [1, 2], [3] ],
                  "tags": ["x", "y"]
                }
                """));
    }

    @Test
    void propertiesImportKeepsMembersInFileOrder() {
        ObjectNode document = parse("zeta=1\nalpha.b=2\nalpha.a=3\n", Format.PROPERTIES);

        assertThat(document.propertyNames()).containsExactly("zeta", "alpha");
        assertThat(document.get("alpha").propertyNames()).containsExactly("b", "a");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "true                          | true",
                "false                         | false",
                "10                            | 10",
                "-7                            | -7",
                "0                             | 0",
                "3000000000                    | 3000000000",
                "123456789012345678901234567890 | 123456789012345678901234567890",
                "1.5                           | 1.5",
                "-0.25                         | -0.25",
                "1e3                           | 1000.0",
                "1.0E20                        | 1.0E20",
            })
    void propertiesImportReadsBooleansAndNumberLiteralsAsJsonDoes(String value, String json) {
        JsonNode read = parse("v=" + value, Format.PROPERTIES).get("v");

        JsonNode expected = JSON.readTree(json);
        assertThat(read).isEqualTo(expected);
        assertThat(read.getClass()).isEqualTo(expected.getClass());
    }

    @Test
    void propertiesImportPicksTheSmallestExactNumberType() {
        ObjectNode document =
                parse(
                        """
                int=2147483647
                long=2147483648
                bigInteger=9223372036854775808
                double=0.1
                exactDecimal=3.14159265358979323846264338
                beyondDouble=1e400
                """,
                        Format.PROPERTIES);

        assertThat(document.get("int")).isInstanceOf(IntNode.class);
        assertThat(document.get("long")).isInstanceOf(LongNode.class);
        assertThat(document.get("bigInteger"))
                .isEqualTo(BigIntegerNode.valueOf(new BigInteger("9223372036854775808")));
        assertThat(document.get("double")).isEqualTo(DoubleNode.valueOf(0.1));
        assertThat(document.get("exactDecimal"))
                .isEqualTo(DecimalNode.valueOf(new BigDecimal("3.14159265358979323846264338")));
        assertThat(document.get("beyondDouble"))
                .isEqualTo(DecimalNode.valueOf(new BigDecimal("1e400")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "True",
                "FALSE",
                "yes",
                "010",
                "1.",
                ".5",
                "+1",
                "0x10",
                "1_000",
                "NaN",
                "-",
                "1e",
                "10 ",
                "abc",
                "1e99999999999"
            })
    void propertiesImportKeepsOtherValuesAsStrings(String value) {
        assertThat(parse("v=" + value, Format.PROPERTIES).get("v"))
                .isEqualTo(StringNode.valueOf(value));
    }

    @Test
    void propertiesImportReadsEmptyValueAsEmptyString() {
        assertThat(parse("a=\nb.c=\n", Format.PROPERTIES))
                .isEqualTo(object("{\"a\":\"\",\"b\":{\"c\":\"\"}}"));
    }

    @Test
    void propertiesImportKeepsLongDigitRunsAsStrings() {
        String digits = "1".repeat(1001);

        assertThat(parse("v=" + digits, Format.PROPERTIES).get("v"))
                .isEqualTo(StringNode.valueOf(digits));
    }

    @Test
    void propertiesImportReadsIso88591AndUnicodeEscapes() {
        byte[] body = "name=caf\u00e9 \\u2615\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(ConfigurationFormats.parse(body, Format.PROPERTIES).get("name").stringValue())
                .isEqualTo("café ☕");
    }

    @Test
    void propertiesImportOfBodyWithoutEntriesIsTheEmptyDocument() {
        assertThat(parse("", Format.PROPERTIES)).isEqualTo(object("{}"));
        assertThat(parse("# only a comment\n\n", Format.PROPERTIES)).isEqualTo(object("{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"list[0]=a\nlist[2]=c", "list[1]=b", "a[0][1]=x"})
    void propertiesImportRefusesArrayIndexGaps(String body) {
        assertThat(invalidRequest(() -> parse(body, Format.PROPERTIES)))
                .hasMessage(
                        "Body is not valid properties: array indexes must run from [0] without gaps");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1\na.b=2", "a.b=2\na=1", "a=1\na[0]=2", "a[0]=1\na[0].b=2"})
    void propertiesImportRefusesKeyThatIsBothValueAndParent(String body) {
        assertThat(invalidRequest(() -> parse(body, Format.PROPERTIES)))
                .hasMessage(
                        "Body is not valid properties: a key has a value and also keys below it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b=1\na[0]=2", "a[0]=1\na.b=2"})
    void propertiesImportRefusesKeyUsedAsObjectAndArray(String body) {
        assertThat(invalidRequest(() -> parse(body, Format.PROPERTIES)))
                .hasMessage(
                        "Body is not valid properties: a key has both names and [index] below it");
    }

    @Test
    void propertiesImportRefusesKeyGivenTwice() {
        assertThat(invalidRequest(() -> parse("a.b=1\na.b=2", Format.PROPERTIES)))
                .hasMessage("Body is not valid properties: a key is given more than once");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=1",
                ".a=1",
                "a.=1",
                "a..b=1",
                "[0]=1",
                "a[]=1",
                "a[x]=1",
                "a[01]=1",
                "a[-1]=1",
                "a[0]b=1",
                "a]=1",
                "a[0=1",
                "a[1234567890]=1"
            })
    void propertiesImportRefusesMalformedKeys(String body) {
        assertThat(invalidRequest(() -> parse(body, Format.PROPERTIES)))
                .hasMessage(
                        "Body is not valid properties: keys must be dot paths of non-empty names, "
                                + "with [index] for arrays");
    }

    @Test
    void propertiesImportAcceptsKeysUpTo64LevelsAndRefusesDeeper() {
        String key64 = "a" + ".a".repeat(63);

        assertThat(parse(key64 + "=1", Format.PROPERTIES).at("/a".repeat(64)).intValue())
                .isEqualTo(1);
        assertThat(invalidRequest(() -> parse(key64 + ".a=1", Format.PROPERTIES)))
                .hasMessageContaining("deeper than 64");
        assertThat(invalidRequest(() -> parse("a" + "[0]".repeat(64) + "=1", Format.PROPERTIES)))
                .hasMessageContaining("deeper than 64");
    }

    @Test
    void propertiesImportRefusesMalformedUnicodeEscapeWithoutQuotingTheBody() {
        assertThat(invalidRequest(() -> parse("secret=\\u12G4", Format.PROPERTIES)))
                .hasMessage("Body is not valid properties");
    }

    // Invalid bodies and roots

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"secret\": ",
                "{\"secret\": tru}",
                "",
                "{} {\"secret\":1}",
                "{\"a\":1,\"a\":2}"
            })
    void jsonImportRefusesInvalidJsonWithoutQuotingTheBody(String body) {
        DocumentException e = failure(() -> parse(body, Format.JSON));

        assertThat(e.reason()).isEqualTo(DocumentException.Reason.NOT_JSON);
        assertThat(e).hasMessage("Body is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "secret: [1, 2\nb: 3",
                "secret: b: c",
                "a: *undefined",
                "a: 1\na: 2",
                "a: 1\n---\nb: 2",
                "\tsecret: 1"
            })
    void yamlImportRefusesInvalidYamlWithoutQuotingTheBody(String body) {
        assertThat(invalidRequest(() -> parse(body, Format.YAML)))
                .hasMessage("Body is not valid YAML");
    }

    @Test
    void yamlImportRefusesBodyThatIsNotUtf8() {
        byte[] utf16 = "a: 1\n".getBytes(StandardCharsets.UTF_16);

        assertThat(invalidRequest(() -> ConfigurationFormats.parse(utf16, Format.YAML)))
                .hasMessage("Body is not valid YAML");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[{\"a\":1}]", "1", "\"text\"", "true", "null"})
    void jsonImportRefusesRootThatIsNotAnObject(String body) {
        assertThat(invalidRequest(() -> parse(body, Format.JSON)))
                .hasMessage("Body must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- a\n- b", "[1]", "text", "42", "null", "~", "", "# only a comment\n"})
    void yamlImportRefusesRootThatIsNotAMapping(String body) {
        assertThat(invalidRequest(() -> parse(body, Format.YAML)))
                .hasMessage("Body must be a YAML mapping");
    }

    // YAML limits

    @Test
    void yamlImportRefusesBillionLaughsQuickly() {
        // nine levels of nine aliases each: 9^9 (387 million) strings from a body of 800 bytes
        StringBuilder yaml =
                new StringBuilder(
                        "a: &a [" + String.join(",", Collections.nCopies(9, "lol")) + "]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String previous = "*" + (char) (level - 1);
            yaml.append(level)
                    .append(": &")
                    .append(level)
                    .append(" [")
                    .append(String.join(",", Collections.nCopies(9, previous)))
                    .append("]\n");
        }

        DocumentException e =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(5),
                        () -> invalidRequest(() -> parse(yaml.toString(), Format.YAML)));

        assertThat(e).hasMessageContaining("expands too much through aliases");
    }

    @Test
    void yamlImportRefusesAliasFanOutPastTheTokenLimit() {
        // 300 aliases of a 4,000-element list: 1.2 million tokens from a body of 10 kB, no nesting
        // involved
        String yaml =
                "list: &list ["
                        + "1,".repeat(3999)
                        + "1]\ncopies: ["
                        + "*list,".repeat(299)
                        + "*list]\n";

        DocumentException e =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(10),
                        () -> invalidRequest(() -> parse(yaml, Format.YAML)));

        assertThat(e).hasMessageContaining("expands too much through aliases");
    }

    @Test
    void yamlImportRefusesAliasesThatMultiplyALongString() {
        // 64 copies of 100,000 characters: few events and tokens, but 6.4 million characters to
        // store and serve
        StringBuilder yaml = new StringBuilder("s0: &s0 " + "x".repeat(100_000) + "\n");
        for (int level = 1; level <= 6; level++) {
            yaml.append("s")
                    .append(level)
                    .append(": &s")
                    .append(level)
                    .append(" [*s")
                    .append(level - 1)
                    .append(", *s")
                    .append(level - 1)
                    .append("]\n");
        }

        assertThat(invalidRequest(() -> parse(yaml.toString(), Format.YAML)))
                .hasMessageContaining("expands too much through aliases");
    }

    @Test
    void yamlImportAcceptsModestAliasesOfALongString() {
        // the same shape two levels lower stays under the limit: 16 copies, 1.6 million characters
        StringBuilder yaml = new StringBuilder("s0: &s0 " + "x".repeat(100_000) + "\n");
        for (int level = 1; level <= 4; level++) {
            yaml.append("s")
                    .append(level)
                    .append(": &s")
                    .append(level)
                    .append(" [*s")
                    .append(level - 1)
                    .append(", *s")
                    .append(level - 1)
                    .append("]\n");
        }

        assertThat(parse(yaml.toString(), Format.YAML).at("/s4/1/0/1/0").stringValue())
                .hasSize(100_000);
    }

    @Test
    void yamlImportAcceptsNestingUpTo64LevelsAndRefusesDeeper() {
        String depth64 = "{a: ".repeat(63) + "{a: 1" + "}".repeat(64);

        assertThat(parse(depth64, Format.YAML).at("/a".repeat(64)).intValue()).isEqualTo(1);
        assertThat(invalidRequest(() -> parse("{a: " + depth64 + "}", Format.YAML)))
                .hasMessageContaining("nested deeper than 64 levels");
    }

    // Format

    @ParameterizedTest
    @CsvSource({
        "json, JSON",
        "JSON, JSON",
        "yaml, YAML",
        "Yaml, YAML",
        "properties, PROPERTIES",
        "PROPERTIES, PROPERTIES"
    })
    void fromQueryAcceptsFormatNamesInAnyCase(String value, Format expected) {
        assertThat(Format.fromQuery(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"yml", "xml", "props", " json", "jsonx", "propertıes"})
    void fromQueryRefusesAnythingElse(String value) {
        assertThat(invalidRequest(() -> Format.fromQuery(value)))
                .hasMessage("format must be json, yaml or properties");
    }

    @ParameterizedTest
    @CsvSource({
        "application/json, JSON",
        "application/json;charset=UTF-8, JSON",
        "application/yaml, YAML",
        "application/x-yaml, YAML",
        "text/yaml, YAML",
        "Application/YAML;charset=utf-8, YAML",
        "text/x-java-properties, PROPERTIES",
        "text/x-java-properties;charset=ISO-8859-1, PROPERTIES"
    })
    void fromMediaTypeRecognisesTheImportTypes(String contentType, Format expected) {
        assertThat(Format.fromMediaType(MediaType.parseMediaType(contentType))).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/merge-patch+json",
                "application/xml",
                "*/*",
                "application/*",
                "text/x-yaml-extra"
            })
    void fromMediaTypeRecognisesNothingElse(String contentType) {
        assertThat(Format.fromMediaType(MediaType.parseMediaType(contentType))).isEmpty();
    }

    @Test
    void fromMediaTypeOfMissingContentTypeIsEmpty() {
        assertThat(Format.fromMediaType(null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void eachFormatAnswersWithAMediaTypeItAlsoAccepts(Format format) {
        assertThat(Format.fromMediaType(MediaType.parseMediaType(format.mediaType())))
                .contains(format);
    }

    @Test
    void formatsAnswerWithTheirStandardMediaTypes() {
        assertThat(Format.JSON.mediaType()).isEqualTo("application/json");
        assertThat(Format.YAML.mediaType()).isEqualTo("application/yaml");
        assertThat(Format.PROPERTIES.mediaType()).isEqualTo("text/x-java-properties");
    }
}
