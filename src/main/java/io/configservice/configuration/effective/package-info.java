/**
 * The effective configuration: layer resolution, its stored revisions, change log, cache entries
 * and change events.
 */
@NullMarked
package io.configservice.configuration.effective;

import org.jspecify.annotations.NullMarked;
