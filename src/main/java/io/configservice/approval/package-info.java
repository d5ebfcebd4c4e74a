/**
 * Change approvals: per-environment policies, change requests held for approval, decisions and
 * their application.
 */
@NullMarked
package io.configservice.approval;

import org.jspecify.annotations.NullMarked;
