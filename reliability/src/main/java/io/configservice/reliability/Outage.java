package io.configservice.reliability;

import java.util.Map;

/**
 * A dependency that a scenario can take away from the service and give back. Closing it gives the
 * dependency back and releases what it holds (a proxy's port).
 */
public interface Outage extends AutoCloseable {

    /**
     * Environment variables that route a server process through this outage's control (for example
     * a proxy URL).
     */
    Map<String, String> serverEnvironment();

    /** Takes the dependency away: open connections fail and new ones are refused. */
    void begin();

    /** Gives the dependency back and returns once it accepts connections again. */
    void end();

    @Override
    void close();
}
