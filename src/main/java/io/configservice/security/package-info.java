@NullMarked
package io.configservice.security;

import org.jspecify.annotations.NullMarked;
