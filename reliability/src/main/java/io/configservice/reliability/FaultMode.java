package io.configservice.reliability;

/** How an outage of PostgreSQL, Redis or RabbitMQ is made. */
public enum FaultMode {
    /**
     * A TCP proxy between the service and the dependency cuts every connection and refuses new
     * ones: the service sees what a stopped server looks like on the network, and other users of
     * the same local server are not disturbed. The short profile (CI) uses it.
     */
    PROXY,
    /**
     * The local server itself is stopped and started again with the machine's service commands: the
     * published full run uses it. Nothing else may use the local servers during such a run.
     */
    REAL
}
