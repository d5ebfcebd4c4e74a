package io.configservice.configuration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the byte-level writer of configuration reads ahead of the JSON converter. */
@Configuration(proxyBeanMethods = false)
class ConfigurationWebConfig implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(new ConfigurationReadResponseConverter());
    }
}
