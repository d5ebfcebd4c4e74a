@NullMarked
package io.configservice.persistence;

import org.jspecify.annotations.NullMarked;
