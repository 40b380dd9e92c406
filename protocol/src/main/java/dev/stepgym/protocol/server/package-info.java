/**
 * The episode server. {@link dev.stepgym.protocol.server.EpisodeManager} owns episodes (leases,
 * admission, time limits, reward weights, state hashes, recording) and has no Vert.x types, so the
 * CLI and benchmarks can embed it; {@link dev.stepgym.protocol.server.StepGymServer} binds it to
 * HTTP and WebSocket with Vert.x, running environment work off the event loop.
 */
package dev.stepgym.protocol.server;
