package io.configservice.credential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The credential vault against a real Vault (dev mode, transit enabled) in a container, where a
 * Docker engine is reachable; skipped otherwise (the stand-in tests still run).
 */
@EnabledIf("dockerAvailable")
class VaultContainerCredentialIntegrationTests extends CredentialVaultTests {

    private static final String TOKEN = "root-" + UUID.randomUUID();
    private static final String TRANSIT_KEY =
            "config-service-" + UUID.randomUUID().toString().substring(0, 8);
    private static GenericContainer<?> vault;

    static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null
                && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @DynamicPropertySource
    static void vault(DynamicPropertyRegistry registry) {
        registry.add(
                "configservice.vault.uri",
                () -> "http://" + container().getHost() + ":" + container().getMappedPort(8200));
        registry.add("configservice.vault.token", () -> TOKEN);
        registry.add("configservice.vault.transit-key", () -> TRANSIT_KEY);
        // The shared test database holds one audit chain key, wrapped by the local key file of the
        // other contexts;
        // this context's Vault key could neither unwrap it nor, if it came first, leave one they
        // can unwrap.
        registry.add("configservice.audit.seal-interval", () -> "1h");
    }

    @Override
    protected String expectedKeyIdPrefix() {
        return "vault-transit:transit/" + TRANSIT_KEY;
    }

    private static synchronized GenericContainer<?> container() {
        if (vault == null) {
            GenericContainer<?> started =
                    new GenericContainer<>("hashicorp/vault:1.20.4")
                            .withEnv("VAULT_DEV_ROOT_TOKEN_ID", TOKEN)
                            .withEnv("VAULT_DEV_LISTEN_ADDRESS", "0.0.0.0:8200")
                            .withEnv("SKIP_SETCAP", "true")
                            .withEnv("VAULT_ADDR", "http://127.0.0.1:8200")
                            .withEnv("VAULT_TOKEN", TOKEN)
                            .withExposedPorts(8200)
                            .waitingFor(Wait.forHttp("/v1/sys/health").forStatusCode(200));
            started.start();
            try {
                ExecResult transit =
                        started.execInContainer("vault", "secrets", "enable", "transit");
                if (transit.getExitCode() != 0) {
                    throw new IllegalStateException(
                            "Cannot enable transit: " + transit.getStderr());
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot enable transit", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while enabling transit", e);
            }
            vault = started;
        }
        return vault;
    }
}
