package io.configservice.bench.client;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bench.value}, the application's bean under measurement. The starter rebinds it in place (a
 * fresh instance is bound, then its values are copied in), so the setter of the context's own
 * instance is the moment the bean holds the new value; instances the binder creates on the way are
 * never {@linkplain #observe observed}.
 */
@ConfigurationProperties("bench")
public class BenchProperties {

    private long value;
    private volatile Arrivals arrivals;
    private int instance;

    public long getValue() {
        return value;
    }

    public void setValue(long value) {
        this.value = value;
        Arrivals observer = arrivals;
        if (observer != null) {
            observer.arrived(instance, value, System.nanoTime());
        }
    }

    void observe(Arrivals arrivals, int instance) {
        this.instance = instance;
        this.arrivals = arrivals;
    }
}
