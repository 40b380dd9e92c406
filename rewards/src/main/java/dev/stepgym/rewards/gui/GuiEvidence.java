package dev.stepgym.rewards.gui;

/** The evidence and context fields gui-v1 reports and its signals read. */
public final class GuiEvidence {
    /** Evidence: subgoals of the task satisfied after the step. */
    public static final String SUBGOALS_DONE = "subgoals_done";
    /** Evidence: the task's number of subgoals. */
    public static final String SUBGOALS_TOTAL = "subgoals_total";
    /** Evidence: every subgoal is satisfied and the task did not fail. */
    public static final String SUCCESS = "success";
    /** Evidence: the task failed (e.g. the wrong button), which ends the episode. */
    public static final String FAILED = "failed";
    /** Context: subgoals already satisfied on the task's first page. */
    public static final String SUBGOALS_DONE_AT_RESET = "subgoals_done_at_reset";
    public static final String SOURCE = "env:gui";

    private GuiEvidence() {
    }
}
