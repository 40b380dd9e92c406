package dev.stepgym.rewards.stepsearch;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * StepSearch's redundancy penalty for one episode: the share of a step's retrieved documents that
 * were already seen, {@code RP_t = sum over d in D_t of [d seen] / |D_t|}. Documents are compared as
 * raw strings (no normalisation), and a document is marked seen as soon as it is met, so a duplicate
 * inside one step counts too.
 *
 * <p>Mutable, one instance per episode; {@link #copy()} for a forked episode.
 *
 * <pre>{@code
 * RedundancyPenalty rp = new RedundancyPenalty();
 * rp.step(List.of("A", "B"));   // 0.0
 * rp.step(List.of("B", "C"));   // 0.5
 * }</pre>
 */
public final class RedundancyPenalty {
    private final Set<String> seen;

    public RedundancyPenalty() {
        this.seen = new HashSet<>();
    }

    private RedundancyPenalty(RedundancyPenalty other) {
        this.seen = new HashSet<>(other.seen);
    }

    /** The penalty of one search step (0 for an empty step); records the documents as seen. */
    public double step(List<String> docs) {
        if (docs == null) {
            throw new IllegalArgumentException("document list must not be null");
        }
        double penalty = 0.0;
        for (String doc : docs) {
            if (doc == null) {
                throw new IllegalArgumentException("document must not be null");
            }
            if (!seen.add(doc)) {
                // Added one share at a time, as the reference does, so sums round the same way.
                penalty += 1.0 / docs.size();
            }
        }
        return penalty;
    }

    /** An independent tracker in the same state, for a forked episode. */
    public RedundancyPenalty copy() {
        return new RedundancyPenalty(this);
    }
}
