package io.configservice.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last-known-good snapshot: the effective configuration exactly as the service served it
 * (secret references unresolved, no credential value: the client never puts either into the
 * document), written after each applied change to a temporary file with mode 0600, flushed to disk
 * and moved over the previous snapshot atomically, so a crash leaves either the old or the new
 * snapshot, never a torn one. The directory is created with mode 0700.
 */
final class SnapshotStore {

    private static final Set<PosixFilePermission> OWNER_FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final Path file;
    private final JsonMapper json;

    SnapshotStore(Path directory, String serviceId, String environment, JsonMapper json) {
        this.directory = directory;
        this.file = directory.resolve(serviceId + "." + environment + ".json");
        this.json = json;
    }

    Path file() {
        return file;
    }

    /**
     * The stored snapshot, or empty when there is none or it cannot be read (the reason is in the
     * exception).
     */
    Optional<EffectiveConfiguration> read(String serviceId, String environment) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode stored = json.readTree(Files.readString(file));
            if (!serviceId.equals(stored.path("serviceId").asString())
                    || !environment.equals(stored.path("environment").asString())
                    || !(stored.path("configuration") instanceof ObjectNode document)) {
                throw new IOException(
                        "the snapshot "
                                + file
                                + " is not a snapshot of "
                                + serviceId
                                + "/"
                                + environment);
            }
            return Optional.of(
                    new EffectiveConfiguration(
                            serviceId,
                            environment,
                            stored.path("revision").asLong(),
                            document,
                            Instant.parse(stored.path("writtenAt").asString())));
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            throw new IOException("the snapshot " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Replaces the snapshot with this configuration, atomically. */
    void write(EffectiveConfiguration configuration) throws IOException {
        createDirectory();
        ObjectNode stored = json.createObjectNode();
        stored.put("serviceId", configuration.serviceId());
        stored.put("environment", configuration.environment());
        stored.put("revision", configuration.revision());
        stored.put("writtenAt", configuration.appliedAt().toString());
        stored.set("configuration", configuration.document());
        byte[] bytes = json.writeValueAsBytes(stored);
        Path temporary =
                directory.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel =
                            FileChannel.open(
                                    temporary,
                                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                                    ownerOnly(OWNER_FILE));
                    OutputStream out = Channels.newOutputStream(channel)) {
                out.write(bytes);
                out.flush();
                channel.force(true);
            }
            move(temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, ownerOnly(OWNER_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another instance
        }
    }

    private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
