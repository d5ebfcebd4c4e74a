package io.configservice.hotpath;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link ConfigurationReadResponseConverter} ahead of the JSON converter. */
@Configuration(proxyBeanMethods = false)
class HotPathConfig implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(new ConfigurationReadResponseConverter());
    }
}
