package io.configservice.security;

/**
 * A service token stopped being valid, revoked on this replica or announced by another one; live
 * sessions that authenticated with it must end.
 */
public record TokenRevoked(String tokenId) {}
