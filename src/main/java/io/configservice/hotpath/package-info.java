/**
 * Replacements of Spring internals on the path of configuration reads: today the firewall's header
 * checks, which every request passes. A replacement stays only while it makes a cached read
 * measurably cheaper than the framework's own way (the profiles and comparisons are in
 * bench/RESULTS.md), gives the same answers, and has a test that fails when a framework upgrade
 * changes what it relies on. Nothing in the application depends on this package; Spring picks its
 * beans up. (The hot reads themselves are answered by {@code configuration.HotReads} at the end of
 * their security chain, through Spring Security's own filter API, not a replacement.)
 */
@NullMarked
package io.configservice.hotpath;

import org.jspecify.annotations.NullMarked;
