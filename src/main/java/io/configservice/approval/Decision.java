package io.configservice.approval;

/** An approver's vote on a change request. */
public enum Decision {
    APPROVE,
    REJECT
}
