package io.configservice;

import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the service as a whole.
 *
 * @param version the service's version, reported by {@code GET /api/v1/health} and the OpenAPI
 *     document; the build writes it into {@code application.yml}
 * @param dataDir where the embedded PostgreSQL ({@code pg/}, {@code pg.password}) and the local key
 *     encryption key ({@code master.key}) live ({@code CONFIG_DATA_DIR})
 */
@Validated
@ConfigurationProperties("configservice")
public record ServiceProperties(@NotBlank String version, @DefaultValue("./data") Path dataDir) {}
