package io.configservice.reliability;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the suite runs from (reliability/run.sh from the root, the module's tests from
 * reliability/).
 */
final class RepositoryRoot {

    private RepositoryRoot() {}

    static Path locate() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("bench/transit/stand-in.sh"))
                    && Files.isRegularFile(directory.resolve("openapi.yaml"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException(
                "run the suite inside the repository (no bench/transit/stand-in.sh above "
                        + Path.of("").toAbsolutePath()
                        + ")");
    }
}
