package io.configservice.security;

import io.configservice.web.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated party behind a request: a service token bound to one service, or an admin.
 *
 * @param tokenId the public id of the token used
 * @param serviceId the service the token is bound to; {@code null} for an admin token
 * @param admin whether the caller may do everything
 */
public record Caller(String tokenId, @Nullable String serviceId, boolean admin) {

    /** The identity recorded in history and audit rows. */
    public String actor() {
        return "token:" + tokenId;
    }

    public boolean mayAccess(String targetServiceId) {
        return admin || targetServiceId.equals(serviceId);
    }

    /** @throws ApiException {@code AUTHORIZATION_ERROR} when this caller may not touch the service */
    public void requireAccessTo(String targetServiceId) {
        if (!mayAccess(targetServiceId)) {
            throw ApiException.forbidden("This token may not access service '" + targetServiceId + "'");
        }
    }
}
