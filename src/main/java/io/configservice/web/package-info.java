@NullMarked
package io.configservice.web;

import org.jspecify.annotations.NullMarked;
