package io.configservice.support;

import io.configservice.ConfigServiceApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application instance with a context of its own on the shared test infrastructure, for tests
 * that run several instances or stop one, which the cached context of {@link IntegrationTest} must
 * not be.
 */
public final class StandaloneInstance {

    private StandaloneInstance() {}

    /**
     * Starts an instance on a free port; {@code arguments} ({@code --name=value}) add to or
     * override the defaults.
     */
    public static ConfigurableApplicationContext start(String... arguments) {
        TestInfrastructure.Database database = TestInfrastructure.database();
        TestInfrastructure.Redis redis = TestInfrastructure.redis();
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "--server.port=0",
                                "--spring.jmx.enabled=false",
                                "--spring.datasource.url=" + database.url(),
                                "--spring.datasource.username=" + database.username(),
                                "--spring.datasource.password=" + database.password(),
                                "--spring.data.redis.host=" + redis.host(),
                                "--spring.data.redis.port=" + redis.port(),
                                "--configservice.admin-token=" + IntegrationTest.ADMIN_TOKEN,
                                "--configservice.data-dir=target/test-data"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(ConfigServiceApplication.class)
                .run(all.toArray(String[]::new));
    }

    /** The HTTP port the instance listens on. */
    public static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port", "0"));
    }
}
