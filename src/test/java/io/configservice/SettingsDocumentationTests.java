package io.configservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings table of {@code docs/OPERATIONS.md} against the configuration metadata that {@code
 * spring-boot-configuration-processor} generates from the properties records: every {@code
 * configservice.*} property is documented, with the default its record declares, and nothing else
 * is.
 */
class SettingsDocumentationTests {

    private static final Path METADATA =
            Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    private static final Path OPERATIONS = Path.of("docs/OPERATIONS.md");
    private static final Pattern ROW =
            Pattern.compile(
                    "^\\| `(configservice\\.[a-z0-9.-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);
    private static final String NO_DEFAULT = "(none)";
    private static final String EMPTY = "empty";

    @Test
    void theSettingsTableListsEveryPropertyOfTheRecordsWithItsDefault() throws IOException {
        assertThat(documented()).isEqualTo(declared());
    }

    private static Map<String, String> declared() throws IOException {
        JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA));
        Map<String, String> defaults = new TreeMap<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("configservice.")) {
                defaults.put(name, shown(property.get("defaultValue")));
            }
        }
        return defaults;
    }

    private static String shown(JsonNode defaultValue) {
        if (defaultValue == null) {
            return NO_DEFAULT;
        }
        String text =
                defaultValue.isContainer()
                        ? (defaultValue.isEmpty() ? "" : defaultValue.toString())
                        : defaultValue.asString();
        return text.isEmpty() ? EMPTY : "`" + text + "`";
    }

    private static Map<String, String> documented() throws IOException {
        Matcher rows = ROW.matcher(Files.readString(OPERATIONS));
        Map<String, String> defaults = new TreeMap<>();
        while (rows.find()) {
            defaults.put(rows.group(1), rows.group(2).strip());
        }
        return defaults;
    }
}
