package io.configservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.configservice.crypto.VaultProperties;
import io.configservice.events.BrokerRelayProperties;
import io.configservice.security.JwtProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The legacy environment variables ({@code VAULT_URI}...) set their properties, below the
 * properties' own names and above {@code application.yml}, and only the names are logged.
 */
class LegacyEnvironmentVariablesTests {

    private static final String SECRET = "legacy-secret-0f-at-least-32-bytes!";

    private final Log log = mock(Log.class);

    @Test
    void aLegacyVariableSetsItsPropertyAndTheOtherDefaultsStay() {
        StandardEnvironment environment =
                processed(
                        Map.of(
                                "VAULT_URI", "http://vault:8200",
                                "VAULT_TOKEN", SECRET,
                                "SERVICE_PORT", "18099"));

        VaultProperties vault = bind(environment, "configservice.vault", VaultProperties.class);
        assertThat(vault.uri()).isEqualTo("http://vault:8200");
        assertThat(vault.token()).isEqualTo(SECRET);
        assertThat(vault.transitKey()).isEqualTo("config-service");
        assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(18099);
    }

    @Test
    void everyVariableOfABrokerOrJwtSettingReachesItsRecordComponent() {
        StandardEnvironment environment =
                processed(
                        Map.of(
                                "BROKER_RELAY_HOST", "rabbit",
                                "BROKER_RELAY_PORT", "61614",
                                "BROKER_RELAY_VIRTUAL_HOST", "/push",
                                "JWT_AUDIENCE_REQUIRED", "false",
                                "JWT_MAX_LIFETIME", "1h",
                                "JWT_ROLES_CLAIM", "realm_access.roles"));

        assertThat(bind(environment, "configservice.broker-relay", BrokerRelayProperties.class))
                .isEqualTo(new BrokerRelayProperties("rabbit", 61614, "guest", "guest", "/push"));
        JwtProperties jwt = bind(environment, "configservice.jwt", JwtProperties.class);
        assertThat(jwt.audienceRequired()).isFalse();
        assertThat(jwt.maxLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(jwt.rolesClaim()).isEqualTo("realm_access.roles");
    }

    @Test
    void thePropertysOwnEnvironmentVariableSystemPropertyOrArgumentWins() {
        StandardEnvironment environment =
                environment(
                        Map.of(
                                "VAULT_URI", "http://legacy:8200",
                                "CONFIGSERVICE_VAULT_URI", "http://canonical:8200",
                                "JWT_ISSUER", "legacy-issuer",
                                "AMQP_HOST", "legacy-rabbit"));
        environment
                .getPropertySources()
                .addFirst(
                        new MapPropertySource(
                                "commandLineArgs", Map.of("configservice.bus.host", "argument")));
        environment
                .getPropertySources()
                .addAfter(
                        "commandLineArgs",
                        new MapPropertySource(
                                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                                Map.of("configservice.jwt.issuer", "system-property")));
        process(environment);

        assertThat(environment.getProperty("configservice.vault.uri"))
                .isEqualTo("http://canonical:8200");
        assertThat(environment.getProperty("configservice.jwt.issuer"))
                .isEqualTo("system-property");
        assertThat(environment.getProperty("configservice.bus.host")).isEqualTo("argument");
    }

    @Test
    void aLegacyVariableWinsOverApplicationYmlLikeEveryEnvironmentVariable() {
        StandardEnvironment environment = environment(Map.of("SERVICE_PORT", "18099"));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("application.yml", Map.of("server.port", 8011)));
        process(environment);

        assertThat(environment.getProperty("server.port")).isEqualTo("18099");
    }

