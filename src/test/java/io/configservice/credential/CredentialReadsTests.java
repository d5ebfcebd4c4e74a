package io.configservice.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.AlikeAnswers;
import io.configservice.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * The credential retrieve served at the end of its security chain answers exactly as the controller
 * method it stands in front of (reached here through a parameter the hot read does not take).
 */
class CredentialReadsTests extends IntegrationTest {

    private static final String SERVICE = "credential-reads";
    private static final String KEY = "credential-reads-api-key";
    private static final String URI = "/api/v1/credentials/" + KEY;

    /** A key with a dot: the controller answers it, with its reflected-file-download guard. */
    private static final String DOTTED = "/api/v1/credentials/credential-reads.dotted";

    @Autowired private ConfigurableApplicationContext context;

    private RestTestClient service;
    private AlikeAnswers answers;

    @BeforeEach
    void credential() {
        answers = new AlikeAnswers(json);
        service = as(issueToken(SERVICE));
        if (admin().get().uri(URI).exchange().returnResult().getStatus().value() == 404) {
            storeCredential(KEY, "s3cret-value", SERVICE);
        }
    }

    @Test
    void theValueIsAnsweredAsTheControllerAnswersIt() {
        answers.assertAlike(get(service, URI), get(service, URI + "?controller=1"), 200);
        answers.assertAlike(
                get(service, URI + "?version=current"),
                get(service, URI + "?version=current&controller=1"),
                200);
        assertThat(new String(get(service, URI).getResponseBody())).contains("s3cret-value");
    }

    @Test
    void refusalsAndMissesAreAnsweredAlike() {
        RestTestClient other = as(issueToken("credential-reads-other"));
        // another service's credential is not found, whether or not it exists
        answers.assertAlike(get(other, URI), get(other, URI + "?controller=1"), 404);
        String missing = "/api/v1/credentials/credential-reads-missing";
        answers.assertAlike(get(admin(), missing), get(admin(), missing + "?controller=1"), 404);
        answers.assertAlike(
                get(service, URI + "?version=nonsense"),
                get(service, URI + "?version=nonsense&controller=1"),
                400);
    }

    @Test
    void theRetrieveDoesNotReachTheDispatcher() {
        List<String> dispatched = new CopyOnWriteArrayList<>();
        ApplicationListener<ServletRequestHandledEvent> listener =
                event -> dispatched.add(event.getRequestUrl());
        context.addApplicationListener(listener);
        try {
            get(service, URI);
            get(service, URI + "/versions");
            get(admin(), DOTTED);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> dispatched.containsAll(List.of(URI + "/versions", DOTTED)));
            assertThat(dispatched).doesNotContain(URI);
        } finally {
            context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(listener);
        }
    }

    private static EntityExchangeResult<byte[]> get(RestTestClient client, String uri) {
        return AlikeAnswers.get(client, uri, null);
    }
}
