/**
 * The agent SPI. An {@link dev.stepgym.agents.Agent} starts one {@link dev.stepgym.agents.Policy}
 * per episode; the policy maps each observation to the next action. Agents are found by name
 * through {@link dev.stepgym.agents.AgentProvider} and {@link java.util.ServiceLoader}
 * ({@link dev.stepgym.agents.Agents#create(String, long)}). Agents see only the protocol records:
 * what the server sends, never an environment's internals.
 */
package dev.stepgym.agents;
