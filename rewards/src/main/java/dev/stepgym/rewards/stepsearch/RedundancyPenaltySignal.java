package dev.stepgym.rewards.stepsearch;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code redundancy_penalty}: {@code −RP_t}, minus StepSearch's share of this step's
 * {@code retrieved_docs} already retrieved by an earlier step or earlier in this one
 * ({@link RedundancyPenalty}), on every step that retrieved documents. With no gold paragraphs
 * ({@code context.gold_docs} empty) StepSearch emits no step scores, so the value is 0.
 *
 * <pre>{@code
 * step 1 {"retrieved_docs": ["A", "B"]}   -> 0.0
 * step 2 {"retrieved_docs": ["B", "C"]}   -> -0.5
 * }</pre>
 */
public final class RedundancyPenaltySignal extends DeclaredSignal {
    public static final String NAME = "redundancy_penalty";
    public static final String SOURCE = "stepsearch:redundancy";

    public RedundancyPenaltySignal() {
        super(NAME, RewardKind.PENALTY, SOURCE, StepSearchScale.INTENDED.factor());
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> {
            if (!StepSearchEvidence.retrieves(step)) {
                return OptionalDouble.empty();
            }
            boolean noGold = step.context().strings(StepSearchEvidence.GOLD_DOCS).isEmpty();
            RedundancyPenalty penalty = new RedundancyPenalty();
            double value = 0.0;
            for (List<String> docs : StepSearchEvidence.retrievedSoFar(step)) {
                value = penalty.step(docs);
            }
            // 0.0 - x, not -x: a zero penalty must not be -0.0 on the wire.
            return OptionalDouble.of(0.0 - (noGold ? 0.0 : value));
        });
    }
}
