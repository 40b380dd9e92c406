/**
 * Credit-assignment transforms (DESIGN.md §4, docs/reward-methods.md §3(c)): pure functions that turn
 * the rewards of one trajectory, or of a group of trajectories of the same task, into per-step
 * returns or advantages, or place per-step values on tokens. Each is a {@link
 * dev.stepgym.rewards.transform.CreditTransform} found by name through {@link
 * dev.stepgym.rewards.transform.Transforms}; a new transform is one class plus one line in {@code
 * META-INF/services/dev.stepgym.rewards.transform.CreditTransform}.
 *
 * <p>Every sum runs over lists or arrays in their order, never over a hash-ordered collection, so a
 * result is bit-for-bit the same on every JVM.
 */
package dev.stepgym.rewards.transform;
