/**
 * Replacements of Spring internals on the path of configuration reads: the handler lookup, the
 * firewall's header checks and the writer of configuration reads. Each stays only while it makes a
 * cached read measurably cheaper than the framework's own way (the profiles and comparisons are in
 * bench/RESULTS.md), gives the same answers, and has a test that fails when a framework upgrade
 * changes what it relies on. Nothing in the application depends on this package; Spring picks its
 * beans up.
 */
@NullMarked
package io.configservice.hotpath;

import org.jspecify.annotations.NullMarked;
