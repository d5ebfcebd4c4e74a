package io.configservice.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI description served at {@code /v3/api-docs}, with the {@code X-Service-Token} scheme for Swagger UI. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String SERVICE_AUTH = "ServiceAuth";

    @Bean
    OpenAPI configServiceOpenApi(@Value("${configservice.version}") String version) {
        return new OpenAPI()
                .info(new Info().title("Configuration Management API").version(version)
                        .description("Centralized configuration management and credential vault"))
                .components(new Components().addSecuritySchemes(SERVICE_AUTH, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-Service-Token")))
                .addSecurityItem(new SecurityRequirement().addList(SERVICE_AUTH));
    }
}
