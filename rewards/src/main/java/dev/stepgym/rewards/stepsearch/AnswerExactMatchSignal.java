package dev.stepgym.rewards.stepsearch;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.text.TokenF1;

import java.util.OptionalDouble;

/**
 * {@code answer_em}: 1 when the step's {@code answer} equals one of {@code context.gold_answers}
 * after SQuAD normalisation and the format gate passed, else 0; on the answer step. Reported with
 * weight 0 by default: StepSearch trains on F1.
 */
public final class AnswerExactMatchSignal extends DeclaredSignal {
    public static final String NAME = "answer_em";

    public AnswerExactMatchSignal() {
        super(NAME, RewardKind.OUTCOME, AnswerF1Signal.SOURCE, 0.0);
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
