package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.security.Caller;
import io.configservice.security.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionLimitsTests {

    @Test
    void sessionsAreCountedPerTokenOrJwtSubjectAndTheAdminTokenIsOneCaller() {
        Caller admin = new Caller("token:admin", "admin", null, Set.of(Role.ADMIN), Set.of(), null);
        Caller operator = new Caller("alice", null, null, Set.of(Role.OPERATOR), Set.of(), null);
        Caller subjectLikeAToken =
                new Caller("token:admin", null, null, Set.of(Role.READER), Set.of(), null);
        assertThat(SessionLimits.key(admin)).isEqualTo("token:admin");
        assertThat(SessionLimits.key(operator)).isEqualTo("jwt:alice");
        assertThat(SessionLimits.key(subjectLikeAToken)).isEqualTo("jwt:token:admin");
    }
}
