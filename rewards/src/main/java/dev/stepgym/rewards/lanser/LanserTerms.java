package dev.stepgym.rewards.lanser;

import dev.stepgym.rewards.signal.Evidence;

/**
 * The three terms of Lanser-CLI's process reward (arXiv 2510.22907, equation 5.1) for one
 * prospective mutation, as printed:
 *
 * <pre>r_t = α(D_{t−1} − D_t) + β S_t − γ(1 − α_t)</pre>
 *
 * Each term is one signal's value ({@code diagnostic_delta}, {@code safety},
 * {@code ambiguity_penalty}); the weights α, β, γ are the pipeline's weights of those signals, so
 * the weighted sum of the three components is {@code r_t}.
 *
 * <p>Proposition 5.2 claims {@code r_t >= 0} whenever {@code α_t >= α_{t-1}}, {@code S_t >= S_{t-1}}
 * and {@code D_t <= D_{t-1}}. That is false as printed: the last term is never positive, and the
 * paper's own example (7 → 7 diagnostics, S = 0, α_t = 0.62) scores −0.038. What holds is the
 * weaker bound {@code r_t >= −γ(1 − α_t)} (tested).
 *
 * <pre>{@code
 * LanserTerms t = LanserTerms.of(5, 2, true, 0.94);
 * t.diagnosticDelta();    // 3.0
 * t.ambiguityPenalty();   // -0.06 (carried negative, weighted by γ >= 0)
 * }</pre>
 *
 * @param diagnosticDelta  {@code D_{t-1} - D_t}: positive when diagnostics went away
 * @param safety           {@code S_t}: 1 when every safety check passed, else 0
 * @param ambiguityPenalty {@code -(1 - α_t)}
 */
public record LanserTerms(double diagnosticDelta, double safety, double ambiguityPenalty) {
    /** Evidence fields of a prospective mutation. */
    public static final String MUTATION = "mutation";
    public static final String DIAGNOSTICS_BEFORE = "diagnostics_before";
    public static final String DIAGNOSTICS_AFTER = "diagnostics_after";
    public static final String SAFE = "safe";
    public static final String CONFIDENCE = "confidence";

    /**
     * @param diagnosticsBefore {@code D_{t-1}}: relevant diagnostics before the step, >= 0
     * @param diagnosticsAfter  {@code D_t}: relevant diagnostics after the step, >= 0
     * @param safe              {@code S_t}: the mutation passed every safety check (prepareRename
     *                          accepted, workspace jail held, no conflicts)
     * @param confidence        {@code α_t}: the selector's top disambiguation confidence, in [0, 1]
     */
    public static LanserTerms of(long diagnosticsBefore, long diagnosticsAfter, boolean safe, double confidence) {
        if (diagnosticsBefore < 0 || diagnosticsAfter < 0) {
            throw new IllegalArgumentException(
                    "diagnostic counts must be >= 0, got before=" + diagnosticsBefore + " after=" + diagnosticsAfter);
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence (α_t) must be in [0, 1], got " + confidence);
        }
        return new LanserTerms((double) diagnosticsBefore - diagnosticsAfter, safe ? 1.0 : 0.0, -(1.0 - confidence));
    }

    /**
     * The terms of a step whose evidence says {@code mutation: true}; a step without a prospective
     * mutation has none.
     *
     * @throws dev.stepgym.rewards.signal.MissingEvidenceException when a field is missing
     */
    public static LanserTerms of(Evidence step) {
        long before = step.integer(DIAGNOSTICS_BEFORE);
        long after = step.integer(DIAGNOSTICS_AFTER);
        step.raw(SAFE); // required: flag() alone would read a missing field as false
        return of(before, after, step.flag(SAFE), step.number(CONFIDENCE));
    }
}
