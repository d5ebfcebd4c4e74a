package io.configservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

class PathFirstRequestMappingHandlerMappingTests {

    private static final List<String> PATTERNS = List.of("/api/v1/configurations/{serviceId}",
            "/api/v1/configurations/{serviceId}/{key}", "/api/v1/credentials/{key}", "/api/v1/credentials",
            "/api/v1/health", "/api/v1/audit/**", "/files/{*rest}", "/api/v1/credentials/{key}/versions",
            "/api/v1/{section:[a-z]+}/{id}", "/api/v1/configurations/{serviceId}/history", "/a/*.json", "/**/z", "/api/v1/conf?gurations", "/api/v1/tokens/*", "", "/");
    private static final List<String> PATHS = List.of("/api/v1/configurations/orders",
            "/api/v1/configurations/orders/db.url", "/api/v1/configurations", "/api/v1/configurations/",
            "/api/v1/credentials/orders.db", "/api/v1/credentials", "/api/v1/credential", "/api/v1/health",
            "/api/v1/healthz", "/api/v1/audit", "/api/v1/audit/verify", "/api/v1/tokens/abc", "/API/v1/health",
            "/api/v1/confXgurations", "/files", "/files/a/b", "/api/v1/credentials/k/versions", "/api/v1/configurations/orders/history", "/a/b.json", "/a/z", "/z", "/a/b/c/z",
            "/a//z", "/api/v1/configurations//history", "", "/", "/x", "//");

    @Test
    void neverRejectsAPathThatThePatternMatches() {
        PathPatternParser parser = new PathPatternParser();
        int rejected = 0;
        for (String text : PATTERNS) {
            PathPattern pattern = parser.parse(text);
            for (String path : PATHS) {
                boolean prefix = PathFirstRequestMappingHandlerMapping.startsWithLiteralPart(path, text)
                        && PathFirstRequestMappingHandlerMapping.mayHaveSeparators(text,
                                PathFirstRequestMappingHandlerMapping.separators(path));
                if (pattern.matches(PathContainer.parsePath(path))) {
                    assertThat(prefix).as("%s must not be rejected for %s", path, text).isTrue();
                }
                rejected += prefix ? 0 : 1;
            }
        }
        assertThat(rejected).as("most pairs are rejected by comparing strings").isGreaterThan(PATTERNS.size()
                * PATHS.size() * 3 / 4);
    }

    @Test
    void countsTheSeparatorsOutsideVariablesUnlessThePatternSpansSegments() {
        assertThat(PathFirstRequestMappingHandlerMapping.mayHaveSeparators("/api/v1/configurations/{serviceId}", 4))
                .isTrue();
        assertThat(PathFirstRequestMappingHandlerMapping.mayHaveSeparators("/api/v1/configurations/{serviceId}", 5))
                .isFalse();
        assertThat(PathFirstRequestMappingHandlerMapping.mayHaveSeparators("/x/{path:[a-z/]+}", 2)).isTrue();
        assertThat(PathFirstRequestMappingHandlerMapping.mayHaveSeparators("/files/**", 9)).isTrue();
        assertThat(PathFirstRequestMappingHandlerMapping.mayHaveSeparators("/files/{*rest}", 1)).isTrue();
    }

    @Test
    void comparesOnlyTheCharactersBeforeTheFirstVariableOrWildcard() {
        assertThat(PathFirstRequestMappingHandlerMapping.startsWithLiteralPart("/api/v1/credentials/x",
                "/api/v1/credentials/{key}")).isTrue();
        assertThat(PathFirstRequestMappingHandlerMapping.startsWithLiteralPart("/api/v1/configurations/x",
                "/api/v1/credentials/{key}")).isFalse();
        assertThat(PathFirstRequestMappingHandlerMapping.startsWithLiteralPart("/api/v1/audit",
                "/api/v1/audit/**")).isTrue();
        assertThat(PathFirstRequestMappingHandlerMapping.startsWithLiteralPart("/api/v1/cred",
                "/api/v1/credentials")).isFalse();
        assertThat(PathFirstRequestMappingHandlerMapping.startsWithLiteralPart("/anything", "")).isTrue();
    }
}
