@NullMarked
package io.configservice.ratelimit;

import org.jspecify.annotations.NullMarked;
