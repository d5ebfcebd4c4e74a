package io.configservice.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

class PathFirstRequestMappingHandlerMappingTests {

    private static final List<String> PATTERNS =
            List.of(
                    "/api/v1/configurations/{serviceId}",
                    "/api/v1/configurations/{serviceId}/{key}",
                    "/api/v1/credentials/{key}",
                    "/api/v1/credentials",
                    "/api/v1/health",
                    "/api/v1/audit/**",
                    "/files/{*rest}",
                    "/api/v1/credentials/{key}/versions",
                    "/api/v1/{section:[a-z]+}/{id}",
                    "/api/v1/configurations/{serviceId}/history",
                    "/a/*.json",
                    "/**/z",
                    "/api/v1/conf?gurations",
                    "/api/v1/tokens/*",
                    "",
                    "/");
    private static final List<String> PATHS =
            List.of(
                    "/api/v1/configurations/orders",
                    "/api/v1/configurations/orders/db.url",
                    "/api/v1/configurations",
                    "/api/v1/configurations/",
                    "/api/v1/credentials/orders.db",
                    "/api/v1/credentials",
                    "/api/v1/credential",
                    "/api/v1/health",
                    "/api/v1/healthz",
                    "/api/v1/audit",
                    "/api/v1/audit/verify",
                    "/api/v1/tokens/abc",
                    "/API/v1/health",
                    "/api/v1/confXgurations",
                    "/files",
                    "/files/a/b",
                    "/api/v1/credentials/k/versions",
                    "/api/v1/configurations/orders/history",
                    "/a/b.json",
                    "/a/z",
                    "/z",
                    "/a/b/c/z",
                    "/a//z",
                    "/api/v1/configurations//history",
                    "",
                    "/",
                    "/x",
                    "//");

    /**
     * The same handler, or the same refusal, as Spring's own mapping for every method, path and
     * {@code Accept} tried: fails when an upgrade changes how the lookup calls {@code
     * getMatchingMapping} or what a match requires.
     */
    @Test
    void choosesWhatSpringsOwnMappingChooses() throws Exception {
        RequestMappingHandlerMapping spring = mapping(new RequestMappingHandlerMapping());
        RequestMappingHandlerMapping pathFirst =
                mapping(new PathFirstRequestMappingHandlerMapping());
        int handled = 0;
        for (String method : List.of("GET", "PUT", "DELETE")) {
            for (String path : PATHS) {
                for (String accept : List.of("*/*", "application/json", "text/plain")) {
                    String expected = outcome(spring, method, path, accept);
                    assertThat(outcome(pathFirst, method, path, accept))
                            .as("%s %s (%s)", method, path, accept)
                            .isEqualTo(expected);
                    handled += expected.startsWith("handler ") ? 1 : 0;
                }
            }
        }
        assertThat(handled).as("requests that found a handler").isGreaterThan(10);
    }

    private static RequestMappingHandlerMapping mapping(RequestMappingHandlerMapping mapping) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.registerSingleton("probe", Probe.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    private static String outcome(
            RequestMappingHandlerMapping mapping, String method, String path, String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Accept", accept);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain == null
                    ? "none"
                    : "handler " + ((HandlerMethod) chain.getHandler()).getMethod().getName();
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    @Controller
    static class Probe {

        @GetMapping("/api/v1/configurations/{serviceId}")
        void read() {}

        @PutMapping("/api/v1/configurations/{serviceId}")
        void write() {}

        @GetMapping(path = "/api/v1/configurations/{serviceId}/{key}", produces = "text/plain")
        void key() {}

        @GetMapping("/api/v1/configurations/{serviceId}/history")
        void history() {}

        @GetMapping({"/api/v1/credentials/{key}", "/api/v1/credentials"})
        void credential() {}

        @GetMapping("/api/v1/audit/**")
        void audit() {}

        @GetMapping("/files/{*rest}")
        void files() {}
    }

    @Test
    void neverRejectsAPathThatThePatternMatches() {
        PathPatternParser parser = new PathPatternParser();
        int rejected = 0;
        for (String text : PATTERNS) {
            PathPattern pattern = parser.parse(text);
            for (String path : PATHS) {
                boolean prefix =
                        PathFirstRequestMappingHandlerMapping.startsWithLiteralPart(path, text)
                                && PathFirstRequestMappingHandlerMapping.mayHaveSeparators(
                                        text,
                                        PathFirstRequestMappingHandlerMapping.separators(path));
                if (pattern.matches(PathContainer.parsePath(path))) {
                    assertThat(prefix).as("%s must not be rejected for %s", path, text).isTrue();
                }
                rejected += prefix ? 0 : 1;
            }
        }
        assertThat(rejected)
                .as("most pairs are rejected by comparing strings")
                .isGreaterThan(PATTERNS.size() * PATHS.size() * 3 / 4);
    }

    @Test
    void countsTheSeparatorsOutsideVariablesUnlessThePatternSpansSegments() {
        assertThat(
                        PathFirstRequestMappingHandlerMapping.mayHaveSeparators(
                                "/api/v1/configurations/{serviceId}", 4))
                .isTrue();
        assertThat(
                        PathFirstRequestMappingHandlerMapping.mayHaveSeparators(
                                "/api/v1/configurations/{serviceId}", 5))
                .isFalse();
        assertThat(PathFirstRequestMappingHandlerMapping.mayHaveSeparators("/x/{path:[a-z/]+}", 2))
                .isTrue();
        assertThat(PathFirstRequestMappingHandlerMapping.mayHaveSeparators("/files/**", 9))
                .isTrue();
        assertThat(PathFirstRequestMappingHandlerMapping.mayHaveSeparators("/files/{*rest}", 1))
                .isTrue();
    }

    @Test
    void comparesOnlyTheCharactersBeforeTheFirstVariableOrWildcard() {
        assertThat(
                        PathFirstRequestMappingHandlerMapping.startsWithLiteralPart(
                                "/api/v1/credentials/x", "/api/v1/credentials/{key}"))
                .isTrue();
        assertThat(
                        PathFirstRequestMappingHandlerMapping.startsWithLiteralPart(
                                "/api/v1/configurations/x", "/api/v1/credentials/{key}"))
                .isFalse();
        assertThat(
                        PathFirstRequestMappingHandlerMapping.startsWithLiteralPart(
                                "/api/v1/audit", "/api/v1/audit/**"))
                .isTrue();
        assertThat(
                        PathFirstRequestMappingHandlerMapping.startsWithLiteralPart(
                                "/api/v1/cred", "/api/v1/credentials"))
                .isFalse();
        assertThat(PathFirstRequestMappingHandlerMapping.startsWithLiteralPart("/anything", ""))
                .isTrue();
    }
}
