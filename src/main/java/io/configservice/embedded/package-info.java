@NullMarked
package io.configservice.embedded;

import org.jspecify.annotations.NullMarked;
