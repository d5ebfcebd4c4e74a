package io.configservice.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.ConfigServiceApplication;
import io.configservice.support.IntegrationTest;
import io.configservice.support.RawStompClient;
import io.configservice.support.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two application instances sharing one Redis, with low limits and their own key prefix (so the
 * suite's other contexts on the same Redis never see these buckets): a token's, an address's and
 * the failed-authentication budget is spent across both instances, and the other callers go on.
 * With Redis unreachable, requests go through.
 */
class RateLimitIntegrationTests {

    private static final String BAD_TOKEN = "not-a-real-token";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String prefix = "ratelimit-it-" + Long.toString(System.nanoTime(), 36) + ":";

    @Test
    void limitsAreSharedAcrossInstancesThroughRedis() throws Exception {
        try (ConfigurableApplicationContext a = start();
                ConfigurableApplicationContext b = start()) {
            String mine = "rl-mine-" + Long.toString(System.nanoTime(), 36);
            String theirs = "rl-theirs-" + Long.toString(System.nanoTime(), 36);
            createConfiguration(a, mine);
            createConfiguration(b, theirs);
            String token = issueToken(a, mine);
            String otherToken = issueToken(b, theirs);

            // a token's 6 requests: 3 on A, 3 on B, then refused on both
            for (int i = 0; i < 6; i++) {
                ConfigurableApplicationContext instance = i < 3 ? a : b;
                get(instance, token, mine)
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .valueEquals("X-RateLimit-Limit", "6")
                        .expectHeader()
                        .valueEquals("X-RateLimit-Remaining", Integer.toString(5 - i));
            }
            expectRateLimited(get(a, token, mine), "6");
            expectRateLimited(get(b, token, mine), "6");
            get(b, otherToken, theirs)
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-RateLimit-Remaining", "5");

            // callers without a token: 4 per address, counted across both instances
            for (int i = 0; i < 4; i++) {
                get(i % 2 == 0 ? a : b, null, mine)
                        .expectStatus()
                        .isUnauthorized()
                        .expectHeader()
                        .valueEquals("X-RateLimit-Remaining", Integer.toString(3 - i));
            }
            expectRateLimited(get(a, null, mine), "4");
            client(b, null).get().uri("/api/v1/health").exchange().expectStatus().isOk();
            get(a, otherToken, theirs).expectStatus().isOk();

            // 3 failed authentications per address, across both instances; then 429 before any
            // token is checked
            get(a, BAD_TOKEN, mine).expectStatus().isUnauthorized();
            get(b, BAD_TOKEN, mine).expectStatus().isUnauthorized();
            get(a, BAD_TOKEN, mine).expectStatus().isUnauthorized();
            expectRateLimited(get(b, BAD_TOKEN, mine), "3")
                    .expectBody()
                    .jsonPath("$.error")
                    .value(message -> assertThat((String) message).contains("authentication"));
            expectRateLimited(get(a, BAD_TOKEN, mine), "3");
            expectRateLimited(get(a, otherToken, theirs), "3");
            expectRateLimited(get(b, otherToken, theirs), "3");

            // another address is unaffected by all of it
            assertThat(rawGetStatus(port(a), "127.0.0.2", otherToken, theirs)).isEqualTo(200);
            assertThat(rawGetStatus(port(b), "127.0.0.2", BAD_TOKEN, theirs)).isEqualTo(401);
            assertThat(rawGetStatus(port(b), "127.0.0.2", null, theirs)).isEqualTo(401);

            assertThat(redisKeys())
                    .contains(
                            prefix + "ip:127.0.0.1",
                            prefix + "authfail:127.0.0.1",
                            prefix + "ip:127.0.0.2",
                            prefix + "authfail:127.0.0.2")
                    .filteredOn(key -> key.startsWith(prefix + "token:"))
                    .hasSize(3);
        } finally {
            deleteRedisKeys();
        }
    }

    @Test
    void failedStompConnectsSpendTheFailedAuthenticationBudgetOfTheirAddress() throws Exception {
        try (ConfigurableApplicationContext instance = start()) {
            String serviceId = "rl-stomp-" + Long.toString(System.nanoTime(), 36);
            createConfiguration(instance, serviceId);
            for (int i = 0; i < 3; i++) {
                try (RawStompClient guess = RawStompClient.connect(port(instance), BAD_TOKEN)) {
                    RawStompClient.Frame refusal = guess.next(WAIT);
                    assertThat(refusal).isNotNull();
                    assertThat(refusal.command()).isEqualTo("ERROR");
                    assertThat(refusal.header("message"))
                            .contains("invalid")
                            .doesNotContain(BAD_TOKEN);
                }
            }
            try (RawStompClient valid =
                    RawStompClient.connect(port(instance), IntegrationTest.ADMIN_TOKEN)) {
                RawStompClient.Frame refusal = valid.next(WAIT);
                assertThat(refusal).isNotNull();
                assertThat(refusal.command()).isEqualTo("ERROR");
                assertThat(refusal.header("message"))
                        .contains("Too many failed authentication attempts");
                assertThat(valid.next("CLOSED", WAIT)).isNotNull();
            }
            // the same budget as HTTP's: a request with a valid token from that address is refused
            // too
            expectRateLimited(get(instance, IntegrationTest.ADMIN_TOKEN, serviceId), "3");
        } finally {
            deleteRedisKeys();
        }
    }

    @Test
    void unreachableRedisLetsRequestsThroughAndCountsTheErrors() throws Exception {
        String unreachable =
                "--spring.data.redis.url=redis://127.0.0.1:" + TestInfrastructure.freePort();
        try (ConfigurableApplicationContext instance = start(unreachable)) {
            String serviceId = "rl-down-" + Long.toString(System.nanoTime(), 36);
            createConfiguration(instance, serviceId);
            for (int i = 0; i < 8; i++) {
                get(instance, IntegrationTest.ADMIN_TOKEN, serviceId)
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .doesNotExist("X-RateLimit-Remaining");
                get(instance, null, serviceId).expectStatus().isUnauthorized();
            }
            get(instance, BAD_TOKEN, serviceId).expectStatus().isUnauthorized();
            double errors =
                    instance.getBean(MeterRegistry.class)
                            .find("configservice.ratelimit.errors")
                            .counter()
                            .count();
            assertThat(errors).isEqualTo(18);
        }
    }

    private ConfigurableApplicationContext start() {
        TestInfrastructure.Redis redis = TestInfrastructure.redis();
        return start(
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port());
    }

    private ConfigurableApplicationContext start(String... redis) {
        TestInfrastructure.Database database = TestInfrastructure.database();
        return new SpringApplicationBuilder(ConfigServiceApplication.class)
                .run(
                        Stream.concat(
                                        Stream.of(
                                                "--server.port=0",
                                                "--spring.jmx.enabled=false",
                                                "--spring.datasource.url=" + database.url(),
                                                "--spring.datasource.username="
                                                        + database.username(),
                                                "--spring.datasource.password="
                                                        + database.password(),
                                                "--configservice.admin-token="
                                                        + IntegrationTest.ADMIN_TOKEN,
                                                "--configservice.data-dir=target/test-data",
                                                "--configservice.rate-limit.key-prefix=" + prefix,
                                                "--configservice.rate-limit.token-capacity=6",
                                                "--configservice.rate-limit.token-period=1h",
                                                "--configservice.rate-limit.ip-capacity=4",
                                                "--configservice.rate-limit.ip-period=1h",
                                                "--configservice.rate-limit.failed-authentication-capacity=3",
                                                "--configservice.rate-limit.failed-authentication-period=1h"),
                                        Stream.of(redis))
                                .toArray(String[]::new));
    }

    private static ResponseSpec expectRateLimited(ResponseSpec response, String limit) {
        response.expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", limit)
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader()
                .value(
                        "Retry-After",
                        retry -> assertThat(Long.parseLong(retry)).isBetween(1L, 1200L))
                .expectBody()
                .jsonPath("$.success")
                .isEqualTo(false)
                .jsonPath("$.code")
                .isEqualTo("RATE_LIMITED");
        return response;
    }

    private static ResponseSpec get(
            ConfigurableApplicationContext instance, String token, String serviceId) {
        return client(instance, token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange();
    }

    /**
     * Always 127.0.0.1, never {@code localhost}, which may resolve to ::1 and count as another
     * address.
     */
    private static RestTestClient client(ConfigurableApplicationContext instance, String token) {
        RestTestClient.Builder<?> builder =
                RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port(instance));
        if (token != null) {
            builder.defaultHeader("X-Service-Token", token);
        }
        return builder.build();
    }

    private static void createConfiguration(
            ConfigurableApplicationContext instance, String serviceId) {
        client(instance, IntegrationTest.ADMIN_TOKEN)
                .post()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"a\":1}}")
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static String issueToken(ConfigurableApplicationContext instance, String serviceId) {
        byte[] body =
                client(instance, IntegrationTest.ADMIN_TOKEN)
                        .post()
                        .uri("/api/v1/tokens")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(
                                "{\"serviceId\":\""
                                        + serviceId
                                        + "\",\"description\":\"rate limit test\"}")
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        return JSON.readTree(body).at("/data/token").asString();
    }

    /**
     * A GET sent from {@code localAddress}, which RestTestClient cannot choose; returns the status
     * code.
     */
    private static int rawGetStatus(int port, String localAddress, String token, String serviceId)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /api/v1/configurations/"
                                    + serviceId
                                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + (token == null ? "" : "X-Service-Token: " + token + "\r\n")
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine =
                    new BufferedReader(
                                    new InputStreamReader(
                                            socket.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private List<String> redisKeys() {
        try (RedisClient client = redisClient();
                StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(prefix + "*");
        }
    }

    private void deleteRedisKeys() {
        try (RedisClient client = redisClient();
                StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(prefix + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
    }

    private static RedisClient redisClient() {
        TestInfrastructure.Redis redis = TestInfrastructure.redis();
        return RedisClient.create(RedisURI.create(redis.host(), redis.port()));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }
}
