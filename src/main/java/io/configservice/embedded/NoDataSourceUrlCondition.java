package io.configservice.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when no external database is configured through {@code spring.datasource.url}. */
class NoDataSourceUrlCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !context.getEnvironment().containsProperty("spring.datasource.url");
    }

    /** Matches when {@code spring.datasource.url} is configured. */
    static class Negated implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().containsProperty("spring.datasource.url");
        }
    }
}
