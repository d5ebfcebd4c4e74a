package io.configservice.credential;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * The encrypted versions of credentials. States are stored as their column names (see {@link
 * VersionState}).
 */
interface CredentialVersionRepository extends JpaRepository<CredentialVersion, Long> {

    Optional<CredentialVersion> findByCredentialIdAndState(UUID credentialId, String state);

    Optional<CredentialVersion> findByCredentialIdAndVersion(UUID credentialId, int version);

    /** The newest previous version still inside its grace period. */
    Optional<CredentialVersion> findFirstByCredentialIdAndStateAndGraceUntilAfterOrderByVersionDesc(
            UUID credentialId, String state, Instant now);

    List<CredentialVersion> findByCredentialIdOrderByVersionDesc(UUID credentialId);

    List<CredentialVersion> findByCredentialIdAndStateNot(UUID credentialId, String state);

    List<CredentialVersion> findByStateAndGraceUntilLessThanEqualOrderById(
            String state, Instant now, Limit limit);

    /**
     * The version with its row locked until the transaction ends: of two transactions destroying it
     * at once, the second finds it destroyed.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select v from CredentialVersion v where v.id = :id")
    Optional<CredentialVersion> findLockedById(@Param("id") long id);

    /**
     * Wrapped data keys of this key encryption key below {@code version}, in id order after {@code
     * afterId}.
     */
    List<CredentialVersion>
            findByKekIdAndKekVersionLessThanAndWrappedDekIsNotNullAndIdGreaterThanOrderById(
                    String kekId, int version, long afterId, Limit limit);

    /** Live data keys per key version: rows of {@code [kekVersion, count]}. */
    @Query(
            """
            select v.kekVersion, count(v) from CredentialVersion v
            where v.kekId = :kekId and v.wrappedDek is not null
            group by v.kekVersion order by v.kekVersion""")
    List<Object[]> countDataKeysByVersion(@Param("kekId") String kekId);

    /**
     * Replaces a wrapped data key only if it is still the one that was rewrapped, so a rewrap
     * racing a rotation or a destruction never resurrects an erased key. Answers 1 when it replaced
     * it.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(
            """
            update CredentialVersion v set v.wrappedDek = :rewrapped, v.kekVersion = :kekVersion
            where v.id = :id and v.wrappedDek = :wrapped""")
    int replaceWrappedKey(
            @Param("id") long id,
            @Param("wrapped") String wrapped,
            @Param("rewrapped") String rewrapped,
            @Param("kekVersion") int kekVersion);
}
