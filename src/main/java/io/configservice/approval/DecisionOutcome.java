package io.configservice.approval;

/**
 * The result of a decision or an emergency apply, committed either way: taken, or refused because
 * the request is no longer pending (already ended, expired just now, or its base version moved),
 * which the API answers with 409.
 */
sealed interface DecisionOutcome {

    ApprovalResponse approval();

    /** The decision was recorded (and the change applied if it completed the approval). */
    record Taken(ApprovalResponse approval) implements DecisionOutcome {}

    /** The request could not take the decision; its final state was stored. */
    record Refused(ApprovalResponse approval, String message) implements DecisionOutcome {}
}
