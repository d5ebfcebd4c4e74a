package io.configservice.bench.client;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** One application instance: imports {@code configservice:} and holds {@link BenchProperties}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(BenchProperties.class)
class BenchApplication {}
