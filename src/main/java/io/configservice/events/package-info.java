@NullMarked
package io.configservice.events;

import org.jspecify.annotations.NullMarked;
