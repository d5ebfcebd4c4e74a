/**
 * Spring Boot integration of the config service client: {@code spring.config.import=configservice:}
 * (ConfigData API), the effective configuration as a property source with origins, live refresh of
 * {@code @ConfigurationProperties} and refresh-scoped beans, health and metrics.
 */
@NullMarked
package io.configservice.client.boot;

import org.jspecify.annotations.NullMarked;
