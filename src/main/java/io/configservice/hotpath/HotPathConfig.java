package io.configservice.hotpath;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Puts the package's replacements in place: {@link PathFirstRequestMappingHandlerMapping} as the application's request
 * mapping, consulted before the actuator's (order -100) because no API path lies under {@code /actuator} and every
 * API request was otherwise first tried against each actuator endpoint; {@link HeaderFirewall} as Spring Security's
 * firewall; {@link ConfigurationReadResponseConverter} ahead of the JSON converter.
 */
@Configuration(proxyBeanMethods = false)
class HotPathConfig implements WebMvcConfigurer {

    static final int API_MAPPING_ORDER = -200;

    @Bean
    WebMvcRegistrations pathFirstRequestMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstRequestMappingHandlerMapping();
            }
        };
    }

    @Bean
    static BeanPostProcessor apiMappingBeforeActuator() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof PathFirstRequestMappingHandlerMapping mapping) {
                    mapping.setOrder(API_MAPPING_ORDER);
                }
                return bean;
            }
        };
    }

    /** The strict firewall's rules, checked without regular expressions (Spring Security takes this bean). */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderFirewall.strict();
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(new ConfigurationReadResponseConverter());
    }
}
