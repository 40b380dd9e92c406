package dev.stepgym.rewards.stepsearch;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code information_gain}: StepSearch's {@code IG_t} ({@link InformationGain}) on every step that
 * retrieved documents ({@code retrieved_docs}), against the gold support paragraphs
 * ({@code context.gold_docs}). The best match so far per gold paragraph is rebuilt from the earlier
 * steps' {@code retrieved_docs}, so the signal keeps no state. No component on other steps.
 *
 * <pre>{@code
 * context {"gold_docs": ["Paris is the capital of France."]}
 * step 1 {"retrieved_docs": ["Paris is the capital of France"]}   -> 1.0 (up to rounding)
 * step 2 {"retrieved_docs": ["Paris is the capital of France"]}   -> 0.0
 * }</pre>
 */
public final class InformationGainSignal extends DeclaredSignal {
    public static final String NAME = "information_gain";
    public static final String SOURCE = "stepsearch:tfidf";

    public InformationGainSignal() {
        super(NAME, RewardKind.STEP, SOURCE, StepSearchScale.INTENDED.factor());
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> {
            if (!StepSearchEvidence.retrieves(step)) {
                return OptionalDouble.empty();
            }
            InformationGain gain = new InformationGain(step.context().strings(StepSearchEvidence.GOLD_DOCS));
            double value = 0.0;
            for (List<String> docs : StepSearchEvidence.retrievedSoFar(step)) {
                value = gain.step(docs);
            }
            return OptionalDouble.of(value);
        });
    }
}
