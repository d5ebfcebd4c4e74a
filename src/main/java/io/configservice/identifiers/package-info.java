/** The syntax of the ids a client names things by: services, environments and credential keys. */
@NullMarked
package io.configservice.identifiers;

import org.jspecify.annotations.NullMarked;
