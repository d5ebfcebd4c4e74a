package io.configservice.client.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.configservice.client.ConfigServiceClient;
import io.configservice.testserver.ConfigServiceProcess;
import io.configservice.testserver.TcpProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

/** Real Spring Boot applications importing {@code configservice:} from a real service. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigServiceStarterIntegrationTests {

    private static ConfigServiceProcess server;

    @TempDir static Path snapshots;

    @BeforeAll
    static void startServer() {
        server = ConfigServiceProcess.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    @Order(1)
    void beansHoldTheStoredValuesAndFollowChangesOfTheirOwnAndParentLayersWithoutRestart() {
        String service = uniqueServiceId("shop");
        String child = "child-" + service.substring(service.lastIndexOf('-') + 1);
        server.admin()
                .send(
                        "POST",
                        "/api/v1/environments",
                        Map.of(
                                "id",
                                child,
                                "name",
                                child,
                                "type",
                                "production",
                                "inheritsFrom",
                                List.of("production")))
                .data();
        String key = service + ".password";
        server.admin()
                .send(
                        "POST",
                        "/api/v1/credentials",
                        Map.of(
                                "key",
                                key,
                                "value",
                                "first-password",
                                "type",
                                "database_password",
                                "serviceId",
                                service,
                                "environment",
                                child))
                .data();
        server.admin()
                .putConfiguration(
                        service,
                        "production",
                        Map.of(
                                "shop",
                                Map.of("greeting", "hello", "size", 1),
                                "limits",
                                Map.of("max", 5)));
        server.admin()
                .putConfiguration(
                        service,
                        child,
                        Map.of("shop", Map.of("password", "${credential:" + key + "}")));
        String token = server.admin().issueToken(service);

        try (ConfigurableApplicationContext app = run(service, child, token, "configservice:")) {
            ExampleApplication.ShopProperties shop =
                    app.getBean(ExampleApplication.ShopProperties.class);
            ExampleApplication.Greeter greeter = app.getBean(ExampleApplication.Greeter.class);
            assertThat(shop.getGreeting()).isEqualTo("hello");
            assertThat(shop.getPassword()).isEqualTo("first-password");
            assertThat(greeter.greeting()).isEqualTo("hello");
            assertThat(greeter.max()).isEqualTo(5);
            assertThat(health(app).getStatus().getCode()).isEqualTo("UP");
            PropertySource<?> source =
                    app.getEnvironment()
                            .getPropertySources()
                            .get("configservice:" + service + "/" + child);
            assertThat(((OriginLookup<String>) source).getOrigin("shop.greeting"))
                    .hasToString(
                            "config service "
                                    + server.baseUri()
                                    + " "
                                    + service
                                    + "/"
                                    + child
                                    + " revision 2, path shop.greeting");
            assertThat(app.getEnvironment().getProperty("shop.password"))
                    .isEqualTo("first-password");

            server.admin()
                    .putConfiguration(
                            service,
                            "production",
                            Map.of(
                                    "shop",
                                    Map.of("greeting", "hi", "size", 2),
                                    "limits",
                                    Map.of("max", 7)));

            await().atMost(Duration.ofSeconds(30)).until(() -> shop.getGreeting().equals("hi"));
            await().atMost(Duration.ofSeconds(30)).until(() -> greeter.max() == 7);
            assertThat(shop.getSize()).isEqualTo(2);
            assertThat(greeter.greeting()).isEqualTo("hi");

            server.admin()
                    .send(
                            "POST",
                            "/api/v1/credentials/" + key + "/rotate",
                            Map.of("value", "second-password", "force", true))
                    .data();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> shop.getPassword().equals("second-password"));

            server.admin()
                    .putConfiguration(
                            service,
                            "production",
                            Map.of(
                                    "shop",
                                    Map.of("greeting", "bye", "size", "not-a-number"),
                                    "limits",
                                    Map.of("max", "not-a-number")));

            ConfigServiceClient client = app.getBean(ConfigServiceClient.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    client.current().revision() == 4
                                            && health(app)
                                                    .getDetails()
                                                    .containsKey("beansKeepingOldValues"));
            assertThat(shop.getGreeting()).isEqualTo("hi");
            assertThat(shop.getSize()).isEqualTo(2);
            assertThat(greeter.max()).isEqualTo(7);
            assertThat(health(app).getDetails().get("beansKeepingOldValues").toString())
                    .contains("shop.size")
                    .contains("limits.max")
                    .doesNotContain("not-a-number");
        }
    }

    @Test
    @Order(2)
    void aTokenOfAnotherServiceGetsNothing() {
        String service = uniqueServiceId("guarded");
        server.admin()
                .putConfiguration(
                        service, "production", Map.of("shop", Map.of("greeting", "private")));
        String otherToken = server.admin().issueToken(uniqueServiceId("intruder"));

        assertThatThrownBy(() -> run(service, "production", otherToken, "configservice:").close())
                .hasStackTraceContaining("403");
        try (ConfigurableApplicationContext app =
                run(service, "production", otherToken, "optional:configservice:")) {
            assertThat(app.getEnvironment().getProperty("shop.greeting")).isNull();
            assertThat(app.getBeanNamesForType(ConfigServiceClient.class)).isEmpty();
        }
    }

    @Test
    @Order(3)
    void withoutTheServiceAndWithoutASnapshotStartUpFailsUnlessOptional() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        String service = uniqueServiceId("absent");

        assertThatThrownBy(
                        () -> run(url, service, "production", "cst_any", "configservice:").close())
                .hasStackTraceContaining("unreachable and there is no snapshot");
        try (ConfigurableApplicationContext app =
                run(url, service, "production", "cst_any", "optional:configservice:")) {
            assertThat(app.getBean(ExampleApplication.ShopProperties.class).getGreeting())
                    .isEqualTo("default");
            assertThat(health(app).getStatus().getCode()).isEqualTo("DOWN");
        }
    }

    /**
     * The service is out of reach behind a proxy that refuses every connection (to the application,
     * as a stopped service; the client module's outage tests stop and restart the real process).
     */
    @Test
    @Order(4)
    void
            anApplicationStartedWhileTheServiceIsDownComesUpFromItsSnapshotAndIsStaleUntilItCatchesUp() {
        String service = uniqueServiceId("stale");
        server.admin()
                .putConfiguration(
                        service,
                        "production",
                        Map.of(
                                "shop",
                                Map.of("greeting", "from-service"),
                                "limits",
                                Map.of("max", 1)));
        String token = server.admin().issueToken(service);
        try (TcpProxy proxy = TcpProxy.to(server.port())) {
            String url = proxy.baseUri().toString();
            try (ConfigurableApplicationContext first =
                    run(url, service, "production", token, "configservice:")) {
                assertThat(first.getBean(ExampleApplication.ShopProperties.class).getGreeting())
                        .isEqualTo("from-service");
            }
            proxy.cut();

            try (ConfigurableApplicationContext app =
                    run(url, service, "production", token, "configservice:")) {
                ExampleApplication.ShopProperties shop =
                        app.getBean(ExampleApplication.ShopProperties.class);
                assertThat(shop.getGreeting()).isEqualTo("from-service");
                assertThat(health(app).getStatus().getCode()).isEqualTo("STALE");

                proxy.restore();
                server.admin()
                        .putConfiguration(
                                service,
                                "production",
                                Map.of(
                                        "shop",
                                        Map.of("greeting", "caught-up"),
                                        "limits",
                                        Map.of("max", 1)));

                await().atMost(Duration.ofSeconds(60))
                        .until(() -> shop.getGreeting().equals("caught-up"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> health(app).getStatus().getCode().equals("UP"));
            }
        }
    }

    private static Health health(ConfigurableApplicationContext app) {
        return app.getBean(ConfigServiceHealthIndicator.class).health();
    }

    private static ConfigurableApplicationContext run(
            String service, String environment, String token, String importLocation) {
        return run(server.baseUri().toString(), service, environment, token, importLocation);
    }

    private static ConfigurableApplicationContext run(
            String url, String service, String environment, String token, String importLocation) {
        SpringApplication application = new SpringApplication(ExampleApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "--spring.config.import=" + importLocation,
                                "--configservice.client.url=" + url,
                                "--configservice.client.token=" + token,
                                "--configservice.client.service-id=" + service,
                                "--configservice.client.environment=" + environment,
                                "--configservice.client.snapshot-dir=" + snapshots,
                                "--configservice.client.poll-interval=2s"));
        return application.run(arguments.toArray(String[]::new));
    }

    private static String uniqueServiceId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
