package io.configservice.approval;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The terms a change request is held under when several affected environments have approval
 * policies: the most approvals any of them requires and the shortest expiry any of them sets.
 *
 * @param policyId the environment of the policy that requires the most approvals (the first by id
 *     on a tie)
 */
record ApprovalTerms(String policyId, int requiredApprovals, Duration expiresAfter) {

    /**
     * @return empty when none of the policies applies (the list is empty)
     */
    static Optional<ApprovalTerms> strictest(List<ApprovalPolicy> policies) {
        return policies.stream()
                .max(
                        Comparator.comparingInt(ApprovalPolicy::requiredApprovals)
                                .thenComparing(ApprovalPolicy::getId, Comparator.reverseOrder()))
                .map(
                        strictest ->
                                new ApprovalTerms(
                                        strictest.getId(),
                                        strictest.requiredApprovals(),
                                        policies.stream()
                                                .map(ApprovalPolicy::expiresAfter)
                                                .min(Comparator.naturalOrder())
                                                .orElseThrow()));
    }
}
