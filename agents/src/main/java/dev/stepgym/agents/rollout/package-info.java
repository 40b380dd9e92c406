/**
 * The rollout runner: drives many episodes at once with one agent over any
 * {@link dev.stepgym.agents.client.EpisodeTransport}, reports each episode
 * ({@link dev.stepgym.agents.rollout.EpisodeReport}) and summarises them
 * ({@link dev.stepgym.agents.rollout.RolloutSummary}). A {@link dev.stepgym.agents.rollout.StepListener}
 * sees every reset, step and end, e.g. to print a per-step table.
 */
package dev.stepgym.agents.rollout;
