package io.configservice.identifiers;

import io.configservice.web.ApiException;

/** The rule for service ids: lower-case letters, digits and '-', 1 to 100 characters. */
public final class ServiceIds {

    private ServiceIds() {}

    /**
     * @throws ApiException {@code INVALID_REQUEST} when the id does not match {@link
     *     Identifiers#SERVICE_ID}
     */
    public static String require(String serviceId) {
        if (!Identifiers.isServiceId(serviceId)) {
            throw ApiException.invalidRequest("Service id must match " + Identifiers.SERVICE_ID);
        }
        return serviceId;
    }
}
