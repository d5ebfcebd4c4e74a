package io.configservice.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link Caller}, whatever credential it came with. Authorities are {@code
 * ROLE_<ROLE>} for every role the caller holds (including implied ones) and {@code SCOPE_<scope>}
 * for a service token's scopes.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    /** Built once: every authenticated request makes a token of its caller's authorities. */
    private static final Map<Role, GrantedAuthority> ROLES =
            authorities(Role.class, role -> "ROLE_" + role.name());

    private static final Map<Scope, GrantedAuthority> SCOPES =
            authorities(Scope.class, scope -> "SCOPE_" + scope.wire());

    private static final GrantedAuthority SERVICE = new SimpleGrantedAuthority("ROLE_SERVICE");

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
        List<GrantedAuthority> authorities =
                new ArrayList<>(ROLES.size() + caller.scopes().size() + 1);
        ROLES.forEach(
                (role, authority) -> {
                    if (caller.has(role)) {
                        authorities.add(authority);
                    }
                });
        caller.scopes().forEach(scope -> authorities.add(SCOPES.get(scope)));
        if (caller.serviceId() != null) {
            authorities.add(SERVICE);
        }
        return authorities;
    }

    private static <E extends Enum<E>> Map<E, GrantedAuthority> authorities(
            Class<E> type, Function<E, String> name) {
        Map<E, GrantedAuthority> authorities = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            authorities.put(value, new SimpleGrantedAuthority(name.apply(value)));
        }
        return Collections.unmodifiableMap(authorities);
    }
}
