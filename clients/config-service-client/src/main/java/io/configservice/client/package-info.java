/**
 * Client of the config service: the effective configuration of one service in one environment, kept
 * current by push (STOMP), resumed through the change feed, guarded by a conditional poll and
 * backed by a last-known-good snapshot; credentials by key with a callback on rotation. Entry
 * point: {@link io.configservice.client.ConfigServiceClient}.
 */
@NullMarked
package io.configservice.client;

import org.jspecify.annotations.NullMarked;
