package io.configservice.client.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With Spring Cloud Context on the classpath: after a change, publishes {@link
 * EnvironmentChangeEvent} with the changed keys (Spring Cloud's listeners, such as its
 * logging-level rebinder, react; its own properties rebinder does not, because the event's source
 * is this refresher, not the context: {@link PropertiesRebinder} has done that part), and
 * re-creates the refresh scope's beans: first the properties records (unproxied: replaced in the
 * scope by an instance bound now), except those whose new values did not bind, which keep their
 * instance; then the proxied {@code @RefreshScope} beans, which get the current records when they
 * are re-created.
 */
final class CloudContextRefresh {

    private static final String SCOPED_TARGET = "scopedTarget.";

    private final ConfigurableApplicationContext context;
    private final RefreshScope scope;

    CloudContextRefresh(ConfigurableApplicationContext context, RefreshScope scope) {
        this.context = context;
        this.scope = scope;
    }

    void refresh(Object source, Set<String> changedKeys, List<String> keptBeans) {
        context.publishEvent(new EnvironmentChangeEvent(source, changedKeys));
        List<String> proxied = new ArrayList<>();
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        for (String name : beans.getBeanDefinitionNames()) {
            BeanDefinition definition = beans.getBeanDefinition(name);
            if (!RefreshScopeForValueObjects.REFRESH.equals(definition.getScope())
                    || keptBeans.contains(name)) {
                continue;
            }
            if (name.startsWith(SCOPED_TARGET)) {
                proxied.add(name.substring(SCOPED_TARGET.length()));
            } else {
                scope.remove(name);
                beans.getBean(name);
            }
        }
        proxied.forEach(scope::refresh);
    }
}
