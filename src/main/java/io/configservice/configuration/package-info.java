@NullMarked
package io.configservice.configuration;

import org.jspecify.annotations.NullMarked;
