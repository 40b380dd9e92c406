package dev.stepgym.rewards.gui;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.OptionalDouble;

/**
 * {@code task_success}: the outcome, 1 on the step where the task's validate() reports success and 0
 * on the step where it reports failure (evidence {@code success}, {@code failed}); no component on
 * other steps.
 */
public final class TaskSuccessSignal extends DeclaredSignal {
    public static final String NAME = "task_success";

    public TaskSuccessSignal() {
        super(NAME, RewardKind.OUTCOME, GuiEvidence.SOURCE, 1.0);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> {
            if (step.current().flag(GuiEvidence.SUCCESS)) {
                return OptionalDouble.of(1.0);
            }
            return step.current().flag(GuiEvidence.FAILED) ? OptionalDouble.of(0.0) : OptionalDouble.empty();
        });
    }
}
