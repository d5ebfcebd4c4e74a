package io.configservice.support;

import io.configservice.configuration.effective.EffectiveConfigurationChanged;
import io.configservice.configuration.effective.EnvironmentUpdated;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/**
 * Keeps the domain events the application publishes on any thread (request threads included), for
 * assertions.
 */
@TestComponent
public class DomainEventRecorder {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener({EffectiveConfigurationChanged.class, EnvironmentUpdated.class})
    void record(Object event) {
        events.add(event);
    }

    public <T> Stream<T> stream(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast);
    }
}
