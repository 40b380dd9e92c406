package dev.stepgym.rewards.stepsearch;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.OptionalDouble;

/**
 * {@code answer_f1}: StepSearch's outcome F1 ({@link StepSearchOutcome#score}): the best bag F1 of
 * the step's {@code answer} against {@code context.gold_answers}, rounded to four places as Python
 * rounds; 0 when the format gate failed ({@code format_valid: false}, scored by
 * {@code format_gate}). Only on the answer step.
 */
public final class AnswerF1Signal extends DeclaredSignal {
    public static final String NAME = "answer_f1";
    /** The source of StepSearch's outcome components. */
    public static final String SOURCE = "stepsearch:f1";

    public AnswerF1Signal() {
        super(NAME, RewardKind.OUTCOME, SOURCE, 1.0);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> {
            if (!StepSearchEvidence.answers(step)) {
                return OptionalDouble.empty();
            }
            StepSearchOutcome.Result r = StepSearchEvidence.outcome(NAME, step, false);
            return OptionalDouble.of(r.gatePassed() ? r.f1() : 0.0);
        });
    }
}
