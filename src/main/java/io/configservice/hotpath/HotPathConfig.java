package io.configservice.hotpath;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Puts the package's replacements in place: {@link PathFirstRequestMappingHandlerMapping} as the
 * application's request mapping, {@link HeaderFirewall} as Spring Security's firewall and {@link
 * ConfigurationReadResponseConverter} ahead of the JSON converter.
 */
@Configuration(proxyBeanMethods = false)
class HotPathConfig implements WebMvcConfigurer {

    @Bean
    WebMvcRegistrations pathFirstRequestMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstRequestMappingHandlerMapping();
            }
        };
    }

    /**
     * The strict firewall's rules, checked without regular expressions (Spring Security takes this
     * bean).
     */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderFirewall.strict();
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(new ConfigurationReadResponseConverter());
    }
}
