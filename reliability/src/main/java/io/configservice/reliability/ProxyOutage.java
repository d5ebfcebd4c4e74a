package io.configservice.reliability;

import io.configservice.testserver.TcpProxy;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * An outage made by a {@link TcpProxy} between the service and a dependency ({@link
 * FaultMode#PROXY}): the server is started with its address pointed at the proxy, {@link #begin()}
 * cuts every connection and refuses new ones, and {@link #end()} forwards again. The dependency
 * itself keeps running for everything else on the machine.
 */
final class ProxyOutage implements Outage {

    private final TcpProxy proxy;
    private final Map<String, String> serverEnvironment;

    /**
     * @param targetPort the dependency's local port
     * @param environment the server variables that point it at the proxy's port
     */
    ProxyOutage(int targetPort, IntFunction<Map<String, String>> environment) {
        this.proxy = TcpProxy.to(targetPort);
        this.serverEnvironment = Map.copyOf(environment.apply(proxy.baseUri().getPort()));
    }

    @Override
    public Map<String, String> serverEnvironment() {
        return serverEnvironment;
    }

    @Override
    public void begin() {
        proxy.cut();
    }

    @Override
    public void end() {
        proxy.restore();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
