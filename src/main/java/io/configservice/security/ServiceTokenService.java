package io.configservice.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, checks and revokes service tokens. Only token hashes are stored and compared (in constant time). Checks are
 * remembered for a few seconds, keyed by hash, so the hot read path does not query the database on every request;
 * a revocation on this replica takes effect at once, on other replicas within {@code configservice.tokens.cache-ttl}.
 */
@Service
public class ServiceTokenService {

    private final ServiceTokenRepository tokens;
    private final Clock clock;
    private final Cache<String, ServiceTokenCheck> recentChecks;

    public ServiceTokenService(ServiceTokenRepository tokens, Clock clock,
            @Value("${configservice.tokens.cache-ttl}") Duration cacheTtl) {
        this.tokens = tokens;
        this.clock = clock;
        this.recentChecks = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).build();
    }

    /**
     * The caller a raw token stands for, or empty when it is unknown, revoked or expired. Not transactional on
     * purpose: a remembered token must cost no database connection.
     */
    public Optional<Caller> authenticate(@Nullable String rawToken) {
        if (rawToken == null || rawToken.isBlank() || rawToken.length() > TokenFormat.MAX_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = TokenFormat.hash(rawToken);
        ServiceTokenCheck remembered = recentChecks.getIfPresent(hash);
        if (remembered != null) {
            return remembered.usableAt(now) ? Optional.of(remembered.caller()) : Optional.empty();
        }
        Optional<ServiceToken> stored = tokens.findById(TokenFormat.idOf(rawToken))
                .filter(token -> TokenFormat.sameHash(token.tokenHash(), hash))
                .filter(token -> token.usableAt(now));
        stored.ifPresent(token -> recentChecks.put(hash, new ServiceTokenCheck(token.toCaller(), token.expiresAt())));
        return stored.map(ServiceToken::toCaller);
    }

    @Transactional
    public CreatedToken create(Caller creator, CreateTokenRequest request) {
        String id = TokenFormat.newId();
        String token = TokenFormat.newToken(id);
        ServiceToken stored = tokens.save(new ServiceToken(id, TokenFormat.hash(token), request.serviceId(),
                request.description(), creator.actor(), clock.instant()));
        return new CreatedToken(stored.id(), token, request.serviceId(), stored.description(), stored.createdAt());
    }

    @Transactional(readOnly = true)
    public List<TokenMetadata> list() {
        return tokens.findByRevokedAtIsNullOrderByCreatedAtDesc().stream().map(TokenMetadata::from).toList();
    }

    /** @throws ApiException {@code NOT_FOUND} for an unknown id, {@code CONFLICT} for the bootstrap admin token */
    @Transactional
    public void revoke(String id) {
        if (TokenFormat.ADMIN_ID.equals(id)) {
            throw new ApiException(ErrorCode.CONFLICT,
                    "The bootstrap admin token cannot be revoked; change CONFIG_ADMIN_TOKEN instead");
        }
        ServiceToken token = tokens.findById(id).orElseThrow(() -> ApiException.notFound("No token '" + id + "'"));
        token.revoke(clock.instant());
        recentChecks.asMap().values().removeIf(check -> check.caller().tokenId().equals(id));
    }

    /**
     * Makes sure a bootstrap admin token exists: the configured one if given, otherwise a generated one.
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
        return tokens.insertAdminIfAbsent(TokenFormat.hash(generated)) == 1 ? Optional.of(generated) : Optional.empty();
    }

    private record ServiceTokenCheck(Caller caller, @Nullable Instant expiresAt) {

        boolean usableAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }
}
