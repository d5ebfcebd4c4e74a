package io.configservice.approval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks pending change requests past their expiry as {@code EXPIRED}; safe on every replica at
 * once.
 */
@Component
class ApprovalExpirySweep {

    private static final Logger log = LoggerFactory.getLogger(ApprovalExpirySweep.class);

    private final ApprovalService approvals;

    ApprovalExpirySweep(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.approvals-io.configservice.approval.ApprovalProperties'"
                            + ".sweepInterval().toMillis()}",
            initialDelayString =
                    "#{@'configservice.approvals-io.configservice.approval.ApprovalProperties'"
                            + ".sweepInterval().toMillis()}")
    void sweep() {
        int expired = approvals.expireDue();
        if (expired > 0) {
            log.info("Expired {} change requests", expired);
        }
    }
}
