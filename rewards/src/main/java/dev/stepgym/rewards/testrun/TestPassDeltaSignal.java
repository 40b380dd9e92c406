package dev.stepgym.rewards.testrun;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.signal.StepScope;

import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code test_pass_delta}: on a step that ran the visible tests (evidence {@code visible_tests}),
 * their pass rate now minus the previous one: the last earlier step's {@code visible_tests.pass_rate},
 * or, before any run, the base commit's rate ({@code baseline_pass_rate} in the context). No
 * component on other steps. The previous rate is read from the evidence, never kept, so a
 * recorded run re-scores the same and a fork inherits its parent's last run.
 */
public final class TestPassDeltaSignal extends DeclaredSignal {
    public static final String NAME = "test_pass_delta";
    /** Step evidence: the visible test run, an object with {@code pass_rate} (and ran, passed, ...). */
    public static final String VISIBLE_TESTS = "visible_tests";
    public static final String PASS_RATE = "pass_rate";
    /** Context: the visible tests' pass rate on the base commit. */
    public static final String BASELINE_PASS_RATE = "baseline_pass_rate";

    public TestPassDeltaSignal() {
        super(NAME, RewardKind.STEP, TestRuns.SOURCE, 1.0);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(TestPassDeltaSignal::score);
    }

    private static OptionalDouble score(StepScope step) {
        if (!step.current().has(VISIBLE_TESTS)) {
            return OptionalDouble.empty();
        }
        double now = step.current().object(VISIBLE_TESTS).number(PASS_RATE);
        return OptionalDouble.of(now - previousRate(step.context(), step.previous()));
    }

    private static double previousRate(Evidence context, List<Evidence> previous) {
        for (int i = previous.size() - 1; i >= 0; i--) {
            if (previous.get(i).has(VISIBLE_TESTS)) {
                return previous.get(i).object(VISIBLE_TESTS).number(PASS_RATE);
            }
        }
        return context.number(BASELINE_PASS_RATE);
    }
}
