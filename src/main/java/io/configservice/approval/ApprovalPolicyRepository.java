package io.configservice.approval;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApprovalPolicyRepository extends JpaRepository<ApprovalPolicy, String> {

    List<ApprovalPolicy> findAllByOrderByEnvironment();
}
