@NullMarked
package io.configservice.cache;

import org.jspecify.annotations.NullMarked;
