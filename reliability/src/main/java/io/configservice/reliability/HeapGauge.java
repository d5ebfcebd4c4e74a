package io.configservice.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap a server process keeps after a full collection, read with the JDK's {@code jcmd}. */
final class HeapGauge {

    /**
     * {@code jcmd GC.heap_info}'s first line: "garbage-first heap total 63488K, used 24871K [...]".
     */
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private HeapGauge() {}

    /** Runs a full collection in process {@code pid}, then answers its used heap in kilobytes. */
    static long usedAfterCollection(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info answered no used heap: " + info);
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process process =
                new ProcessBuilder(
                                List.of(
                                        java.resolveSibling("jcmd").toString(),
                                        Long.toString(pid),
                                        command))
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }
}
