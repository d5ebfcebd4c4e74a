package io.configservice.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link Caller}, whatever credential it came with. Authorities are {@code
 * ROLE_<ROLE>} for every role the caller holds (including implied ones) and {@code SCOPE_<scope>}
 * for a service token's scopes.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(authorities(caller));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return caller.actor();
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : Role.values()) {
            if (caller.has(role)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
            }
        }
        caller.scopes()
                .forEach(
                        scope ->
                                authorities.add(
                                        new SimpleGrantedAuthority("SCOPE_" + scope.wire())));
        if (caller.serviceId() != null) {
            authorities.add(new SimpleGrantedAuthority("ROLE_SERVICE"));
        }
        return authorities;
    }
}
