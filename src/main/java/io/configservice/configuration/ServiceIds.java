package io.configservice.configuration;

import io.configservice.web.ApiException;
import java.util.regex.Pattern;

/** The rule for service ids: lower-case letters, digits and '-', 1 to 100 characters. */
final class ServiceIds {

    private static final Pattern SERVICE_ID = Pattern.compile("^[a-z0-9-]{1,100}$");

    private ServiceIds() {
    }

    /** @throws ApiException {@code INVALID_REQUEST} when the id does not match {@code ^[a-z0-9-]{1,100}$} */
    static String require(String serviceId) {
        if (!SERVICE_ID.matcher(serviceId).matches()) {
            throw ApiException.invalidRequest("Service id must match ^[a-z0-9-]{1,100}$");
        }
        return serviceId;
    }
}
