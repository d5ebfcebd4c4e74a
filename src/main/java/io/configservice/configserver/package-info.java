/**
 * The Spring Cloud Config Server protocol over the effective configuration, and Spring Cloud Bus
 * refresh events, so Spring applications with the stock Config client switch by changing their
 * server URL.
 */
@NullMarked
package io.configservice.configserver;

import org.jspecify.annotations.NullMarked;
