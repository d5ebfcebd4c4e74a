package io.configservice.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares the answer of a read served outside the dispatcher with the controller's answer to the
 * same read: status, header names, entity tag, content type and body (its timestamp aside).
 */
public final class AlikeAnswers {

    private final JsonMapper json;

    public AlikeAnswers(JsonMapper json) {
        this.json = json;
    }

    /** GETs the uri as the client, with an {@code If-None-Match} when one is given. */
    public static EntityExchangeResult<byte[]> get(
            RestTestClient client, String uri, @Nullable String ifNoneMatch) {
        return client.get()
                .uri(uri)
                .headers(
                        headers -> {
                            if (ifNoneMatch != null) {
                                headers.setIfNoneMatch(ifNoneMatch);
                            }
                        })
                .exchange()
                .expectBody()
                .returnResult();
    }

    public void assertAlike(
            EntityExchangeResult<byte[]> hot, EntityExchangeResult<byte[]> annotated, int status) {
        assertThat(hot.getStatus().value()).isEqualTo(status);
        assertThat(annotated.getStatus().value()).isEqualTo(status);
        assertThat(headerNames(hot)).isEqualTo(headerNames(annotated));
        for (String name : List.of(HttpHeaders.ETAG, HttpHeaders.CONTENT_TYPE)) {
            assertThat(hot.getResponseHeaders().get(name))
                    .as(name)
                    .isEqualTo(annotated.getResponseHeaders().get(name));
        }
        byte[] hotBody = hot.getResponseBody();
        byte[] annotatedBody = annotated.getResponseBody();
        if (status == 304) {
            assertThat(hotBody).isNullOrEmpty();
            assertThat(annotatedBody).isNullOrEmpty();
            return;
        }
        if (status == 200) {
            assertThat(hot.getResponseHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_JSON);
            assertThat(hot.getResponseHeaders().getContentLength()).isEqualTo(hotBody.length);
        }
        assertThat(withoutTimestamp(hotBody)).isEqualTo(withoutTimestamp(annotatedBody));
    }

    private static Set<String> headerNames(EntityExchangeResult<byte[]> result) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(result.getResponseHeaders().headerNames());
        names.remove(HttpHeaders.DATE);
        // framing: the hot reads send a length, Jackson's writer may send the body in chunks
        names.remove(HttpHeaders.CONTENT_LENGTH);
        names.remove(HttpHeaders.TRANSFER_ENCODING);
        return names;
    }

    private ObjectNode withoutTimestamp(byte[] body) {
        ObjectNode tree = (ObjectNode) json.readTree(body);
        assertThat(tree.has("timestamp")).isTrue();
        tree.remove("timestamp");
        return tree;
    }
}
