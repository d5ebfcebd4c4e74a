package io.configservice.approval;

/** Where a change request is in its life: only {@code PENDING} requests take decisions. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    CONFLICT,
    EMERGENCY_APPLIED
}
