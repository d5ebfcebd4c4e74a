package io.configservice.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure an admin token exists at start: {@code CONFIG_ADMIN_TOKEN} when set, otherwise a
 * generated token that is printed once, at the first start, and stored only as a hash. A configured
 * token shorter than {@value #MIN_LENGTH} characters stops the start: it could be guessed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminTokenBootstrap implements ApplicationRunner {

    static final int MIN_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

    private final ServiceTokenService tokenService;
    private final String configuredToken;

    AdminTokenBootstrap(ServiceTokenService tokenService, AdminTokenProperties properties) {
        String configuredToken = properties.adminToken();
        if (!configuredToken.isBlank() && configuredToken.length() < MIN_LENGTH) {
            throw new IllegalStateException(
                    "CONFIG_ADMIN_TOKEN (configservice.admin-token) has "
                            + configuredToken.length()
                            + " characters; it must have at least "
                            + MIN_LENGTH
                            + " characters. Choose a random one (e.g. openssl rand -base64 32), or leave it unset to have one "
                            + "generated at the first start");
        }
        this.tokenService = tokenService;
        this.configuredToken = configuredToken;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!configuredToken.isBlank()) {
            tokenService.bootstrapAdmin(configuredToken);
            log.info("Admin token: taken from CONFIG_ADMIN_TOKEN");
            return;
        }
        tokenService
                .bootstrapAdmin(null)
                .ifPresentOrElse(
                        token ->
                                log.warn(
                                        """
                        Admin token: generated at first start; it is shown only this once, store it now:

                            {}

                        Set CONFIG_ADMIN_TOKEN to choose your own.""",
                                        token),
                        () ->
                                log.info(
                                        "Admin token: stored at an earlier start (only its hash is kept)"));
    }
}
