package io.configservice.client.boot;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The effective configuration as Spring properties ({@code db.pool.size}, {@code servers[0].host});
 * each value's origin names the service, environment, revision and path, so {@code /actuator/env}
 * shows where it came from.
 */
public final class ConfigServicePropertySource extends EnumerablePropertySource<Map<String, Object>>
        implements OriginLookup<String> {

    private final Map<String, Object> values;
    private final Map<String, ConfigServiceOrigin> origins;
    private final long revision;

    ConfigServicePropertySource(
            String name,
            Map<String, Object> values,
            Map<String, ConfigServiceOrigin> origins,
            long revision) {
        super(name, values);
        this.values = values;
        this.origins = origins;
        this.revision = revision;
    }

    /** The effective revision these properties came from (0: nothing loaded). */
    public long revision() {
        return revision;
    }

    @Override
    public String[] getPropertyNames() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    public @Nullable Object getProperty(String name) {
        return values.get(name);
    }

    @Override
    public @Nullable Origin getOrigin(String name) {
        return origins.get(name);
    }

    /** Names whose value differs between two property sources (added, changed or removed). */
    java.util.Set<String> differences(ConfigServicePropertySource other) {
        java.util.Set<String> names = new java.util.TreeSet<>(values.keySet());
        names.addAll(other.values.keySet());
        names.removeIf(name -> Objects.equals(values.get(name), other.values.get(name)));
        return names;
    }
}
