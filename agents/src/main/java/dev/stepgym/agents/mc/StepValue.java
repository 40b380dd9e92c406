package dev.stepgym.agents.mc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step's Monte Carlo values: V before the action, V after it, and the progress the action made.
 *
 * @param episodeId the recorded (or live) episode
 * @param step      1-based step number, as in the trajectory file
 * @param action    the action's text
 * @param before    V(s_{t-1}), the state the action was taken in
 * @param after     V(s_t), the state it led to
 */
public record StepValue(String episodeId, int step, String action, ValueEstimate before, ValueEstimate after) {

    /** V(s after) − V(s before): the advantage of the step under the rollout agent (PAV's A^μ). */
    public double progress() {
        return after.mean() - before.mean();
    }

    /** The progress's standard error: the two estimates use independent rollouts. */
    public double progressStderr() {
        return Math.sqrt(before.stderr() * before.stderr() + after.stderr() * after.stderr());
    }

    /** The JSONL row {@code stepgym rewards mc-values} writes. */
    public Map<String, Object> toJson(int k) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("episode", episodeId);
        row.put("step", step);
        row.put("action", action);
        row.put("v_before", before.mean());
        row.put("v_after", after.mean());
        row.put("progress", progress());
        row.put("k", k);
        row.put("stderr", progressStderr());
        row.put("v_before_stderr", before.stderr());
        row.put("v_after_stderr", after.stderr());
        row.put("after_terminal", after.terminal());
        return row;
    }
}
