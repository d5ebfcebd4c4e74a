package io.configservice.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An optional, bounded, expiring in-process cache of unwrapped data keys keyed by their wrapped
 * form, so hot credentials do not call Vault on every read. Off (size 0) unless configured; never
 * shared outside the process. It hands out and stores copies, so callers may wipe what they get.
 * The ticker measures the time to live.
 */
final class DataKeyCache {

    private final @Nullable Cache<String, byte[]> keys;

    DataKeyCache(long maxSize, Duration ttl, Ticker ticker) {
        this.keys =
                maxSize <= 0
                        ? null
                        : Caffeine.newBuilder()
                                .maximumSize(maxSize)
                                .expireAfterWrite(ttl)
                                .ticker(ticker)
                                .build();
    }

    static DataKeyCache disabled() {
        return new DataKeyCache(0, Duration.ZERO, Ticker.systemTicker());
    }

    byte @Nullable [] get(String wrappedKey) {
        if (keys == null) {
            return null;
        }
        byte[] key = keys.getIfPresent(wrappedKey);
        return key == null ? null : key.clone();
    }

    void put(String wrappedKey, byte[] dataKey) {
        if (keys != null) {
            keys.put(wrappedKey, dataKey.clone());
        }
    }

    void evict(String wrappedKey) {
        if (keys != null) {
            keys.invalidate(wrappedKey);
        }
    }
}
