/**
 * Monte Carlo step values through {@code fork} (AgentPRM's targets, "rewarding progress"): for each
 * state of a recorded or live episode, K forks are played to the end by a given agent, their mean
 * outcome estimates V(s), and a step's progress is V(s after) − V(s before).
 * {@link dev.stepgym.agents.mc.MonteCarloValues} is the entry point.
 */
package dev.stepgym.agents.mc;
