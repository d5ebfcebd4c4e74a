@NullMarked
package io.configservice.audit;

import org.jspecify.annotations.NullMarked;
