@NullMarked
package io.configservice.crypto;

import org.jspecify.annotations.NullMarked;
