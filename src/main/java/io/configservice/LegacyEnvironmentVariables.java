package io.configservice;

import static java.util.Map.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Keeps the environment variables of earlier releases ({@code SERVICE_PORT}, {@code VAULT_URI},
 * {@code JWT_SECRET}...) working although they are not the relaxed form of the property they set:
 * each one that is set becomes a value of its property in a property source of its own, so the
 * default stays in one place, the properties record (for {@code server.port}, Spring's own
 * property, {@code application.yml}).
 *
 * <p>That source sits right below the system environment, so a legacy name ranks like an
 * environment variable that yields to the property's own: the property set as an environment
 * variable in relaxed form ({@code CONFIGSERVICE_VAULT_URI}), a Java system property or a
 * command-line argument wins over it, and it wins over every {@code application.yml}, as every
 * environment variable does.
 *
 * <p>Registered in {@code META-INF/spring.factories}: it has to run before the application context
 * exists.
 */
class LegacyEnvironmentVariables implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE_NAME = "legacyEnvironmentVariables";

    /** Each legacy name and the property it sets. */
    static final Map<String, String> PROPERTIES =
            Map.ofEntries(
                    entry("SERVICE_PORT", "server.port"),
                    entry("CONFIG_DATA_DIR", "configservice.data-dir"),
                    entry("CONFIG_ADMIN_TOKEN", "configservice.admin-token"),
                    entry("VAULT_URI", "configservice.vault.uri"),
                    entry("VAULT_TOKEN", "configservice.vault.token"),
                    entry("VAULT_TRANSIT_KEY", "configservice.vault.transit-key"),
                    entry("BROKER_RELAY_HOST", "configservice.broker-relay.host"),
                    entry("BROKER_RELAY_PORT", "configservice.broker-relay.port"),
                    entry("BROKER_RELAY_LOGIN", "configservice.broker-relay.login"),
                    entry("BROKER_RELAY_PASSCODE", "configservice.broker-relay.passcode"),
                    entry("BROKER_RELAY_VIRTUAL_HOST", "configservice.broker-relay.virtual-host"),
                    entry("JWT_SECRET", "configservice.jwt.secret"),
                    entry("JWT_ISSUER_URI", "configservice.jwt.issuer-uri"),
                    entry("JWT_JWK_SET_URI", "configservice.jwt.jwk-set-uri"),
                    entry("JWT_ISSUER", "configservice.jwt.issuer"),
                    entry("JWT_AUDIENCE", "configservice.jwt.audience"),
                    entry("JWT_AUDIENCE_REQUIRED", "configservice.jwt.audience-required"),
                    entry("JWT_ROLES_CLAIM", "configservice.jwt.roles-claim"),
                    entry("JWT_MAX_LIFETIME", "configservice.jwt.max-lifetime"),
                    entry("CONFIG_BUS_ENABLED", "configservice.bus.enabled"),
                    entry("AMQP_HOST", "configservice.bus.host"),
                    entry("AMQP_PORT", "configservice.bus.port"),
                    entry("AMQP_USERNAME", "configservice.bus.username"),
                    entry("AMQP_PASSWORD", "configservice.bus.password"),
                    entry("AMQP_VIRTUAL_HOST", "configservice.bus.virtual-host"));

    private final Log log;

    LegacyEnvironmentVariables(DeferredLogFactory logs) {
        this.log = logs.getLog(LegacyEnvironmentVariables.class);
    }

    @Override
    public void postProcessEnvironment(
            ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        // Post-processing can run again on the same environment (Spring Cloud's refresh).
        sources.remove(PROPERTY_SOURCE_NAME);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> used = new TreeMap<>();
        PROPERTIES.forEach(
                (legacyName, property) ->
                        valueOf(legacyName, sources)
                                .ifPresent(
                                        value -> {
                                            values.put(property, value);
                                            used.put(legacyName, property);
                                        }));
        if (values.isEmpty()) {
            return;
        }
        PropertySource<?> aliases =
                new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, values);
        String systemEnvironment = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (sources.contains(systemEnvironment)) {
            sources.addAfter(systemEnvironment, aliases);
        } else {
            sources.addLast(aliases);
        }
        // Names only: several of these variables hold secrets.
        log.info(
                "Legacy environment variables set, each for its property (which wins when also set"
                        + " by its own name): "
                        + used);
    }

    /**
     * The legacy name's value where it is set first, keeping that origin so a value that does not
     * bind is reported under the legacy name.
     */
    private static Optional<OriginTrackedValue> valueOf(
            String legacyName, MutablePropertySources sources) {
        for (PropertySource<?> source : sources) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            Object value = source.getProperty(legacyName);
            if (value != null) {
                return Optional.of(
                        OriginTrackedValue.of(value, PropertySourceOrigin.get(source, legacyName)));
            }
        }
        return Optional.empty();
    }
}
