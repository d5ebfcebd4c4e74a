package io.configservice.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalPolicyServiceTests {

    @Test
    void expiryDefaultsToSeventyTwoHours() {
        assertThat(ApprovalPolicyService.parseExpiry(null)).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void expiryIsAnIsoDuration() {
        assertThat(ApprovalPolicyService.parseExpiry("PT1S")).isEqualTo(Duration.ofSeconds(1));
        assertThat(ApprovalPolicyService.parseExpiry("P2D")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void rejectsMalformedAndSubSecondExpiries() {
        for (String bad : new String[] {"72h", "", "PT0S", "PT0.5S", "-PT1H"}) {
            assertThatThrownBy(() -> ApprovalPolicyService.parseExpiry(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        }
    }
}
