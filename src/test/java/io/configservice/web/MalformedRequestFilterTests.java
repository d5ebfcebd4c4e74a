package io.configservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MalformedRequestFilterTests {

    @Test
    void acceptsPathsWhosePercentEncodingIsComplete() {
        assertThat(MalformedRequestFilter.percentEncodingIsValid("/api/v1/configurations/orders"))
                .isTrue();
        assertThat(MalformedRequestFilter.percentEncodingIsValid("/api/v1/x;a=%2F%c3%A9")).isTrue();
    }

    @Test
    void refusesABrokenOrTruncatedEscape() {
        assertThat(MalformedRequestFilter.percentEncodingIsValid("/api/v1/x;a=%zz")).isFalse();
        assertThat(
                        MalformedRequestFilter.percentEncodingIsValid(
                                "/config-server/NaN/;jsessionid=1-%.json"))
                .isFalse();
        assertThat(MalformedRequestFilter.percentEncodingIsValid("/api/v1/x%4")).isFalse();
        assertThat(MalformedRequestFilter.percentEncodingIsValid("/api/v1/x%")).isFalse();
    }
}
