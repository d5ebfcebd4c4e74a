@NullMarked
package io.configservice.health;

import org.jspecify.annotations.NullMarked;
