package io.configservice.credential;

import io.configservice.audit.RequestOrigin;
import io.configservice.security.AuthenticatedReadEndpoint;
import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.configservice.web.JsonGetRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credential retrieve every client replica makes, {@code GET /api/v1/credentials/{key}} with at
 * most the {@code version} parameter, answered at the end of its security chain: the same service
 * call (access check, expiry, decryption, the access-log row committed before the value leaves),
 * status, headers and bytes as {@link CredentialController#retrieve}, without the dispatcher. Every
 * other request goes on to the controller, which also documents the operation; so does a key with a
 * dot, whose answer from the controller carries a {@code Content-Disposition} against reflected
 * file downloads (Spring MVC adds it when the path's last segment has a file extension it does not
 * know as safe). {@code CredentialReadsTests} checks that both ways answer alike.
 */
@Component
class CredentialReads implements AuthenticatedReadEndpoint {

    private static final String VERSION = "version";
    private static final PathPattern RETRIEVE =
            PathPatternParser.defaultInstance.parse("/api/v1/credentials/{key}");

    private final CredentialService credentials;
    private final JsonMapper json;

    CredentialReads(CredentialService credentials, JsonMapper json) {
        this.credentials = credentials;
        this.json = json;
    }

    @Override
    public boolean serve(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, String> variables = JsonGetRequests.match(request, RETRIEVE);
        if (variables == null || variables.get("key").indexOf('.') >= 0) {
            return false;
        }
        Map<String, String[]> parameters = JsonGetRequests.parameters(request);
        if (!JsonGetRequests.atMostOne(parameters, VERSION)) {
            return false;
        }
        JsonGetRequests.observedAs(request, RETRIEVE);
        CredentialValue value =
                credentials.retrieve(
                        Caller.current(),
                        variables.get("key"),
                        parameters.isEmpty() ? null : parameters.get(VERSION)[0],
                        RequestOrigin.of(request));
        byte[] body = json.writeValueAsBytes(ApiResponse.ok(value));
        JsonGetRequests.jsonBody(response, body.length).write(body);
        return true;
    }
}
