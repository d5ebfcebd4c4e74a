package io.configservice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's user documentation: README.md, every Markdown file under docs/, and
 * bench/README.md.
 */
final class DocumentationFiles {

    private DocumentationFiles() {}

    /**
     * The repository's root: the first directory above the working directory that holds README.md
     * and docs/.
     */
    static Path root() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("README.md"))
                    && Files.isDirectory(directory.resolve("docs"))
                    && Files.isRegularFile(directory.resolve("mvnw"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException(
                "no repository root (README.md, docs/, mvnw) above "
                        + Path.of("").toAbsolutePath());
    }

    /**
     * README.md first, then docs/ in path order, then bench/README.md: the order the walks run in.
     */
    static List<Path> all(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(root.resolve("bench/README.md"));
        return files;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
