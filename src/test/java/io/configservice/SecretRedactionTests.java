package io.configservice;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.configservice.cache.Utf8Json;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every production record with a component that can hold a secret (a token, a password, a
 * credential value, a resolved configuration), directly or through a record it holds, keeps it out
 * of {@code toString}: each is built with a canary in that component and its {@code toString} must
 * not show it. A component whose name looks secret but never holds one is listed in {@link
 * #NOT_SECRET} with the reason, so a new record cannot slip through unnoticed.
 */
class SecretRedactionTests {

    private static final String CANARY = "canary-5ecret-0f-the-test";

    /** Component names that can carry secret material. */
    private static final Pattern SECRET_NAME =
            Pattern.compile(
                    "(?i)(.*token|.*secret|.*password|.*passphrase|.*value|.*values|data|payload|key|.*keymaterial"
                            + "|plaintext|ciphertext|canonical|configuration|document)");

    private static final String KEY_NAME =
            "the name of a credential or configuration key, not its value";
    private static final String ENVELOPE =
            "a generic envelope: it shows its payload's own toString, which redacts";
    private static final String STORED_DOCUMENT =
            "a stored configuration document or part of one, which holds "
                    + "${credential:KEY} references; resolved values only travel in a resolving read's CachedConfiguration";

    /** Components whose names look secret but that never hold a secret, and why. */
    private static final Map<String, String> NOT_SECRET =
            Map.ofEntries(
                    entry("StoreCredentialRequest.key", KEY_NAME),
                    entry("CredentialMetadata.key", KEY_NAME),
                    entry("CurrentCredential.key", KEY_NAME),
                    entry("KeyValue.key", KEY_NAME),
                    entry("BatchOperation.key", KEY_NAME),
                    entry("ConfigurationFormats$Name.value", KEY_NAME),
                    entry("ApiResponse.data", ENVELOPE),
                    entry("PagedResponse.data", ENVELOPE),
                    entry("WebSocketMessage.data", ENVELOPE),
                    entry(
                            "OutboxRepository$OutboxRow.payload",
                            "an event as sent over STOMP; events carry no secret values"),
                    entry(
                            "BusOutbox$Event.payload",
                            "a Spring Cloud Bus refresh event: it names an application, no value"),
                    entry(
                            "AuditChainRepository$Row.canonical",
                            "an audit row, which never holds a secret"),
                    entry("ConfigurationWriteRequest.configuration", STORED_DOCUMENT),
                    entry("ConfigurationCommandService$NewVersion.canonical", STORED_DOCUMENT),
                    entry("EffectiveConfiguration.configuration", STORED_DOCUMENT),
                    entry("ConfigServerService$Served.configuration", STORED_DOCUMENT),
                    entry("EffectiveResolver$Layered.document", STORED_DOCUMENT),
                    entry("StoredEffective.canonical", STORED_DOCUMENT),
                    entry("ProposedEffective.configuration", STORED_DOCUMENT),
                    entry("EffectiveCandidate.document", STORED_DOCUMENT),
                    entry("EffectiveSchemas$Checked.candidate", STORED_DOCUMENT),
                    entry("EffectiveReadBody.data", STORED_DOCUMENT),
                    entry("EffectiveReadBody$Data.configuration", STORED_DOCUMENT),
                    entry("KeyValue.value", STORED_DOCUMENT),
                    entry("BatchGetResult.values", STORED_DOCUMENT),
                    entry("JsonPatchOperation.value", STORED_DOCUMENT),
                    entry("BatchOperation.value", STORED_DOCUMENT),
                    entry("ConfigurationChange.oldValue", STORED_DOCUMENT),
                    entry("ConfigurationChange.newValue", STORED_DOCUMENT),
                    entry("ConfigurationDiff$Difference.oldValue", STORED_DOCUMENT),
                    entry("ConfigurationDiff$Difference.newValue", STORED_DOCUMENT));

    private static List<Class<?>> records;

    @BeforeAll
    static void importRecords() {
        records =
                new ClassFileImporter()
                                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                .importPackages("io.configservice")
                                .stream()
                                .map(JavaClass::reflect)
                                .filter(Class::isRecord)
                                .<Class<?>>map(type -> type)
                                .toList();
    }

    @Test
    void findsTheProductionRecords() {
        assertThat(records).hasSizeGreaterThan(50);
    }

    @Test
    void everyRecordThatCanCarryASecretKeepsItOutOfToString() {
        assertThat(leaks(records)).as("records whose toString shows a secret component").isEmpty();
    }

    @Test
    void aRecordShowingItsSecretIsFound() {
        assertThat(leaks(List.of(Login.class, Session.class)))
                .containsExactly(
                        "SecretRedactionTests$Login.password",
                        "SecretRedactionTests$Session.login");
    }

    @Test
    void everyExemptionNamesARecordComponent() {
        List<String> components =
                records.stream()
                        .flatMap(type -> Arrays.stream(type.getRecordComponents()))
                        .map(SecretRedactionTests::name)
                        .toList();
        assertThat(components).containsAll(NOT_SECRET.keySet());
    }

    private static List<String> leaks(List<Class<?>> types) {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : types) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (carriesSecret(component)
                        && instantiate(type, component).toString().contains(CANARY)) {
                    leaks.add(name(component));
                }
            }
        }
        return leaks;
    }

    private static boolean carriesSecret(RecordComponent component) {
        if (component.getType().isPrimitive() || NOT_SECRET.containsKey(name(component))) {
            return false;
        }
        return SECRET_NAME.matcher(component.getName()).matches()
                || component.getType().isRecord()
                        && Arrays.stream(component.getType().getRecordComponents())
                                .anyMatch(SecretRedactionTests::carriesSecret);
    }

    private static String name(RecordComponent component) {
        String type = component.getDeclaringRecord().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + component.getName();
    }

    /** The record with a canary in the given component and plain values elsewhere. */
    private static Object instantiate(Class<?> type, RecordComponent secret) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            arguments[i] =
                    components[i].getName().equals(secret.getName())
                            ? canary(components[i].getType())
                            : plain(components[i].getType());
        }
        return construct(type, components, arguments);
    }

    /** The record with a canary in every component that carries a secret. */
    private static Object withCanaries(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            arguments[i] =
                    carriesSecret(components[i])
                            ? canary(components[i].getType())
                            : plain(components[i].getType());
        }
        return construct(type, components, arguments);
    }

    private static Object construct(
            Class<?> type, RecordComponent[] components, Object[] arguments) {
        try {
            Constructor<?> constructor =
                    type.getDeclaredConstructor(
                            Arrays.stream(components)
                                    .map(RecordComponent::getType)
                                    .toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(
                    "Cannot build " + type.getName() + " for the redaction check", e);
        }
    }

    private static Object canary(Class<?> type) {
        if (type == String.class || type == Object.class) {
            return CANARY;
        }
        if (type == byte[].class) {
            return CANARY.getBytes(StandardCharsets.UTF_8);
        }
        if (type == char[].class) {
            return CANARY.toCharArray();
        }
        if (type == Utf8Json.class) {
            return Utf8Json.of(CANARY);
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return JsonNodeFactory.instance.objectNode().put("secret", CANARY);
        }
        if (type == Map.class) {
            return Map.of("secret", CANARY);
        }
        if (type == Set.class) {
            return Set.of(CANARY);
        }
        if (type == List.class || type == Collection.class) {
            return List.of(CANARY);
        }
        if (type.isRecord()) {
            return withCanaries(type);
        }
        throw new AssertionError(
                "No canary for a component of type " + type.getName() + ": teach this test one");
    }

    private static Object plain(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == String.class) {
            return "plain";
        }
        if (type == Utf8Json.class) {
            return Utf8Json.of("\"plain\"");
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        if (type == Duration.class) {
            return Duration.ofHours(1);
        }
        if (type == UUID.class) {
            return new UUID(0, 0);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class || type == Collection.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type.isRecord()) {
            return plainRecord(type);
        }
        return null;
    }

    private static Object plainRecord(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        return construct(
                type,
                components,
                Arrays.stream(components).map(component -> plain(component.getType())).toArray());
    }

    private record Login(String user, String password) {}

    private record Session(String id, Login login) {}
}
