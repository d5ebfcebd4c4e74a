package io.configservice.client.boot;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * Rebinds every {@code @ConfigurationProperties} bean to the current environment, all or nothing
 * per bean: a fresh instance is bound first, and only when that succeeds does the bean change. A
 * JavaBean-style bean gets the fresh instance's values copied in (removed keys go back to their
 * defaults), so whoever holds it sees the new values; an immutable one (a record, constructor
 * binding) cannot change in place: it is only checked here, and the {@link CloudContextRefresh}
 * re-creates it in the refresh scope. A bean whose binding fails (a value that no longer converts)
 * keeps its values and is reported.
 *
 * <p>Spring Cloud's {@code ConfigurationPropertiesRebinder} is not used for this: it resets a bean
 * to its defaults before binding and leaves it so when the binding fails, which would replace a
 * working bean with a broken one.
 */
final class PropertiesRebinder {

    /**
     * The outcome: immutable beans that bound and may be re-created, and the beans that kept their
     * old values.
     */
    record Outcome(List<String> reboundValueObjects, List<Failure> failures) {}

    /**
     * A bean that kept its old values, and the property that could not be bound (never the value).
     */
    record Failure(String beanName, String property) {}

    private final ConfigurableApplicationContext context;

    PropertiesRebinder(ConfigurableApplicationContext context) {
        this.context = context;
    }

    Outcome rebind() {
        Binder binder = Binder.get(context.getEnvironment());
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        List<String> valueObjects = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Bindable<?> target = bindTarget(beans, name);
            Class<?> type = target == null ? null : target.getType().resolve();
            ConfigurationProperties annotation =
                    target == null ? null : target.getAnnotation(ConfigurationProperties.class);
            if (type == null || annotation == null) {
                continue;
            }
            Object fresh;
            try {
                fresh =
                        binder.bindOrCreate(
                                annotation.prefix(),
                                Bindable.of(type)
                                        .withAnnotations(target.getAnnotations())
                                        .withBindMethod(target.getBindMethod()));
            } catch (RuntimeException e) {
                failures.add(new Failure(name, failedProperty(e)));
                continue;
            }
            Object existing = beans.getSingleton(name);
            if (target.getBindMethod() == BindMethod.VALUE_OBJECT || existing == null) {
                valueObjects.add(name);
            } else {
                BeanUtils.copyProperties(fresh, existing);
            }
        }
        return new Outcome(valueObjects, failures);
    }

    /**
     * How a properties bean binds: for a singleton, as Boot bound it (also a {@code @Bean}
     * method's); for a record in the refresh scope, from its type, without creating it (its lookup
     * would bind it, and fail on a bad value).
     */
    private @Nullable Bindable<?> bindTarget(ConfigurableListableBeanFactory beans, String name) {
        BeanDefinition definition = beans.getBeanDefinition(name);
        if (RefreshScopeForValueObjects.REFRESH.equals(definition.getScope())) {
            Class<?> type = beans.getType(name, false);
            MergedAnnotation<ConfigurationProperties> annotation =
                    type == null
                            ? MergedAnnotation.missing()
                            : MergedAnnotations.from(type).get(ConfigurationProperties.class);
            return type != null && type.isRecord() && annotation.isPresent()
                    ? Bindable.of(type)
                            .withAnnotations(annotation.synthesize())
                            .withBindMethod(BindMethod.VALUE_OBJECT)
                    : null;
        }
        Object singleton = definition.isSingleton() ? beans.getSingleton(name) : null;
        ConfigurationPropertiesBean bean =
                singleton == null
                        ? null
                        : ConfigurationPropertiesBean.get(context, singleton, name);
        return bean == null ? null : bean.asBindTarget();
    }

    private static String failedProperty(RuntimeException e) {
        return e instanceof org.springframework.boot.context.properties.bind.BindException bind
                ? bind.getName().toString()
                : "(unknown)";
    }
}
