package io.configservice.client.boot;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * Puts {@code @ConfigurationProperties} records into Spring Cloud's refresh scope, without a proxy
 * (a record is final): after a change they are bound anew, and every refresh-scoped bean created
 * after it (a {@code @RefreshScope} consumer) gets the new instance. A singleton that injected the
 * old instance keeps it; inject such properties into {@code @RefreshScope} beans or look them up
 * through an {@code ObjectProvider}.
 */
final class RefreshScopeForValueObjects implements BeanFactoryPostProcessor {

    static final String REFRESH = "refresh";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            Class<?> type = beanFactory.getType(name, false);
            if (type != null
                    && definition.isSingleton()
                    && type.isRecord()
                    && MergedAnnotations.from(type).isPresent(ConfigurationProperties.class)) {
                definition.setScope(REFRESH);
            }
        }
    }
}
