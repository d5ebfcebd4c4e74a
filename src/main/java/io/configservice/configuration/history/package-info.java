/** A service's own document versions and their history, with the retention that prunes them. */
@NullMarked
package io.configservice.configuration.history;

import org.jspecify.annotations.NullMarked;
