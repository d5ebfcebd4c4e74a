package io.configservice.testserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the server's executable jar that the top-level build packaged (the project's {@code
 * target/}).
 */
final class ServerJar {

    private ServerJar() {}

    static Path locate() {
        Path server = serverProject();
        Path target = server.resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(
                            file -> {
                                String name = file.getFileName().toString();
                                return name.startsWith("config-service-")
                                        && name.endsWith(".jar")
                                        && !name.endsWith("-plain.jar");
                            })
                    .findFirst()
                    .orElseThrow(ServerJar::missing);
        } catch (IOException e) {
            throw missing();
        }
    }

    private static Path serverProject() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(
                            directory.resolve(
                                    "src/main/java/io/configservice/ConfigServiceApplication.java"))
                    && Files.isRegularFile(directory.resolve("pom.xml"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw missing();
    }

    private static IllegalStateException missing() {
        return new IllegalStateException(
                "the server jar is missing: build the server first (`./mvnw verify` or "
                        + "`./mvnw -DskipTests package` in the project's root), then run `./mvnw -f clients verify`");
    }
}
