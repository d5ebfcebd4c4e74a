package io.configservice.docs;

import java.nio.file.Path;

/** A marked bash block of the documentation: its name, where its first command is, and its text. */
record Walk(String name, Path file, int line, String script) {

    @Override
    public String toString() {
        return name + " (" + file.getFileName() + ":" + line + ")";
    }
}
