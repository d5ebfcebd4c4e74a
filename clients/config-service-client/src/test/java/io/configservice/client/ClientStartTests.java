package io.configservice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up with no service listening: fail fast, unless optional. */
class ClientStartTests {

    @TempDir Path snapshots;

    @Test
    void failsFastWithoutServiceAndSnapshot() throws IOException {
        ClientSettings settings =
                TestServices.settings(nothingListening(), "cst_token", "orders", snapshots).build();

        assertThatThrownBy(() -> new ConfigServiceClient(settings).start())
                .isInstanceOfSatisfying(
                        ConfigServiceException.class,
                        e -> {
                            assertThat(e.unavailable()).isTrue();
                            assertThat(e.getMessage())
                                    .contains(
                                            "unreachable and there is no snapshot of orders/production");
                        });
    }

    @Test
    void anOptionalClientStartsEmptyAndReportsDown() throws IOException {
        ClientSettings settings =
                TestServices.settings(nothingListening(), "cst_token", "orders", snapshots)
                        .optional(true)
                        .build();

        try (ConfigServiceClient client = new ConfigServiceClient(settings).start()) {
            assertThat(client.current().revision()).isZero();
            assertThat(client.current().document().isEmpty()).isTrue();
            assertThat(client.health().status()).isEqualTo(ClientStatus.DOWN);
        }
    }

    private static URI nothingListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
