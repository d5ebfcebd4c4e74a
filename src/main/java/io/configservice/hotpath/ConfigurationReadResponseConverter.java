package io.configservice.hotpath;

import io.configservice.configuration.ConfigurationReadResponse;
import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link ConfigurationReadResponse} as {@link ConfigurationReadResponse#toJson()}, the
 * same bytes Jackson would write, without running Jackson on the read path.
 */
final class ConfigurationReadResponseConverter
        extends AbstractHttpMessageConverter<ConfigurationReadResponse> {

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
        byte[] json = response.toJson();
        output.getHeaders().setContentLength(json.length);
        output.getBody().write(json);
    }
}
