package io.configservice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the documentation points at a file or directory that exists, and every
 * {@code #anchor} at a heading of its target, by GitHub's anchor rules; the README stays a short
 * front page.
 */
class DocumentationLinksTests {

    private static final int README_MAX_LINES = 200;

    private final Path root = DocumentationFiles.root();

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : DocumentationFiles.all(root)) {
            for (MarkdownDocument.Link link : new MarkdownDocument(file).links()) {
                if (!link.external()) {
                    problem(link).ifPresent(broken::add);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void readmeStaysAShortFrontPage() {
        assertThat(new MarkdownDocument(root.resolve("README.md")).lineCount())
                .isLessThanOrEqualTo(README_MAX_LINES);
    }

    private Optional<String> problem(MarkdownDocument.Link link) {
        String target = link.target();
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path resolved =
                path.isEmpty() ? link.file() : link.file().getParent().resolve(path).normalize();
        if (!resolved.startsWith(root) || !Files.exists(resolved)) {
            return Optional.of(link + ": no such file or directory");
        }
        if (hash < 0) {
            return Optional.empty();
        }
        String anchor = target.substring(hash + 1);
        if (!resolved.toString().endsWith(".md")) {
            return Optional.of(link + ": an anchor into a file that is not Markdown");
        }
        Set<String> anchors = new MarkdownDocument(resolved).anchors();
        return anchors.contains(anchor)
                ? Optional.empty()
                : Optional.of(
                        link
                                + ": no heading with the anchor #"
                                + anchor
                                + " in "
                                + root.relativize(resolved));
    }
}
