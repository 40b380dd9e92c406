package dev.stepgym.scenarios.report;

import java.util.List;

/**
 * What {@code stepgym eval code} found: per agent, the solve rate and means, and per task the
 * trajectory of diagnostics and reward over the steps. Written as JSON (snake_case) and as a
 * self-contained HTML page ({@link HtmlReport}).
 *
 * @param suite  where the tasks came from
 * @param agents one entry per agent, in the order they ran
 */
public record CodeEvalReport(String suite, List<AgentResult> agents) {

    /**
     * @param agent              the agent's name
     * @param tasks              tasks run
     * @param solved             tasks whose hidden and visible tests all passed at submit
     * @param solveRate          solved / tasks
     * @param meanSteps          mean steps per episode
     * @param meanStepRewardSum  mean over episodes of the summed step-kind rewards (Lanser, test delta)
     * @param meanReturn         mean episode return (all components)
     * @param meanSeconds        mean wall-clock seconds per episode
     * @param results            one per task
     */
    public record AgentResult(String agent, int tasks, int solved, double solveRate, double meanSteps,
                              double meanStepRewardSum, double meanReturn, double meanSeconds, List<TaskResult> results) {
    }

    /**
     * @param task          task id
     * @param solved        the outcome score was 1
     * @param score         the outcome score (0 when the episode did not submit)
     * @param steps         steps taken
     * @param stepRewardSum summed step-kind rewards
     * @param totalReturn   the episode return
     * @param seconds       wall-clock seconds
     * @param diagnostics   pyright errors in the target files at reset and after each step
     * @param rewards       the reward of each step
     * @param error         why the episode failed, or null
     */
    public record TaskResult(String task, boolean solved, double score, int steps, double stepRewardSum, double totalReturn,
                             double seconds, List<Integer> diagnostics, List<Double> rewards, String error) {
    }
}
