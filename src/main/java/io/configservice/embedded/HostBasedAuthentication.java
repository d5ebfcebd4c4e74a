package io.configservice.embedded;

import io.configservice.persistence.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code pg_hba.conf} of the embedded database's data directory: whether it lets a client in
 * without a password (as every data directory of an earlier version does), and the rules that
 * replace it, SCRAM passwords only.
 */
final class HostBasedAuthentication {

    static final String PASSWORD_METHOD = "scram-sha-256";

    private static final String PASSWORD_ONLY =
            """
            # Written by config-service: every login needs the superuser password kept in pg.password beside the data.
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;
    private static final List<String> WITHOUT_PASSWORD = List.of("trust", "ident", "peer");

    private final Path file;

    HostBasedAuthentication(Path dataDirectory) {
        this.file = dataDirectory.resolve("pg_hba.conf");
    }

    /** Whether any rule admits a client without a password. */
    boolean admitsWithoutPassword() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(rule -> !rule.isEmpty())
                    .anyMatch(
                            rule ->
                                    List.of(rule.split("\\s+")).stream()
                                            .anyMatch(WITHOUT_PASSWORD::contains));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Replaces the rules with password-only ones; the server applies them at its next configuration
     * reload.
     */
    void requirePassword() {
        try {
            PrivateFiles.writeAtomically(file, PASSWORD_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
