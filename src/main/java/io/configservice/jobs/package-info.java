/**
 * The scheduler every {@code @Scheduled} job of the service runs on, how a failed run is reported,
 * and the lock that lets one replica at a time run a job that must not run twice at once.
 */
@NullMarked
package io.configservice.jobs;

import org.jspecify.annotations.NullMarked;
