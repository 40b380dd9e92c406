package dev.stepgym.rewards.stepsearch;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.OptionalDouble;

/**
 * {@code format_gate}: StepSearch's format gate on the answer step: {@link StepSearchOutcome#GATE_FAILURE_SCORE}
 * (−1) when {@code format_valid} is false (text after the last {@code </answer>}), else 0.
 * StepSearch also drops the episode's step scores then; here they stay, and a trainer that wants
 * the reference's behaviour drops them when it sees −1.
 */
public final class FormatGateSignal extends DeclaredSignal {
    public static final String NAME = "format_gate";

    public FormatGateSignal() {
        super(NAME, RewardKind.PENALTY, AnswerF1Signal.SOURCE, 1.0);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> StepSearchEvidence.answers(step)
                ? OptionalDouble.of(StepSearchEvidence.outcome(NAME, step, false).gatePassed() ? 0.0 : StepSearchOutcome.GATE_FAILURE_SCORE)
                : OptionalDouble.empty());
    }
}
