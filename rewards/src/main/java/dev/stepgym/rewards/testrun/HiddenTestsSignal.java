package dev.stepgym.rewards.testrun;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.OptionalDouble;

/**
 * {@code hidden_tests}: the outcome at submit (evidence {@code submitted: true}), the hidden
 * tests' pass rate ({@code hidden_pass_rate}; the environment reports the visible rate there when
 * a task has no hidden tests). No component on other steps.
 */
public final class HiddenTestsSignal extends DeclaredSignal {
    public static final String NAME = "hidden_tests";
    public static final String SUBMITTED = "submitted";
    public static final String HIDDEN_PASS_RATE = "hidden_pass_rate";

    public HiddenTestsSignal() {
        super(NAME, RewardKind.OUTCOME, TestRuns.SOURCE, 1.0);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> step.current().flag(SUBMITTED)
                ? OptionalDouble.of(step.current().number(HIDDEN_PASS_RATE))
                : OptionalDouble.empty());
    }
}
