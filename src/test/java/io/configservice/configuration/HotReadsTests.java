package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.AlikeAnswers;
import io.configservice.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * The two hot reads answer exactly as the controller methods they stand in front of, and take only
 * the requests they are meant for.
 */
class HotReadsTests extends IntegrationTest {

    private static final String SERVICE = "hot-read-routes";
    private static final String OTHER = "hot-read-routes-other";
    private static final String OWN = "/api/v1/configurations/" + SERVICE;
    private static final String EFFECTIVE = OWN + "/environments/production";

    @Autowired private MeterRegistry meters;
    @Autowired private ConfigurableApplicationContext context;

    private RestTestClient service;

    @BeforeEach
    void configuration() {
        service = as(issueToken(SERVICE));
        if (admin().get().uri(OWN).exchange().returnResult().getStatus().value() == 404) {
            createConfiguration(SERVICE, "{\"pool\":{\"size\":4},\"name\":\"hot\"}");
        }
        get(service, OWN);
        get(service, EFFECTIVE);
    }

    @Test
    void theOwnDocumentIsAnsweredAsTheControllerAnswersIt() {
        assertAlike(get(service, OWN), get(service, OWN + "?version=latest"));
        assertAlike(
                get(service, OWN + "?environment=production"),
                get(service, OWN + "?environment=production&resolveSecrets=false"));
    }

    @Test
    void theEffectiveConfigurationIsAnsweredAsTheControllerAnswersIt() {
        assertAlike(get(service, EFFECTIVE), get(service, EFFECTIVE + "?explain=false"));
    }

    @Test
    void notModifiedForbiddenAndNotFoundAreAnsweredAlike() {
        String ownTag = get(service, OWN).getResponseHeaders().getETag();
        String effectiveTag = get(service, EFFECTIVE).getResponseHeaders().getETag();
        assertAlike(get(service, OWN, ownTag), get(service, OWN + "?version=latest", ownTag), 304);
        assertAlike(
                get(service, EFFECTIVE, effectiveTag),
                get(service, EFFECTIVE + "?explain=false", effectiveTag),
                304);
        RestTestClient other = as(issueToken(OTHER));
        assertAlike(get(other, OWN), get(other, OWN + "?version=latest"), 403);
        assertAlike(get(other, EFFECTIVE), get(other, EFFECTIVE + "?explain=false"), 403);
        String missing = "/api/v1/configurations/hot-read-routes-missing";
        assertAlike(get(admin(), missing), get(admin(), missing + "?version=latest"), 404);
        assertAlike(
                get(admin(), missing + "/environments/production"),
                get(admin(), missing + "/environments/production?explain=false"),
                404);
    }

    @Test
    void theHotReadsDoNotReachTheDispatcher() {
        List<String> dispatched = new CopyOnWriteArrayList<>();
        ApplicationListener<ServletRequestHandledEvent> listener =
                event -> dispatched.add(event.getRequestUrl());
        context.addApplicationListener(listener);
        try {
            get(service, EFFECTIVE);
            get(service, OWN + "?environment=production");
            get(service, EFFECTIVE + "?explain=false");
            await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.contains(EFFECTIVE));
            assertThat(dispatched).doesNotContain(OWN).containsOnlyOnce(EFFECTIVE);
        } finally {
            context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(listener);
        }
    }

    @Test
    void theMetricsOfAReadNameItsRoute() {
        String own = "/api/v1/configurations/{serviceId}";
        String effective = "/api/v1/configurations/{serviceId}/environments/{environment}";
        long ownBefore = requests(own, "200");
        long notModifiedBefore = requests(own, "304");
        long effectiveBefore = requests(effective, "200");
        String tag = get(service, OWN).getResponseHeaders().getETag();
        get(service, EFFECTIVE);
        get(service, OWN, tag);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> {
                            assertThat(requests(own, "200")).isGreaterThan(ownBefore);
                            assertThat(requests(own, "304")).isGreaterThan(notModifiedBefore);
                            assertThat(requests(effective, "200")).isGreaterThan(effectiveBefore);
                        });
    }

    private long requests(String uri, String status) {
        Timer timer =
                meters.find("http.server.requests")
                        .tag("method", "GET")
                        .tag("uri", uri)
                        .tag("status", status)
                        .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void onlyThePlainReadsAreRoutedHere() {
        assertThat(routed("GET", OWN, null)).isTrue();
        assertThat(routed("GET", OWN + "?environment=staging", null)).isTrue();
        assertThat(routed("GET", EFFECTIVE, "application/json")).isTrue();
        assertThat(routed("GET", OWN + "?version=3", null)).isFalse();
        assertThat(routed("GET", OWN + "?environment=a&environment=b", null)).isFalse();
        assertThat(routed("GET", OWN + "?resolveSecrets=true", null)).isFalse();
        assertThat(routed("GET", EFFECTIVE + "?explain=true", null)).isFalse();
        assertThat(routed("GET", OWN, "application/xml")).isFalse();
        assertThat(routed("HEAD", OWN, null)).isFalse();
        assertThat(routed("PUT", OWN, null)).isFalse();
        assertThat(routed("GET", OWN + "/pool.size", null)).isFalse();
        assertThat(routed("GET", OWN + "/versions", null)).isFalse();
        assertThat(routed("GET", OWN + "/", null)).isFalse();
        assertThat(routed("GET", EFFECTIVE + "/", null)).isFalse();
        assertThat(routed("GET", EFFECTIVE + "?environment=staging", null)).isFalse();
        assertThat(routed("GET", OWN, "text/plain, application/*")).isTrue();
        assertThat(routed("GET", OWN, "not a media type")).isFalse();
    }

    private static boolean routed(String method, String uri, String accept) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (uri.contains("?")) {
            String query = uri.substring(uri.indexOf('?') + 1);
            request.setQueryString(query);
            for (String pair : query.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                request.addParameter(nameAndValue[0], nameAndValue[1]);
            }
        }
        if (accept != null) {
            request.addHeader(HttpHeaders.ACCEPT, accept);
        }
        return HotRead.of(request) != null;
    }

    private static EntityExchangeResult<byte[]> get(RestTestClient client, String uri) {
        return AlikeAnswers.get(client, uri, null);
    }

    private static EntityExchangeResult<byte[]> get(
            RestTestClient client, String uri, String ifNoneMatch) {
        return AlikeAnswers.get(client, uri, ifNoneMatch);
    }

    private void assertAlike(
            EntityExchangeResult<byte[]> hot, EntityExchangeResult<byte[]> annotated) {
        assertAlike(hot, annotated, 200);
    }

    private void assertAlike(
            EntityExchangeResult<byte[]> hot, EntityExchangeResult<byte[]> annotated, int status) {
        new AlikeAnswers(json).assertAlike(hot, annotated, status);
    }
}
