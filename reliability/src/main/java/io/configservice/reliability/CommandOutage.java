package io.configservice.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An outage of the machine's own server ({@link FaultMode#REAL}): {@link #begin()} runs its stop
 * command and {@link #end()} its start command, then waits until its port accepts connections.
 * Every command is printed before it runs, so a run's log shows exactly what was done to the
 * machine. Never use it where anything else needs the server.
 */
final class CommandOutage implements Outage {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> stop;
    private final List<String> start;
    private final int port;
    private boolean stopped;

    CommandOutage(List<String> stop, List<String> start, int port) {
        this.stop = List.copyOf(stop);
        this.start = List.copyOf(start);
        this.port = port;
    }

    @Override
    public Map<String, String> serverEnvironment() {
        return Map.of();
    }

    @Override
    public void begin() {
        run(stop);
        stopped = true;
    }

    @Override
    public void end() {
        run(start);
        stopped = false;
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "port " + port + " not open " + START_TIMEOUT + " after " + start);
            }
            pause();
        }
    }

    /** Starts the server again if a run ends in the middle of an outage. */
    @Override
    public void close() {
        if (stopped) {
            end();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command) {
        System.out.println("    REAL fault: " + String.join(" ", command));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
