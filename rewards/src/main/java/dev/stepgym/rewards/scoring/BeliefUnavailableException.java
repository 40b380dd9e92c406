package dev.stepgym.rewards.scoring;

/**
 * Why a {@link BeliefScorer} has no belief for a query: endpoint down, timeout, bad reply, no model
 * output for the gold answer, no belief sent by the trainer. A belief future that fails with it means
 * the signal is missing for that step, never that the step fails.
 *
 * <pre>{@code
 * scorer.belief(query).exceptionally(e -> null);   // null: no IG reward this step
 * }</pre>
 */
public class BeliefUnavailableException extends RuntimeException {
    public BeliefUnavailableException(String message) {
        super(message);
    }

    public BeliefUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
