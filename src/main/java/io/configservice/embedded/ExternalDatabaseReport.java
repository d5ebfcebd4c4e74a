package io.configservice.embedded;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start that the configured external PostgreSQL is in use (the embedded one reports
 * itself).
 */
@Component
@Conditional(NoDataSourceUrlCondition.Negated.class)
class ExternalDatabaseReport {

    private static final Logger log = LoggerFactory.getLogger(ExternalDatabaseReport.class);

    private final String url;

    ExternalDatabaseReport(DataSourceProperties dataSource) {
        this.url = Objects.requireNonNull(dataSource.getUrl(), "spring.datasource.url");
    }

    @EventListener(ApplicationStartedEvent.class)
    void report() {
        log.info(
                "Database: external PostgreSQL at {}",
                url.replaceAll("(?i)password=[^&;]*", "password=***"));
    }
}
