/**
 * IGPO's rewards (docs/reward-methods.md §2.1): the tag-gated set-F1 outcome of the answer turn, the
 * per-turn belief gain {@code p_t - p_{t-1}}, and the pseudo-answer prompt a scorer uses to measure
 * {@code p_t}; and their reward signals, {@code belief_gain} (asynchronous, through the belief
 * scorer its parameters name) and {@code igpo_outcome}.
 */
package dev.stepgym.rewards.igpo;
