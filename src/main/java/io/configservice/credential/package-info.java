@NullMarked
package io.configservice.credential;

import org.jspecify.annotations.NullMarked;
