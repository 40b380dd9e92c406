/**
 * Baseline agents: {@code random} (seeded, any environment), {@code oracle-shop} (solves
 * {@code shop-v1} from privileged goal data, an upper bound for reward checks) and {@code replay}
 * (plays a fixed list of actions, for determinism checks). All of them act only on what the
 * protocol delivers: observations, reset info and environment specs.
 */
package dev.stepgym.agents.baseline;
