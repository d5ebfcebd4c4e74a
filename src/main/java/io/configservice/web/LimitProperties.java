package io.configservice.web;

import io.configservice.persistence.DocumentLimits;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import tools.jackson.databind.JsonNode;

/**
 * How much one request may send and one stored document may hold: the bounds that keep a single
 * caller from making the service do unbounded work.
 *
 * @param maxRequestBytes largest request body; a bigger one is refused with 413 while it is read
 * @param maxDocumentDepth deepest nesting of objects and arrays in a configuration document, a
 *     schema or an environment's overrides
 * @param maxDocumentBytes largest stored configuration document (and environment overrides),
 *     measured as compact UTF-8 JSON; a write whose result is bigger answers 413, whichever way it
 *     was made (PATCH, batch, merge import...)
 * @param maxDocumentLeaves most leaves (scalars and empty objects or arrays) in a stored
 *     configuration document (and environment overrides); a write whose result has more answers 400
 * @param maxSecretReferences most distinct credentials one read with {@code resolveSecrets=true}
 *     may resolve; a document referencing more answers 400
 */
@Validated
@ConfigurationProperties("configservice")
public record LimitProperties(
        @DefaultValue("1MB") DataSize maxRequestBytes,
        @DefaultValue("" + DocumentLimits.DEFAULT_MAX_DEPTH) @Min(1) int maxDocumentDepth,
        @DefaultValue("1MB") DataSize maxDocumentBytes,
        @DefaultValue("10000") @Min(1) int maxDocumentLeaves,
        @DefaultValue("100") @Min(1) int maxSecretReferences) {

    /**
     * Checks a document about to be stored against {@link #maxDocumentBytes} and {@link
     * #maxDocumentLeaves}.
     *
     * @param compactJson the document as it will be stored
     * @param what names the document in the message, e.g. "Configuration of service 'orders' in
     *     'production'"
     * @throws ApiException {@code PAYLOAD_TOO_LARGE} when it is too big, {@code INVALID_REQUEST}
     *     when it has too many leaves; the details name the setting and its limit
     */
    public void requireStorable(JsonNode document, String compactJson, String what) {
        long bytes = compactJson.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxDocumentBytes.toBytes()) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    what
                            + " would be "
                            + bytes
                            + " bytes of JSON; at most "
                            + maxDocumentBytes.toBytes()
                            + " are stored (configservice.max-document-bytes)",
                    Map.of(
                            "setting",
                            "configservice.max-document-bytes",
                            "limit",
                            maxDocumentBytes.toBytes()));
        }
        if (leavesBeyond(document, maxDocumentLeaves) > maxDocumentLeaves) {
            throw new ApiException(
                    ErrorCode.INVALID_REQUEST,
                    what
                            + " would have more than "
                            + maxDocumentLeaves
                            + " leaves (configservice.max-document-leaves)",
                    Map.of(
                            "setting",
                            "configservice.max-document-leaves",
                            "limit",
                            maxDocumentLeaves));
        }
    }

    /** Counts leaves, stopping as soon as the count passes {@code limit}. */
    private static int leavesBeyond(JsonNode node, int limit) {
        if (!node.isContainer() || node.isEmpty()) {
            return 1;
        }
        int count = 0;
        for (JsonNode child : node.values()) {
            count += leavesBeyond(child, limit - count);
            if (count > limit) {
                return count;
            }
        }
        return count;
    }
}
