package dev.stepgym.rewards.scoring;

import java.util.concurrent.CompletableFuture;

/**
 * Estimates {@code p_t}: how strongly the context so far supports the gold answer, in [0, 1].
 * IGPO's belief gain is {@code p_t - p_{t-1}} (docs/reward-methods.md §2.1).
 *
 * <p>Calls are asynchronous so that concurrent episodes can be batched into one forward pass; a
 * failed future (endpoint down, timeout, bad reply) means the signal is unavailable for that step,
 * never that the step fails.
 */
public interface BeliefScorer extends AutoCloseable {

    /** Where the signal comes from, used as the reward component's source, e.g. {@code proxy:minilm-evidence}. */
    String source();

    /** Belief in the gold answer, in [0, 1]. */
    CompletableFuture<Double> belief(BeliefQuery query);

    @Override
    default void close() {
    }
}
