/**
 * Lanser-CLI's language-server process reward (docs/reward-methods.md §2.4, equation 5.1),
 * {@code r_t = α(D_{t-1} - D_t) + β S_t - γ(1 - α_t)}, as three signals over a prospective
 * mutation's evidence ({@code diagnostics_before}, {@code diagnostics_after}, {@code safe},
 * {@code confidence}): {@code diagnostic_delta}, {@code safety} and {@code ambiguity_penalty},
 * weighted α, β, γ by the pipeline ({@link dev.stepgym.rewards.lanser.LanserWeights}), so their
 * weighted sum is {@code r_t}. {@link dev.stepgym.rewards.lanser.LanserTerms} is the formula.
 */
package dev.stepgym.rewards.lanser;
