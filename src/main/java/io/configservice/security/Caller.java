package io.configservice.security;

import io.configservice.web.ApiException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authenticated party behind a request, and the one place that answers what it may do. Either a
 * service token (bound to one service, limited by its scopes), the bootstrap admin token, or an
 * operator's JWT (its roles).
 *
 * @param actor who is recorded in history, approval and audit rows: {@code token:<id>} or the JWT
 *     subject
 * @param tokenId the public id of the token used; {@code null} for a JWT
 * @param serviceId the service a service token is bound to; {@code null} for admins and operators
 * @param roles operator roles ({@link Role#ADMIN} for the admin token); empty for a service token
 * @param scopes what a service token may do with its service; empty for admins and operators
 * @param expiresAt when the credential stops being valid, if it does
 */
public record Caller(
        String actor,
        @Nullable String tokenId,
        @Nullable String serviceId,
        Set<Role> roles,
        Set<Scope> scopes,
        @Nullable Instant expiresAt) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    static Caller serviceToken(
            String tokenId, String serviceId, Set<Scope> scopes, @Nullable Instant expiresAt) {
        return new Caller("token:" + tokenId, tokenId, serviceId, Set.of(), scopes, expiresAt);
    }

    static Caller adminToken(String tokenId, @Nullable Instant expiresAt) {
        return new Caller(
                "token:" + tokenId, tokenId, null, Set.of(Role.ADMIN), Set.of(), expiresAt);
    }

    static Caller operator(String subject, Set<Role> roles, @Nullable Instant expiresAt) {
        return new Caller(subject, null, null, roles, Set.of(), expiresAt);
    }

    /**
     * The caller of the current request, as the security filter chain authenticated it. Controller
     * methods take it as an {@code @AuthenticationPrincipal} argument; this is for handlers that
     * have no arguments to resolve.
     *
     * @throws AuthenticationCredentialsNotFoundException when the request is not authenticated
     */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new AuthenticationCredentialsNotFoundException("The request has no caller");
    }

    public boolean admin() {
        return roles.contains(Role.ADMIN);
    }

    /** Whether this caller is an operator or admin (not a service token). */
    public boolean operatorOrAdmin() {
        return !roles.isEmpty();
    }

    public boolean has(Role role) {
        return admin()
                || roles.contains(role)
                || role == Role.READER
                        && (roles.contains(Role.OPERATOR) || roles.contains(Role.APPROVER));
    }

    private boolean ownService(String targetServiceId, Scope scope) {
        return targetServiceId.equals(serviceId) && scopes.contains(scope);
    }

    public boolean mayReadConfiguration(String targetServiceId) {
        return has(Role.READER) || ownService(targetServiceId, Scope.CONFIG_READ);
    }

    public boolean mayWriteConfiguration(String targetServiceId) {
        return has(Role.OPERATOR) || ownService(targetServiceId, Scope.CONFIG_WRITE);
    }

    /**
     * Metadata of credentials (never values): readers and up, or the owning service with
     * credentials:read.
     */
    public boolean mayReadCredentialMetadata(String targetServiceId) {
        return has(Role.READER) || ownService(targetServiceId, Scope.CREDENTIALS_READ);
    }

    /** Decrypted values: operators and admins, or the owning service with credentials:read. */
    public boolean mayReadCredentialValue(String targetServiceId) {
        return has(Role.OPERATOR) || ownService(targetServiceId, Scope.CREDENTIALS_READ);
    }

    /** Store, rotate and delete credentials and manage rotation policies. */
    public boolean mayManageCredentials() {
        return has(Role.OPERATOR);
    }

    /** Subscribe to the service's {@code config.} and {@code credentials.} topics. */
    public boolean maySubscribe(String targetServiceId) {
        return has(Role.READER) || ownService(targetServiceId, Scope.EVENTS_SUBSCRIBE);
    }

    /**
     * Whether this caller may use the credential at all at this instant (expiry is checked on long
     * sessions).
     */
    public boolean validAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    /**
     * @throws ApiException {@code AUTHORIZATION_ERROR} when this caller may not read the service's
     *     configuration
     */
    public void requireReadConfiguration(String targetServiceId) {
        if (!mayReadConfiguration(targetServiceId)) {
            throw ApiException.forbidden(
                    "This caller may not read the configuration of service '"
                            + targetServiceId
                            + "'");
        }
    }

    /**
     * @throws ApiException {@code AUTHORIZATION_ERROR} when this caller may not change the
     *     service's configuration
     */
    public void requireWriteConfiguration(String targetServiceId) {
        if (!mayWriteConfiguration(targetServiceId)) {
            throw ApiException.forbidden(
                    "This caller may not change the configuration of service '"
                            + targetServiceId
                            + "'");
        }
    }

    /**
     * @throws ApiException {@code AUTHORIZATION_ERROR} when this caller lacks the role
     */
    public void require(Role role, String action) {
        if (!has(role)) {
            throw ApiException.forbidden("Only the " + role.wire() + " role may " + action);
        }
    }
}
