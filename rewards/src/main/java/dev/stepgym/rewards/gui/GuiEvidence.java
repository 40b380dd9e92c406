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
    /** Evidence: the action as carried out ({@code type}, and {@code text} or {@code option} when it has one), or null. */
    public static final String ACTION = "action";
    /**
     * Evidence: where the action landed, {@code [x, y]} in viewport pixels before it ran (a click's
     * point, or the centre of the element acted on), or null for actions without a point.
     */
    public static final String ACTION_POINT = "action_point";
    /**
     * Evidence: one entry per reference step, the box {@code [x1, y1, x2, y2]} of its target on the page
     * before the action, measured for the steps of the action's type; null where not measured or not visible.
     */
    public static final String REFERENCE_BOXES = "reference_boxes";
    /** Evidence, drag only: the centre of the element dropped onto, {@code [x, y]}, or null. */
    public static final String DROP_POINT = "drop_point";
    /** Evidence, drag only: per reference step, its drop target's box (drag steps), else null. */
    public static final String REFERENCE_DROP_BOXES = "reference_drop_boxes";
    /** Context: the task's reference trajectory, steps of {@code action}, {@code role}, {@code name}, {@code value}. */
    public static final String REFERENCE = "reference";
    /** Context: subgoals already satisfied on the task's first page. */
    public static final String SUBGOALS_DONE_AT_RESET = "subgoals_done_at_reset";
    public static final String SOURCE = "env:gui";

    private GuiEvidence() {
    }
}
