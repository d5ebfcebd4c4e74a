/**
 * JSON Schemas per service: storing them, compiling them and enforcing them on effective
 * configurations.
 */
@NullMarked
package io.configservice.configuration.schema;

import org.jspecify.annotations.NullMarked;
