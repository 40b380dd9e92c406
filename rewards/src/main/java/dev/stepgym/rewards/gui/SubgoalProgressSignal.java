package dev.stepgym.rewards.gui;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code subgoal_progress}: the change in the fraction of the task's subgoals satisfied,
 * (done_t − done_{t−1}) / total, on every step, from the task's validate() (gui-v1's evidence
 * {@code subgoals_done}, {@code subgoals_total}). Before the first step it counts the subgoals the
 * first page already satisfied (context {@code subgoals_done_at_reset}), so the sum over an episode
 * is the fraction gained. Undoing a subgoal gives a negative value.
 */
public final class SubgoalProgressSignal extends DeclaredSignal {
    public static final String NAME = "subgoal_progress";

    public SubgoalProgressSignal() {
        super(NAME, RewardKind.SHAPING, GuiEvidence.SOURCE, 0.5);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> {
            Evidence now = step.current();
            long total = now.integer(GuiEvidence.SUBGOALS_TOTAL);
            if (total <= 0) {
                return OptionalDouble.of(0.0);
            }
            List<Evidence> previous = step.previous();
            long before = previous.isEmpty()
                    ? (step.context().has(GuiEvidence.SUBGOALS_DONE_AT_RESET) ? step.context().integer(GuiEvidence.SUBGOALS_DONE_AT_RESET) : 0)
                    : previous.get(previous.size() - 1).integer(GuiEvidence.SUBGOALS_DONE);
            return OptionalDouble.of((now.integer(GuiEvidence.SUBGOALS_DONE) - before) / (double) total);
        });
    }
}
