package io.configservice.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin token ({@code CONFIG_ADMIN_TOKEN}); empty has one generated at the first start. {@link
 * AdminTokenBootstrap} checks its length.
 *
 * @param adminToken the admin token, at least 32 characters when set
 */
@ConfigurationProperties("configservice")
public record AdminTokenProperties(@DefaultValue("") String adminToken) {

    @Override
    public String toString() {
        return "AdminTokenProperties[adminToken=" + (adminToken.isEmpty() ? "" : "***") + "]";
    }
}
