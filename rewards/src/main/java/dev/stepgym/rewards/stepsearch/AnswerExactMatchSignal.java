package dev.stepgym.rewards.stepsearch;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.RewardSignal;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.text.TokenF1;

import java.util.OptionalDouble;

/**
 * {@code answer_em}: 1 when the step's {@code answer} equals one of {@code context.gold_answers}
 * after SQuAD normalisation and the format gate passed, else 0; on the answer step. Reported with
 * weight 0 by default: StepSearch trains on F1.
 */
public final class AnswerExactMatchSignal implements RewardSignal {
    public static final String NAME = "answer_em";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RewardKind kind() {
        return RewardKind.OUTCOME;
    }

    @Override
    public String source() {
        return AnswerF1Signal.SOURCE;
    }

    @Override
    public double defaultWeight() {
        return 0.0;
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> {
            if (!StepSearchEvidence.answers(step)) {
                return OptionalDouble.empty();
            }
            StepSearchOutcome.Result r = StepSearchEvidence.outcome(NAME, step, false);
            boolean exact = r.gatePassed() && TokenF1.anyExactMatch(r.answer().orElseThrow(),
                    step.context().strings(StepSearchEvidence.GOLD_ANSWERS));
            return OptionalDouble.of(exact ? 1.0 : 0.0);
        });
    }
}
