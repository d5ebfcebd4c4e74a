package io.configservice.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigServiceProcessTests {

    @Test
    void aStartedReplicaServesWhatItsAdminWrote() {
        try (ConfigServiceProcess server = ConfigServiceProcess.start()) {
            AdminClient admin = server.admin();
            admin.putConfiguration("harness", "production", Map.of("greeting", "hello"));
            String token = admin.issueToken("harness", "config:read");

            AdminClient.Answer read =
                    new AdminClient(server.baseUri(), token)
                            .send(
                                    "GET",
                                    "/api/v1/configurations/harness/environments/production",
                                    null);

            assertThat(read.data().get("configuration").get("greeting").asString())
                    .isEqualTo("hello");
            assertThat(read.headers().get("etag")).isNotEmpty();
        }
    }
}
