package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

class AdminTokenBootstrapTests {

    private final ServiceTokenService tokens = mock(ServiceTokenService.class);

    @Test
    void configuredAdminTokenShorterThan32CharactersIsRefusedAtStartWithoutEchoingIt() {
        String shortToken = "a-31-character-admin-token-1234";
        assertThat(shortToken).hasSize(31);
        assertThatThrownBy(
                        () -> new AdminTokenBootstrap(tokens, new AdminTokenProperties(shortToken)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONFIG_ADMIN_TOKEN")
                .hasMessageContaining("at least 32 characters")
                .message()
                .doesNotContain(shortToken);
    }

    @Test
    void configuredAdminTokenOf32CharactersIsBootstrapped() {
        String token = "a-32-character-admin-token-12345";
        new AdminTokenBootstrap(tokens, new AdminTokenProperties(token))
                .run(new DefaultApplicationArguments());
        verify(tokens).bootstrapAdmin(token);
    }

    @Test
    void noConfiguredAdminTokenGeneratesOne() {
        new AdminTokenBootstrap(tokens, new AdminTokenProperties(""))
                .run(new DefaultApplicationArguments());
        verify(tokens).bootstrapAdmin(null);
    }
}
