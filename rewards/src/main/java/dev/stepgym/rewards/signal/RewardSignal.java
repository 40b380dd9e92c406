package dev.stepgym.rewards.signal;

import dev.stepgym.protocol.RewardKind;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One reward component, computed from evidence: its name, kind, source and default weight, the
 * parameters it takes, and its score over a step's evidence and the episode so far.
 *
 * <p>Implementations are stateless and thread-safe (one instance serves every episode) and have
 * a public no-argument constructor: they are found by name through {@link Signals}, listed in
 * {@code META-INF/services/dev.stepgym.rewards.signal.RewardSignal}. A signal reads only its
 * {@link StepScope}, so the same evidence always gives the same value: that is what lets a
 * recorded run be re-scored exactly.
 *
 * <pre>{@code
 * public final class StepCount extends DeclaredSignal {
 *     public StepCount() {
 *         super("step_count", RewardKind.STEP, "example", 1.0);
 *     }
 *     public Bound bind(SignalParams params) {
 *         return Bound.immediate(step -> OptionalDouble.of(step.step()));
 *     }
 * }
 * }</pre>
 */
public interface RewardSignal {

    /** The component's name on the wire. */
    String name();

    RewardKind kind();

    /** Where the value comes from, e.g. {@code stepsearch}, {@code webshop}, {@code lsp:pyright}. */
    String source();

    double defaultWeight();

    /**
     * The source recorded with the component under these parameters; a signal shared by several
     * environments (the invalid-action penalty) takes it as a parameter.
     */
    default String source(SignalParams params) {
        return source();
    }

    /** The parameters this signal takes, with their defaults; no other name is accepted. */
    default Map<String, Object> defaultParams() {
        return Map.of();
    }

    /**
     * Parameters only the server's own pipeline may set (its default, {@code serve
     * --reward-pipeline}, a scenario): an episode's {@code options.reward_pipeline} must leave them
     * as the server has them. For parameters that make the server reach out: a model endpoint to
     * call, a model folder to load.
     */
    default java.util.Set<String> serverOnlyParams() {
        return java.util.Set.of();
    }

    /**
     * Whether a client may give this value to one of the {@link #serverOnlyParams()}: a value that
     * makes the server reach nothing (a scorer that reads beliefs the trainer sends, say).
     */
    default boolean clientMaySet(String param, Object value) {
        return false;
    }

    /**
     * Checks the parameters and returns the scoring function they give.
     *
     * @throws IllegalArgumentException naming the signal and the parameter that is wrong
     */
    Bound bind(SignalParams params);

    /** A signal with its parameters bound: scores steps. */
    interface Bound {
        /**
         * This step's value, or empty when the signal does not apply to it (no component then).
         * Model-based signals complete later, so concurrent episodes' model calls can be batched.
         *
         * @throws MissingEvidenceException when the evidence lacks a field the signal needs
         */
        CompletionStage<OptionalDouble> score(StepScope step);

        /** A rule-based signal, computed at once. */
        static Bound immediate(Immediate rule) {
            return step -> CompletableFuture.completedFuture(rule.score(step));
        }
    }

    /** The body of a rule-based signal. */
    @FunctionalInterface
    interface Immediate {
        OptionalDouble score(StepScope step);
    }
}