    @Test
    void noLegacyVariableAddsNoPropertySourceAndTheRecordsKeepTheirDefaults() {
        StandardEnvironment environment = processed(Map.of("PATH", "/usr/bin"));

        assertThat(
                        environment
                                .getPropertySources()
                                .contains(LegacyEnvironmentVariables.PROPERTY_SOURCE_NAME))
                .isFalse();
        assertThat(bind(environment, "configservice.broker-relay", BrokerRelayProperties.class))
                .isEqualTo(new BrokerRelayProperties("", 61613, "guest", "guest", "/"));
        assertThat(bind(environment, "configservice.jwt", JwtProperties.class).maxLifetime())
                .isEqualTo(Duration.ofHours(12));
    }

    @Test
    void onlyTheNamesAreLoggedNeverTheValues() {
        processed(
                Map.of(
                        "CONFIG_ADMIN_TOKEN", SECRET,
                        "JWT_SECRET", SECRET,
                        "AMQP_PASSWORD", SECRET,
                        "BROKER_RELAY_PASSCODE", SECRET));

        ArgumentCaptor<Object> line = ArgumentCaptor.forClass(Object.class);
        verify(log).info(line.capture());
        assertThat(line.getValue().toString())
                .contains("CONFIG_ADMIN_TOKEN=configservice.admin-token", "JWT_SECRET")
                .doesNotContain(SECRET);
    }

    @Test
    void aValueThatDoesNotBindIsReportedUnderTheLegacyName() {
        StandardEnvironment environment = processed(Map.of("BROKER_RELAY_PORT", "not-a-port"));

        assertThatExceptionOfType(BindException.class)
                .isThrownBy(
                        () ->
                                bind(
                                        environment,
                                        "configservice.broker-relay",
                                        BrokerRelayProperties.class))
                .satisfies(
                        failure ->
                                assertThat(String.valueOf(failure.getProperty().getOrigin()))
                                        .contains("BROKER_RELAY_PORT"));
    }

    @Test
    void processingTwiceLeavesOneSource() {
        StandardEnvironment environment = processed(Map.of("VAULT_URI", "http://vault:8200"));
        process(environment);

        long sources =
                environment.getPropertySources().stream()
                        .map(PropertySource::getName)
                        .filter(LegacyEnvironmentVariables.PROPERTY_SOURCE_NAME::equals)
                        .count();
        assertThat(sources).isOne();
    }

    @Test
    void everyPropertyOfTheTableIsAPropertyOfARecordOrTheServerPort() throws IOException {
        JsonNode metadata =
                JsonMapper.builder()
                        .build()
                        .readTree(
                                Files.readString(
                                        Path.of(
                                                "target/classes/META-INF/spring-configuration-metadata.json")));
        Set<String> declared = new HashSet<>(Set.of("server.port"));
        metadata.get("properties").forEach(p -> declared.add(p.get("name").asString()));

        assertThat(declared).containsAll(LegacyEnvironmentVariables.PROPERTIES.values());
    }

    @Test
    void anApplicationPicksTheVariablesUpThroughSpringFactories() {
        try (ConfigurableApplicationContext context =
                new SpringApplicationBuilder(Empty.class)
                        .web(WebApplicationType.NONE)
                        .run("--VAULT_TRANSIT_KEY=from-the-legacy-name")) {
            assertThat(context.getEnvironment().getProperty("configservice.vault.transit-key"))
                    .isEqualTo("from-the-legacy-name");
        }
    }

    private StandardEnvironment processed(Map<String, Object> systemEnvironment) {
        StandardEnvironment environment = environment(systemEnvironment);
        process(environment);
        return environment;
    }

    private void process(StandardEnvironment environment) {
        new LegacyEnvironmentVariables(destination -> log)
                .postProcessEnvironment(environment, new SpringApplication());
    }

    /** An environment whose system environment is the given map, attached as Boot attaches it. */
    private static StandardEnvironment environment(Map<String, Object> systemEnvironment) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                systemEnvironment));
        environment
                .getPropertySources()
                .remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static <T> T bind(StandardEnvironment environment, String prefix, Class<T> type) {
        return Binder.get(environment).bindOrCreate(prefix, type);
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {}
}
