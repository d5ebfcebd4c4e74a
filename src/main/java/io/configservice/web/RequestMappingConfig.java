package io.configservice.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Has Spring Boot configure {@link PathFirstRequestMappingHandlerMapping} as the application's request mapping, and
 * has the dispatcher consult it before the actuator's (order -100): every API request was first tried against each
 * actuator endpoint (~5 % of the CPU of a cached read), while a health probe rejected by the API's mapping costs a
 * comparison of strings per mapping. No API path lies under {@code /actuator}, so no request changes its handler.
 */
@Configuration(proxyBeanMethods = false)
class RequestMappingConfig {

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
}
