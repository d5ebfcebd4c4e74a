package io.configservice.bench.client;

import io.configservice.client.ConfigServiceClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Time from a committed write to the application's bean holding the new value: N Spring Boot
 * application contexts (each with the starter's own client, STOMP session and snapshot) in this JVM
 * import one service's configuration; one write at a time changes {@code bench.value}, and each
 * context's {@link BenchProperties} setter records when it got the value. Latency is measured from
 * the write's response (the commit is confirmed) and from just before the write was sent.
 * Arguments: {@code --url --admin-token --instances 1,100 --writes 200 --warmup 20 --out FILE}.
 */
public final class ClientLatencyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TIMEOUT_SECONDS = 30;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI url;
    private final String adminToken;

    private ClientLatencyBenchmark(URI url, String adminToken) {
        this.url = url;
        this.adminToken = adminToken;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        ClientLatencyBenchmark benchmark =
                new ClientLatencyBenchmark(
                        URI.create(options.get("url")), options.get("admin-token"));
        int writes = Integer.parseInt(options.getOrDefault("writes", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        Path out = Path.of(options.get("out"));
        for (String instances : options.getOrDefault("instances", "1,100").split(",")) {
            String line = benchmark.run(Integer.parseInt(instances.strip()), warmup, writes);
            System.out.println(line);
            Files.writeString(
                    out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private String run(int instances, int warmup, int writes) throws Exception {
        String service = "bench-client-" + UUID.randomUUID().toString().substring(0, 8);
        writeValue(service, 0);
        Path snapshots = Files.createTempDirectory("client-bench");
        Arrivals arrivals = new Arrivals(instances);
        List<ConfigurableApplicationContext> applications = new ArrayList<>();
        try {
            Instant startedAt = Instant.now();
            for (int i = 0; i < instances; i++) {
                ConfigurableApplicationContext application =
                        start(service, snapshots.resolve("i" + i));
                application.getBean(BenchProperties.class).observe(arrivals, i);
                applications.add(application);
            }
            Duration startUp = Duration.between(startedAt, Instant.now());
            awaitPushConnected(applications);
            List<Long> fromResponse = new ArrayList<>();
            List<Long> fromSend = new ArrayList<>();
            int missed = 0;
            for (int write = 1; write <= warmup + writes; write++) {
                arrivals.expect(write);
                long sent = System.nanoTime();
                writeValue(service, write);
                long answered = System.nanoTime();
                long[] times = arrivals.await(TIMEOUT_SECONDS);
                if (write <= warmup) {
                    continue;
                }
                for (long time : times) {
                    if (time == Long.MIN_VALUE) {
                        missed++;
                    } else {
                        fromResponse.add(time - answered);
                        fromSend.add(time - sent);
                    }
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("at", Instant.now().toString());
            result.put("instances", instances);
            result.put("writes", writes);
            result.put("warmupWrites", warmup);
            result.put("samples", fromResponse.size());
            result.put("missedWithin" + TIMEOUT_SECONDS + "s", missed);
            result.put("fromResponseMs", percentiles(fromResponse));
            result.put("fromSendMs", percentiles(fromSend));
            result.put("startUpSeconds", startUp.toMillis() / 1000.0);
            result.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).strip());
            result.put(
                    "heapUsedMb",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            return JSON.writeValueAsString(result);
        } finally {
            applications.forEach(ConfigurableApplicationContext::close);
        }
    }

    private ConfigurableApplicationContext start(String service, Path snapshotDirectory) {
        SpringApplication application = new SpringApplication(BenchApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        return application.run(
                "--spring.config.import=configservice:",
                "--configservice.client.url=" + url,
                "--configservice.client.token=" + issueToken(service),
                "--configservice.client.service-id=" + service,
                "--configservice.client.snapshot-dir=" + snapshotDirectory,
                "--logging.level.root=WARN");
    }

    private static void awaitPushConnected(List<ConfigurableApplicationContext> applications)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!applications.stream()
                .allMatch(app -> app.getBean(ConfigServiceClient.class).health().pushConnected())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "not every instance connected its push channel within 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static Map<String, Double> percentiles(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Double> result = new LinkedHashMap<>();
        if (sorted.length == 0) {
            return result;
        }
        result.put("p50", at(sorted, 0.50));
        result.put("p99", at(sorted, 0.99));
        result.put("max", sorted[sorted.length - 1] / 1e6);
        result.put("mean", Arrays.stream(sorted).average().orElse(0) / 1e6);
        return result;
    }

    /** Nearest-rank percentile, in milliseconds with 0.01 ms precision. */
    private static double at(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return Math.round(sorted[Math.max(0, rank - 1)] / 1e4) / 100.0;
    }

    /**
     * A token per instance, as each replica of an application would hold (and under the per-token
     * session cap).
     */
    private String issueToken(String service) {
        return call(
                        "POST",
                        "/api/v1/tokens",
                        Map.of(
                                "serviceId",
                                service,
                                "description",
                                "client bench",
                                "scopes",
                                List.of("config:read", "events:subscribe")))
                .get("token")
                .asString();
    }

    private void writeValue(String service, long value) {
        call(
                "PUT",
                "/api/v1/configurations/" + service + "/environments/production",
                Map.of(
                        "configuration",
                        Map.of("bench", Map.of("value", value)),
                        "changeReason",
                        "client bench"));
    }

    private JsonNode call(String method, String path, Object body) {
        HttpRequest request =
                HttpRequest.newBuilder(url.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("X-Service-Token", adminToken)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method
                                + " "
                                + path
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return JSON.readTree(response.body()).get("data");
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("url", "admin-token", "out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return options;
    }
}
