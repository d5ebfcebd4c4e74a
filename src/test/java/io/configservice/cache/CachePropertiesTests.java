package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A time to live of 0 is a setting (nothing is cached: the benchmarks' uncached reads), a negative
 * one is not.
 */
class CachePropertiesTests {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void aTimeToLiveOfZeroIsValid() {
        assertThat(validator.validate(properties(Duration.ZERO))).isEmpty();
        assertThat(validator.validate(properties(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void aNegativeTimeToLiveIsRefused() {
        assertThat(validator.validate(properties(Duration.ofSeconds(-1))))
                .extracting(violation -> violation.getPropertyPath().toString())
                .containsExactly("ttl");
    }

    private static CacheProperties properties(Duration ttl) {
        return new CacheProperties(ttl, 10_000, Duration.ofSeconds(1), 200);
    }
}
