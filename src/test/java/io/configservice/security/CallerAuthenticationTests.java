package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class CallerAuthenticationTests {

    @Test
    void aServiceTokenHoldsItsScopesAndTheServiceRole() {
        CallerAuthentication authentication =
                new CallerAuthentication(
                        Caller.serviceToken("abc", "payments", Set.of(Scope.CONFIG_READ), null));

        assertThat(authorities(authentication))
                .containsExactly("SCOPE_config:read", "ROLE_SERVICE");
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getName()).isEqualTo("token:abc");
    }

    @Test
    void anOperatorHoldsItsRolesAndTheImpliedReaderRole() {
        CallerAuthentication authentication =
                new CallerAuthentication(
                        Caller.operator("alice", Set.of(Role.APPROVER, Role.AUDITOR), null));

        assertThat(authorities(authentication))
                .containsExactly("ROLE_READER", "ROLE_APPROVER", "ROLE_AUDITOR");
    }

    @Test
    void anAdminHoldsEveryRole() {
        assertThat(authorities(new CallerAuthentication(Caller.adminToken("root", null))))
                .containsExactly(
                        "ROLE_READER",
                        "ROLE_OPERATOR",
                        "ROLE_APPROVER",
                        "ROLE_AUDITOR",
                        "ROLE_ADMIN");
    }

    private static Iterable<String> authorities(CallerAuthentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }
}
