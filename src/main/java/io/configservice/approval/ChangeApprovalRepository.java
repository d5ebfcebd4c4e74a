package io.configservice.approval;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ChangeApprovalRepository extends JpaRepository<ChangeApproval, UUID> {

    /**
     * Reads the request and locks its row ({@code SELECT … FOR UPDATE}) until the transaction ends.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT a FROM ChangeApproval a WHERE a.id = :id")
    Optional<ChangeApproval> findForUpdate(@Param("id") UUID id);

    /**
     * Marks every pending request whose expiry has passed as expired. Rows another transaction
     * holds (a decision in progress, another replica's sweep) are skipped rather than waited for,
     * so concurrent sweeps never deadlock.
     */
    @Modifying
    @Query(
            nativeQuery = true,
            value =
                    """
            UPDATE change_approvals SET status = 'EXPIRED', completed_at = :now
            WHERE id IN (SELECT id FROM change_approvals WHERE status = 'PENDING' AND expires_at <= :now
                         FOR UPDATE SKIP LOCKED)""")
    int expireDue(@Param("now") Instant now);

    /** {@link #expireDue} for one request: its row only, skipped while a decision holds it. */
    @Modifying
    @Query(
            nativeQuery = true,
            value =
                    """
            UPDATE change_approvals SET status = 'EXPIRED', completed_at = :now
            WHERE id IN (SELECT id FROM change_approvals WHERE id = :id AND status = 'PENDING' AND expires_at <= :now
                         FOR UPDATE SKIP LOCKED)""")
    int expireIfDue(@Param("id") UUID id, @Param("now") Instant now);
}
