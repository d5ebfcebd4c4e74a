package io.configservice.reliability;

import io.configservice.testserver.TcpProxy;
import io.configservice.testserver.TestInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * RabbitMQ taken away from the replicas: its STOMP port (the relay of push frames) and its AMQP
 * port (Spring Cloud Bus events). {@link FaultMode#PROXY}: the replicas reach RabbitMQ through two
 * {@link TcpProxy}s, and the outage cuts both. {@link FaultMode#REAL}: the local broker itself is
 * stopped and started with {@code rabbitmqctl stop_app}/{@code start_app}, which every other user
 * of that broker notices.
 */
final class RabbitMqOutage implements Outage {

    private final FaultMode mode;
    private final String host;
    private final int stompPort;
    private final int amqpPort;
    private final TcpProxy stompProxy;
    private final TcpProxy amqpProxy;

    RabbitMqOutage(FaultMode mode) {
        this.mode = mode;
        Map<String, String> relay = TestInfrastructure.rabbitRelay();
        this.host = relay.get("BROKER_RELAY_HOST");
        this.stompPort = Integer.parseInt(relay.get("BROKER_RELAY_PORT"));
        String amqp = System.getenv("TEST_RABBITMQ_AMQP_PORT");
        this.amqpPort = amqp == null || amqp.isBlank() ? 5672 : Integer.parseInt(amqp);
        this.stompProxy = mode == FaultMode.PROXY ? TcpProxy.to(stompPort) : null;
        this.amqpProxy = mode == FaultMode.PROXY ? TcpProxy.to(amqpPort) : null;
    }

    @Override
    public Map<String, String> serverEnvironment() {
        if (mode == FaultMode.REAL) {
            return Map.of(
                    "BROKER_RELAY_HOST",
                    host,
                    "BROKER_RELAY_PORT",
                    Integer.toString(stompPort),
                    "AMQP_HOST",
                    host,
                    "AMQP_PORT",
                    Integer.toString(amqpPort));
        }
        return Map.of(
                "BROKER_RELAY_HOST",
                "127.0.0.1",
                "BROKER_RELAY_PORT",
                port(stompProxy),
                "AMQP_HOST",
                "127.0.0.1",
                "AMQP_PORT",
                port(amqpProxy));
    }

    @Override
    public void begin() {
        if (mode == FaultMode.REAL) {
            rabbitmqctl("stop_app");
        } else {
            stompProxy.cut();
            amqpProxy.cut();
        }
    }

    @Override
    public void end() {
        if (mode == FaultMode.REAL) {
            rabbitmqctl("start_app");
            awaitListening(stompPort);
            awaitListening(amqpPort);
        } else {
            stompProxy.restore();
            amqpProxy.restore();
        }
    }

    @Override
    public void close() {
        if (mode == FaultMode.PROXY) {
            stompProxy.close();
            amqpProxy.close();
        }
    }

    private static String port(TcpProxy proxy) {
        return Integer.toString(proxy.baseUri().getPort());
    }

    private static void rabbitmqctl(String command) {
        try {
            Process process =
                    new ProcessBuilder(List.of("rabbitmqctl", command))
                            .redirectErrorStream(true)
                            .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run rabbitmqctl " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: rabbitmqctl " + command, e);
        }
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                Pause.millis(250);
            }
        }
        throw new IllegalStateException(
                "RabbitMQ does not listen on " + host + ":" + port + " after start_app");
    }
}
