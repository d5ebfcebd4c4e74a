package io.configservice.hotpath;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Puts {@link HeaderFirewall} in place as Spring Security's firewall, and leaves out two servlet
 * filters Spring Boot would put before every request: the request context and the character
 * encoding.
 */
@Configuration(proxyBeanMethods = false)
class HotPathConfig {

    /**
     * The strict firewall's rules, checked without regular expressions (Spring Security takes this
     * bean).
     */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderFirewall.strict();
    }

    /**
     * No {@link RequestContextFilter}: it exposes the request through {@code RequestContextHolder}
     * and {@code LocaleContextHolder} to code outside Spring MVC, and nothing here reads them there
     * (the dispatcher servlet exposes them to the controllers itself). Registered disabled, this
     * bean keeps Spring Boot from registering its own.
     */
    @Bean
    FilterRegistrationBean<RequestContextFilter> noRequestContextFilter() {
        FilterRegistrationBean<RequestContextFilter> registration =
                new FilterRegistrationBean<>(new RequestContextFilter());
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Request bodies read as characters are UTF-8 unless their {@code Content-Type} names another
     * charset: the servlet container's default, set once, instead of Spring Boot's character
     * encoding filter ({@code spring.servlet.encoding.enabled: false}) setting it on every request.
     * (Every body here is read as bytes: JSON, YAML and properties documents.)
     */
    @Bean
    ServletContextInitializer utf8RequestBodies() {
        return servletContext ->
                servletContext.setRequestCharacterEncoding(StandardCharsets.UTF_8.name());
    }
}
