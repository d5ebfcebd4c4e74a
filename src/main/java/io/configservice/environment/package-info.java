@NullMarked
package io.configservice.environment;

import org.jspecify.annotations.NullMarked;
