package dev.stepgym.rewards.scoring;

import java.util.concurrent.CompletableFuture;

/**
 * Passes on the belief the trainer computed itself and sent with the action (IGPO's trainer already
 * runs the policy forward, so it can send {@code p_t} instead of the simulator recomputing it).
 *
 * <pre>{@code
 * double p = new TrainerBeliefScorer().belief(queryWithTrainerBelief).join();
 * }</pre>
 */
public final class TrainerBeliefScorer implements BeliefScorer {
    public static final String SOURCE = "trainer";

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public CompletableFuture<Double> belief(BeliefQuery query) {
        Double p = query.trainerBelief();
        if (p == null) {
            return CompletableFuture.failedFuture(new BeliefUnavailableException(
                    "the trainer sent no belief with this action (scorer.type=trainer expects one every step)"));
        }
        if (p.isNaN() || p < 0 || p > 1) {
            return CompletableFuture.failedFuture(new BeliefUnavailableException(
                    "the trainer's belief must be a probability in [0, 1], got " + p));
        }
        return CompletableFuture.completedFuture(p);
    }
}
