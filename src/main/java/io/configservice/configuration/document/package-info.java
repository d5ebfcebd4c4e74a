/**
 * Pure configuration documents: formats, canonical form, key paths, edits, merge patch and diff; no
 * beans, no storage.
 */
@NullMarked
package io.configservice.configuration.document;

import org.jspecify.annotations.NullMarked;
