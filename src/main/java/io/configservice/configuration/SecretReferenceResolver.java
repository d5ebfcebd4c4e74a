package io.configservice.configuration;

import io.configservice.audit.RequestOrigin;
import io.configservice.configuration.document.SecretReferences;
import io.configservice.credential.CredentialService;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.configservice.web.LimitProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Resolves {@code ${credential:KEY}} references of a served document for one request: each distinct
 * key is one credential read, checked and audited by {@link CredentialService} as one, however
 * often the document references it. The resolved document is the caller's to send; it is never
 * cached.
 */
@Service
public class SecretReferenceResolver {

    private final CredentialService credentials;
    private final LimitProperties limits;

    public SecretReferenceResolver(CredentialService credentials, LimitProperties limits) {
        this.credentials = credentials;
        this.limits = limits;
    }

    /** Whether a value is exactly a {@code ${credential:KEY}} reference. */
    public static boolean isReference(JsonNode value) {
        return SecretReferences.isReference(value);
    }

    /**
     * A copy of the document with every reference replaced by the credential's current value.
     *
     * @throws ApiException {@code INVALID_REQUEST} naming {@code
     *     configservice.max-secret-references} when the document references more distinct
     *     credentials, before any is read; {@code AUTHORIZATION_ERROR} for the whole document when
     *     any reference names a credential this caller may not read (or one that does not exist:
     *     the answer does not tell which)
     */
    public JsonNode resolve(
            Caller caller, String serviceId, JsonNode document, RequestOrigin origin) {
        Set<String> keys = SecretReferences.keys(document);
        if (keys.isEmpty()) {
            return document;
        }
        if (keys.size() > limits.maxSecretReferences()) {
            throw new ApiException(
                    ErrorCode.INVALID_REQUEST,
                    "Configuration of service '"
                            + serviceId
                            + "' references "
                            + keys.size()
                            + " distinct credentials; at most "
                            + limits.maxSecretReferences()
                            + " are resolved in one request (configservice.max-secret-references)",
                    Map.of(
                            "setting",
                            "configservice.max-secret-references",
                            "limit",
                            limits.maxSecretReferences()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            values.put(key, credentialValue(caller, key, origin));
        }
        return SecretReferences.resolve(document, values);
    }

    private String credentialValue(Caller caller, String key, RequestOrigin origin) {
        try {
            return credentials.retrieve(caller, key, null, origin).value();
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw ApiException.forbidden(
                        "This caller may not resolve the credential reference '" + key + "'");
            }
            throw e;
        }
    }
}
