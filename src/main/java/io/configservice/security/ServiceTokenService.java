package io.configservice.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Issues, checks and revokes service tokens. Only token hashes are stored and compared (in constant
 * time). Checks are remembered for a few seconds, keyed by hash, so the hot read path does not
 * query the database on every request. A revocation takes effect at once on every replica: it is
 * announced through {@link TokenRevocationChannel}, which drops the remembered check and publishes
 * {@link TokenRevoked} so live STOMP sessions end.
 */
@Service
public class ServiceTokenService {

    private final ServiceTokenRepository tokens;
    private final TokenRevocationChannel revocations;
    private final TokenUsage usage;
    private final TokenAuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Cache<String, Caller> recentChecks;
    private final Set<String> revokedIds = ConcurrentHashMap.newKeySet();

    public ServiceTokenService(
            ServiceTokenRepository tokens,
            TokenRevocationChannel revocations,
            TokenUsage usage,
            TokenAuditTrail audit,
            ApplicationEventPublisher events,
            Clock clock,
            TokenProperties properties) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.usage = usage;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.recentChecks =
                Caffeine.newBuilder()
                        .maximumSize(100_000)
                        .expireAfterWrite(properties.cacheTtl())
                        .build();
        revocations.onRevoked(this::forget);
    }

    /**
     * The caller a raw token stands for, or empty when it is unknown, revoked or expired. Not
     * transactional on purpose: a remembered token must cost no database connection.
     */
    public Optional<Caller> authenticate(@Nullable String rawToken) {
        if (rawToken == null || rawToken.isBlank() || rawToken.length() > TokenFormat.MAX_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = TokenFormat.hash(rawToken);
        Caller remembered = recentChecks.getIfPresent(hash);
        Optional<Caller> caller;
        if (remembered != null) {
            caller = remembered.validAt(now) ? Optional.of(remembered) : Optional.empty();
        } else {
            Optional<ServiceToken> stored =
                    tokens.findById(TokenFormat.idOf(rawToken))
                            .filter(token -> TokenFormat.sameHash(token.tokenHash(), hash))
                            .filter(token -> token.usableAt(now));
            stored.ifPresent(token -> recentChecks.put(hash, token.toCaller()));
            caller = stored.map(ServiceToken::toCaller);
        }
        caller = caller.filter(found -> !revokedIds.contains(found.tokenId()));
        caller.map(Caller::tokenId).ifPresent(id -> usage.used(id, now));
        return caller;
    }

    /**
     * Whether a caller that authenticated earlier (a live STOMP session) may still act: its token
     * is neither revoked nor expired, or its JWT has not expired.
     */
    public boolean stillValid(Caller caller) {
        return caller.validAt(clock.instant())
                && (caller.tokenId() == null || !revokedIds.contains(caller.tokenId()));
    }

    /**
     * Issues a token and records it ({@code TOKEN_ISSUE}) in the same transaction.
     *
     * @throws ApiException {@code INVALID_REQUEST} for an expiry that is not in the future
     */
    @Transactional
    public CreatedToken create(
            Caller creator,
            CreateTokenRequest request,
            @Nullable String ipAddress,
            @Nullable String userAgent) {
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.invalidRequest("expiresAt must be in the future");
        }
        Set<Scope> scopes = request.scopes() == null ? Scope.DEFAULT : request.scopes();
        if (scopes.isEmpty()) {
            throw ApiException.invalidRequest("scopes must name at least one scope");
        }
        String id = TokenFormat.newId();
        String token = TokenFormat.newToken(id);
        ServiceToken stored =
                tokens.save(
                        new ServiceToken(
                                id,
                                TokenFormat.hash(token),
                                request.serviceId(),
                                scopes,
                                request.description(),
                                request.expiresAt(),
                                creator.actor(),
                                now));
        audit.issued(creator, TokenMetadata.from(stored), ipAddress, userAgent);
        return new CreatedToken(
                stored.id(),
                token,
                request.serviceId(),
                TokenMetadata.from(stored).scopes(),
                stored.description(),
                stored.createdAt(),
                stored.expiresAt());
    }

    @Transactional(readOnly = true)
    public List<TokenMetadata> list() {
        return tokens.findByRevokedAtIsNullOrderByCreatedAtDesc().stream()
                .map(TokenMetadata::from)
                .toList();
    }

    /**
     * Revokes a token and records it ({@code TOKEN_REVOKE}) in the same transaction.
     *
     * @throws ApiException {@code NOT_FOUND} for an unknown id, {@code CONFLICT} for the bootstrap
     *     admin token
     */
    @Transactional
    public void revoke(
            Caller admin, String id, @Nullable String ipAddress, @Nullable String userAgent) {
        if (TokenFormat.ADMIN_ID.equals(id)) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "The bootstrap admin token cannot be revoked; change CONFIG_ADMIN_TOKEN instead");
        }
        ServiceToken token =
                tokens.findById(id)
                        .filter(found -> found.revokedAt() == null)
                        .orElseThrow(() -> ApiException.notFound("No active token '" + id + "'"));
        token.revoke(clock.instant());
        audit.revoked(admin, TokenMetadata.from(token), ipAddress, userAgent);
        revocations.announce(id);
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        forget(id);
                    }
                });
    }

    /** Drops what this replica remembers of a revoked token and ends the sessions that use it. */
    void forget(String id) {
        if (TokenFormat.ADMIN_ID.equals(id)) {
            return;
        }
        revokedIds.add(id);
        recentChecks.asMap().values().removeIf(check -> id.equals(check.tokenId()));
        events.publishEvent(new TokenRevoked(id));
    }

    /**
     * Makes sure a bootstrap admin token exists: the configured one if given, otherwise a generated
     * one.
     *
     * @return the generated token when this call created it (to be shown once), else empty
     */
    @Transactional
    public Optional<String> bootstrapAdmin(@Nullable String configuredToken) {
        recentChecks.invalidateAll();
        if (configuredToken != null && !configuredToken.isBlank()) {
            tokens.upsertAdmin(TokenFormat.hash(configuredToken));
            return Optional.empty();
        }
        String generated = TokenFormat.newToken(TokenFormat.ADMIN_ID);
        return tokens.insertAdminIfAbsent(TokenFormat.hash(generated)) == 1
                ? Optional.of(generated)
                : Optional.empty();
    }
}
