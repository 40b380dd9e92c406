/**
 * The Java client SDK of StepGym's episode protocol v1 (DESIGN.md §2). {@link
 * dev.stepgym.agents.client.StepGymClient} talks HTTP, {@link dev.stepgym.agents.client.StepGymSocket}
 * multiplexes many episodes over one WebSocket; both implement {@link
 * dev.stepgym.agents.client.EpisodeTransport} so agents and the rollout runner work over either.
 * Every error reply becomes a {@link dev.stepgym.agents.client.StepGymClientException}.
 * Transport is {@code java.net.http} only: no dependency beyond the protocol module.
 */
package dev.stepgym.agents.client;
