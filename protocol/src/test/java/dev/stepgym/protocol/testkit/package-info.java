/**
 * Test kit shipped in the protocol module's test-jar: a deterministic toy environment
 * ({@code counter-v1}), a real server on a free loopback port with a temporary record directory
 * ({@link dev.stepgym.protocol.testkit.TestServer}) and small HTTP and WebSocket clients built on
 * {@code java.net.http}, for the protocol tests and other modules' tests.
 */
package dev.stepgym.protocol.testkit;
