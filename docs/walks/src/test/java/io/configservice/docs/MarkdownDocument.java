package io.configservice.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Markdown file as far as the checks need it: its lines outside fenced code blocks, the anchors
 * GitHub gives its headings, its links, and its marked walks.
 */
final class MarkdownDocument {

    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *#* *$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern WALK_MARKER = Pattern.compile("^<!-- walk: ([a-z0-9-]+) -->$");
    private static final Pattern FENCE = Pattern.compile("^(`{3,})[^`]*$");

    private final Path file;
    private final List<String> lines;

    /** Per line: whether it is a fence line or inside a fenced code block. */
    private final boolean[] code;

    MarkdownDocument(Path file) {
        this.file = file;
        this.lines = DocumentationFiles.lines(file);
        this.code = codeLines(lines);
    }

    private static boolean[] codeLines(List<String> lines) {
        boolean[] code = new boolean[lines.size()];
        int openFence = 0;
        for (int index = 0; index < lines.size(); index++) {
            Matcher fence = FENCE.matcher(lines.get(index));
            int ticks = fence.matches() ? fence.group(1).length() : 0;
            if (openFence == 0 && ticks > 0) {
                openFence = ticks;
                code[index] = true;
            } else if (openFence > 0) {
                code[index] = true;
                if (ticks >= openFence && lines.get(index).strip().length() == ticks) {
                    openFence = 0;
                }
            }
        }
        return code;
    }

    int lineCount() {
        return lines.size();
    }

    /**
     * The anchors of the headings, by GitHub's rules: lower case, punctuation other than {@code -}
     * and {@code _} dropped, spaces as {@code -}, and {@code -1}, {@code -2}, … after a repeated
     * one.
     */
    Set<String> anchors() {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            Matcher heading = HEADING.matcher(lines.get(index));
            if (!code[index] && heading.matches()) {
                String slug =
                        heading.group(1)
                                .toLowerCase(Locale.ROOT)
                                .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                                .replace(' ', '-');
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
            }
        }
        return anchors;
    }

    /** Link targets of {@code [text](target)} outside code, with the line each is on. */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            if (!code[index]) {
                Matcher link = LINK.matcher(INLINE_CODE.matcher(lines.get(index)).replaceAll(""));
                while (link.find()) {
                    links.add(new Link(file, index + 1, link.group(1)));
                }
            }
        }
        return links;
    }

    /**
     * The walks: a {@code <!-- walk: name -->} line directly followed by a {@code ```bash} block. A
     * marker anywhere else is an error, so a walk cannot drop out of the check unnoticed.
     */
    List<Walk> walks() {
        List<Walk> walks = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            Matcher marker = WALK_MARKER.matcher(line);
            if (code[index] || !marker.matches()) {
                if (!code[index] && line.contains("<!-- walk:")) {
                    throw new IllegalStateException(
                            file
                                    + ":"
                                    + (index + 1)
                                    + ": a walk marker is written `<!-- walk: lower-case-name -->` on a line of its own");
                }
                continue;
            }
            if (index + 1 >= lines.size() || !lines.get(index + 1).equals("```bash")) {
                throw new IllegalStateException(
                        file
                                + ":"
                                + (index + 1)
                                + ": the walk `"
                                + marker.group(1)
                                + "` is not directly followed by a ```bash block");
            }
            int end = index + 2;
            while (end < lines.size() && !lines.get(end).equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(
                        file + ":" + (index + 2) + ": the walk's block is never closed");
            }
            walks.add(
                    new Walk(
                            marker.group(1),
                            file,
                            index + 3,
                            String.join("\n", lines.subList(index + 2, end))));
        }
        return walks;
    }

    /** A link's target as written, and where. */
    record Link(Path file, int line, String target) {

        boolean external() {
            return target.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*");
        }

        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " (" + target + ")";
        }
    }
}
