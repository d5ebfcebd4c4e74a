/**
 * Replacements of Spring internals on the path of configuration reads. Each stays only while it
 * makes a cached read measurably cheaper than the framework's own way (at least 5 % in a same-run
 * comparison with bench/ab.sh; the figures are in bench/RESULTS.md), gives the same answers, and
 * has a test that fails when a framework upgrade changes what it relies on. Today that is the
 * writer of configuration reads. Nothing in the application depends on this package; Spring picks
 * its beans up.
 */
@NullMarked
package io.configservice.hotpath;

import org.jspecify.annotations.NullMarked;
