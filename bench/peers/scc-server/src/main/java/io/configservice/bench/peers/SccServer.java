package io.configservice.bench.peers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;

/**
 * The peer of bench/peers/run.sh: a stock Spring Cloud Config Server. Everything is set on the
 * command line, as a deployment sets it:
 *
 * <pre>
 * java -jar scc-server.jar --server.port=19611 --spring.profiles.active=native \
 *     --spring.cloud.config.server.native.search-locations=file:DIR/ \
 *     --spring.security.user.name=USER --spring.security.user.password=PASSWORD
 * </pre>
 */
@SpringBootApplication
@EnableConfigServer
public class SccServer {

    public static void main(String[] args) {
        SpringApplication.run(SccServer.class, args);
    }
}
