package io.configservice.embedded;

import io.configservice.persistence.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded database's superuser password, in a file readable by its owner only (mode 0600):
 * generated with {@link SecureRandom} at the first start and read at every later one. The password
 * is never logged.
 */
final class DatabasePasswordFile {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PASSWORD_BYTES = 32;

    private final Path file;

    DatabasePasswordFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** The stored password, created first when there is none. */
    String readOrCreate() {
        try {
            if (!exists()) {
                create();
            }
            String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException(
                        "The embedded PostgreSQL password file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read or create the embedded PostgreSQL password file " + file, e);
        }
    }

    /**
     * Written to a private temporary file and moved into place, so a crash never leaves a partial
     * password.
     */
    private void create() throws IOException {
        byte[] secret = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        PrivateFiles.writeAtomically(file, password + "\n");
    }
}
