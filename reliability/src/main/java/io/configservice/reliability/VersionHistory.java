package io.configservice.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The version history of one configuration in production as the service reports it ({@code GET
 * …/versions}, every page), checked against the writes it acknowledged.
 */
final class VersionHistory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<Integer, String> reasonByVersion;
    private final List<Integer> repeatedVersions;

    private VersionHistory(Map<Integer, String> reasonByVersion, List<Integer> repeatedVersions) {
        this.reasonByVersion = reasonByVersion;
        this.repeatedVersions = repeatedVersions;
    }

    static VersionHistory read(ServiceCalls calls, String serviceId) {
        Map<Integer, String> reasons = new TreeMap<>();
        List<Integer> repeated = new ArrayList<>();
        String cursor = null;
        do {
            String path =
                    "/api/v1/configurations/"
                            + serviceId
                            + "/versions?limit=500"
                            + (cursor == null
                                    ? ""
                                    : "&cursor="
                                            + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            ServiceCalls.Answer page = calls.get(path);
            if (!page.successful()) {
                throw new IllegalStateException(
                        "reading the history answered " + page.status() + ": " + page.body());
            }
            for (JsonNode entry : page.body().get("data")) {
                int version = entry.get("version").asInt();
                if (reasons.put(version, entry.path("changeReason").asString("")) != null) {
                    repeated.add(version);
                }
            }
            JsonNode next = page.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return new VersionHistory(reasons, repeated);
    }

    int size() {
        return reasonByVersion.size();
    }

    /** Versions missing between 1 and the newest, and versions listed twice. */
    List<String> gaps() {
        List<String> problems = new ArrayList<>();
        repeatedVersions.forEach(version -> problems.add("version " + version + " listed twice"));
        int newest = reasonByVersion.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int version = 1; version <= newest; version++) {
            if (!reasonByVersion.containsKey(version)) {
                problems.add("version " + version + " missing from the history");
            }
        }
        return problems;
    }

    /**
     * Acknowledged writes that the history does not hold exactly once at the version they were
     * acknowledged with, or whose stored document ({@code GET …?version=N}) differs from what was
     * written.
     */
    List<String> missing(
            List<AcknowledgedWrite> acknowledged, ServiceCalls calls, String serviceId) {
        Map<String, Integer> occurrences = new HashMap<>();
        reasonByVersion.values().forEach(reason -> occurrences.merge(reason, 1, Integer::sum));
        List<String> problems = new ArrayList<>();
        for (AcknowledgedWrite write : acknowledged) {
            int times = occurrences.getOrDefault(write.changeReason(), 0);
            if (times != 1 || !write.changeReason().equals(reasonByVersion.get(write.version()))) {
                problems.add(
                        write.changeReason()
                                + " acknowledged as version "
                                + write.version()
                                + " is in the history "
                                + times
                                + " times (version "
                                + write.version()
                                + " holds "
                                + reasonByVersion.get(write.version())
                                + ")");
                continue;
            }
            ServiceCalls.Answer stored =
                    calls.get(
                            "/api/v1/configurations/" + serviceId + "?version=" + write.version());
            JsonNode expected = JSON.valueToTree(write.document());
            if (!stored.successful() || !expected.equals(stored.data())) {
                problems.add(
                        write.changeReason()
                                + " version "
                                + write.version()
                                + " reads back as "
                                + stored.status()
                                + " "
                                + stored.body());
            }
        }
        return problems;
    }
}
