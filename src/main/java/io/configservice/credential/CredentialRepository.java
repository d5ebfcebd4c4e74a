package io.configservice.credential;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Credential metadata; "live" means not deleted. */
interface CredentialRepository
        extends JpaRepository<Credential, UUID>, JpaSpecificationExecutor<Credential> {

    Optional<Credential> findByCredentialKeyAndActiveTrue(String credentialKey);

    boolean existsByCredentialKeyAndActiveTrue(String credentialKey);

    boolean existsByRotationPolicyIdAndActiveTrue(String rotationPolicyId);

    List<Credential> findByRotationPolicyIdAndActiveTrue(String rotationPolicyId);

    /**
     * The row, locked until the transaction ends: rotations and deletion of one credential run one
     * at a time.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Credential c where c.id = :id")
    Optional<Credential> lockById(@Param("id") UUID id);

    @Query(
            """
            select c.id from Credential c
            where c.active = true and c.rotationPolicyId is not null and c.nextRotationAt <= :now
            order by c.nextRotationAt""")
    List<UUID> findDueForRotation(@Param("now") Instant now, Limit limit);
}
