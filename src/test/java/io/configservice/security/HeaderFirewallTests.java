package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class HeaderFirewallTests {

    private static final Predicate<String> NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*")
            .asMatchPredicate();
    private static final Predicate<String> VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*")
            .asMatchPredicate();

    @Test
    void agreesWithSpringSecuritysPatternsOnEveryCodePoint() {
        int rejected = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "b";
            assertThat(HeaderFirewall.assignedAndNotControl(text)).as("name U+%04X", codePoint)
                    .isEqualTo(NAMES.test(text));
            assertThat(HeaderFirewall.headerValue(text)).as("value U+%04X", codePoint).isEqualTo(VALUES.test(text));
            rejected += NAMES.test(text) ? 0 : 1;
        }
        assertThat(rejected).as("the patterns reject controls and unassigned code points").isGreaterThan(800_000);
    }

    @Test
    void judgesLoneSurrogatesAndEmptyTextLikeThePatterns() {
        for (String text : new String[] {"", "\uD800", "x\uDC00y", "\uD83D\uDE00", "tab\tinside", "\u0000", "\u007f"}) {
            assertThat(HeaderFirewall.assignedAndNotControl(text)).as(text).isEqualTo(NAMES.test(text));
            assertThat(HeaderFirewall.headerValue(text)).as(text).isEqualTo(VALUES.test(text));
        }
    }

    @Test
    void rejectsARequestWithAControlCharacterInAHeader() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/health");
        request.addHeader("X-Service-Token", "abc\u0007");
        HttpServletRequest firewalled = HeaderFirewall.strict().getFirewalledRequest(request);
        assertThatThrownBy(() -> firewalled.getHeader("X-Service-Token")).isInstanceOf(RequestRejectedException.class);
    }
}
