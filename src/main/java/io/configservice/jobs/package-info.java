/** The scheduler every {@code @Scheduled} job of the service runs on, and how a failed run is reported. */
@NullMarked
package io.configservice.jobs;

import org.jspecify.annotations.NullMarked;
