package io.configservice.hotpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class HeaderFirewallTests {

    private static final Predicate<String> NAMES =
            Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*").asMatchPredicate();
    private static final Predicate<String> VALUES =
            Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*").asMatchPredicate();

    @Test
    void agreesWithSpringSecuritysPatternsOnEveryCodePoint() {
        int rejected = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "b";
            assertThat(HeaderFirewall.assignedAndNotControl(text))
                    .as("name U+%04X", codePoint)
                    .isEqualTo(NAMES.test(text));
            assertThat(HeaderFirewall.headerValue(text))
                    .as("value U+%04X", codePoint)
                    .isEqualTo(VALUES.test(text));
            rejected += NAMES.test(text) ? 0 : 1;
        }
        assertThat(rejected)
                .as("the patterns reject controls and unassigned code points")
                .isGreaterThan(800_000);
    }

    @Test
    void judgesLoneSurrogatesAndEmptyTextLikeThePatterns() {
        for (String text :
                new String[] {
                    "", "\uD800", "x\uDC00y", "\uD83D\uDE00", "tab\tinside", "\u0000", "\u007f"
                }) {
            assertThat(HeaderFirewall.assignedAndNotControl(text))
                    .as(text)
                    .isEqualTo(NAMES.test(text));
            assertThat(HeaderFirewall.headerValue(text)).as(text).isEqualTo(VALUES.test(text));
        }
    }

    /**
     * Spring Security's own firewall, with its default rules, decides as this one does: fails when
     * an upgrade changes the rules this class reimplements. Every code point of the Basic
     * Multilingual Plane and every 97th above.
     */
    @Test
    void decidesAsSpringSecuritysDefaultFirewall() {
        StrictHttpFirewall spring = new StrictHttpFirewall();
        StrictHttpFirewall ours = HeaderFirewall.strict();
        for (int codePoint = 0;
                codePoint <= Character.MAX_CODE_POINT;
                codePoint += codePoint < 0x10000 ? 1 : 97) {
            String text = "a" + Character.toString(codePoint) + "b";
            assertThat(acceptsHeaderValue(ours, text))
                    .as("value U+%04X", codePoint)
                    .isEqualTo(acceptsHeaderValue(spring, text));
            assertThat(acceptsHeaderName(ours, text))
                    .as("name U+%04X", codePoint)
                    .isEqualTo(acceptsHeaderName(spring, text));
        }
    }

    private static boolean acceptsHeaderValue(StrictHttpFirewall firewall, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/health");
        request.addHeader("X-Test", value);
        try {
            firewall.getFirewalledRequest(request).getHeader("X-Test");
            return true;
        } catch (RequestRejectedException e) {
            return false;
        }
    }

    private static boolean acceptsHeaderName(StrictHttpFirewall firewall, String name) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/health");
        try {
            firewall.getFirewalledRequest(request).getHeader(name);
            return true;
        } catch (RequestRejectedException e) {
            return false;
        }
    }

    @Test
    void rejectsARequestWithAControlCharacterInAHeader() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/health");
        request.addHeader("X-Service-Token", "abc\u0007");
        HttpServletRequest firewalled = HeaderFirewall.strict().getFirewalledRequest(request);
        assertThatThrownBy(() -> firewalled.getHeader("X-Service-Token"))
                .isInstanceOf(RequestRejectedException.class);
    }
}
