package io.configservice.hotpath;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its character rules for header names, header
 * values and parameter names written as loops over code points instead of regular expressions. The
 * firewall checks a header on every {@code getHeader} call, so its patterns ({@code
 * [\p{IsAssigned}&&[^\p{IsControl}]]*}, with tab also allowed in values) run over every header the
 * request's handling reads; the rules themselves are unchanged, and a test compares the decisions
 * with Spring Security's default firewall.
 */
final class HeaderFirewall {

    private HeaderFirewall() {}

    static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderFirewall::assignedAndNotControl);
        firewall.setAllowedHeaderValues(HeaderFirewall::headerValue);
        firewall.setAllowedParameterNames(HeaderFirewall::assignedAndNotControl);
        return firewall;
    }

    /** Every code point assigned and not a control character. */
    static boolean assignedAndNotControl(String text) {
        return allowed(text, false);
    }

    /** Every code point assigned and not a control character, tab excepted. */
    static boolean headerValue(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint >= 0x20 && codePoint < 0x7f) {
                continue;
            }
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED
                    || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                return false;
            }
        }
        return true;
    }
}
