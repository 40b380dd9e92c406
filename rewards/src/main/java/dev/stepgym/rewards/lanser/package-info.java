/**
 * Lanser-CLI's language-server process reward (docs/reward-methods.md §2.4, equation 5.1):
 * {@code r_t = α(D_{t-1} - D_t) + β S_t - γ(1 - α_t)}, where {@code D} counts the diagnostics relevant to
 * the edited target, {@code S_t} says whether the mutation passed its safety checks and {@code α_t} is
 * the selector's disambiguation confidence. {@link dev.stepgym.rewards.lanser.LanserReward#score} is the
 * paper's formula; {@link dev.stepgym.rewards.lanser.LanserReward#scoreDelta} is a variant of ours (not
 * from the paper) that satisfies the monotonicity Proposition 5.2 claims.
 */
package dev.stepgym.rewards.lanser;
