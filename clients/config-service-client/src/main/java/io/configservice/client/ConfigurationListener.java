package io.configservice.client;

/**
 * Hears about every applied configuration, in revision order, on the client's single worker thread.
 * A listener that throws is reported ({@link ClientHealth#listenerFailures()}) and the others are
 * still called; whatever the failed listener had built from the previous configuration stays in
 * force.
 */
@FunctionalInterface
public interface ConfigurationListener {

    void configurationChanged(ConfigurationUpdate update);
}
