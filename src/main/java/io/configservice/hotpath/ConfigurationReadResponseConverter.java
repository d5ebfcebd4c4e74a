package io.configservice.hotpath;

import io.configservice.configuration.ConfigurationReadResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link ConfigurationReadResponse} by concatenating its pre-serialized document and meta
 * with the few envelope members around them, the same bytes Jackson would write, without running
 * Jackson on the hot read path.
 */
final class ConfigurationReadResponseConverter
        extends AbstractHttpMessageConverter<ConfigurationReadResponse> {

    private static final byte[] SUCCESS_DATA =
            "{\"success\":true,\"data\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CACHED_TRUE_META =
            ",\"cached\":true,\"meta\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CACHED_FALSE_META =
            ",\"cached\":false,\"meta\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIMESTAMP = ",\"timestamp\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.UTF_8);

    ConfigurationReadResponseConverter() {
        super(MediaType.APPLICATION_JSON);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return ConfigurationReadResponse.class == type;
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected ConfigurationReadResponse readInternal(
            Class<? extends ConfigurationReadResponse> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException(
                "A configuration read response is never read", input);
    }

    @Override
    protected void writeInternal(ConfigurationReadResponse response, HttpOutputMessage output)
            throws IOException {
        byte[] data = response.data().getBytes(StandardCharsets.UTF_8);
        byte[] cachedMeta = response.cached() ? CACHED_TRUE_META : CACHED_FALSE_META;
        byte[] meta = response.meta().getBytes(StandardCharsets.UTF_8);
        byte[] timestamp = response.timestamp().toString().getBytes(StandardCharsets.US_ASCII);
        output.getHeaders()
                .setContentLength(
                        (long) SUCCESS_DATA.length
                                + data.length
                                + cachedMeta.length
                                + meta.length
                                + TIMESTAMP.length
                                + timestamp.length
                                + END.length);
        OutputStream body = output.getBody();
        body.write(SUCCESS_DATA);
        body.write(data);
        body.write(cachedMeta);
        body.write(meta);
        body.write(TIMESTAMP);
        body.write(timestamp);
        body.write(END);
    }
}
