package io.configservice.reliability;

import io.configservice.testserver.ConfigServiceProcess;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One server process whose PostgreSQL and Redis can each be taken away ({@link DependencyOutages}),
 * shared by the scenarios that do not restart the service (R1, R2, R3, R7; each works on service
 * ids of its own): a server start costs 15-30 s on a busy machine. Started on first use, stopped
 * with its outages when the JVM exits.
 */
final class FaultableService {

    private static FaultableService shared;

    private final ConfigServiceProcess server;
    private final Outage postgres;
    private final Outage redis;

    private FaultableService(ConfigServiceProcess server, Outage postgres, Outage redis) {
        this.server = server;
        this.postgres = postgres;
        this.redis = redis;
    }

    static synchronized FaultableService shared(SuiteContext context) {
        if (shared == null) {
            Outage postgres = DependencyOutages.postgres(context.faultMode());
            Outage redis = DependencyOutages.redis(context.faultMode());
            Map<String, String> environment = new HashMap<>(postgres.serverEnvironment());
            environment.putAll(redis.serverEnvironment());
            environment.putAll(RaisedRateLimits.serverEnvironment());
            ConfigServiceProcess server;
            try {
                server = ConfigServiceProcess.start(environment);
            } catch (RuntimeException e) {
                postgres.close();
                redis.close();
                throw e;
            }
            shared = new FaultableService(server, postgres, redis);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(shared::stop, "faultable-service-stop"));
        }
        return shared;
    }

    ConfigServiceProcess server() {
        return server;
    }

    Outage postgres() {
        return postgres;
    }

    Outage redis() {
        return redis;
    }

    /** Calls with the admin token, straight to the server. */
    ServiceCalls adminCalls() {
        return new ServiceCalls(server.admin());
    }

    /** A service id no other scenario or run uses. */
    static String uniqueServiceId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void stop() {
        server.close();
        postgres.close();
        redis.close();
    }
}
