package io.configservice.approval;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApprovalDecisionRepository extends JpaRepository<ApprovalDecision, UUID> {

    List<ApprovalDecision> findByApprovalIdOrderByDecidedAt(UUID approvalId);

    boolean existsByApprovalIdAndApproverId(UUID approvalId, String approverId);
}
