package io.configservice.hotpath;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;

/** Puts {@link HeaderFirewall} in place as Spring Security's firewall. */
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
}
