package dev.stepgym.scenarios.report;

import dev.stepgym.protocol.RewardComponent;

import java.util.List;

/**
 * What {@code stepgym eval code} found, for every evaluated agent side by side: a JVM agent run by
 * name, an external agent process, or a folder of recorded trajectories. Per agent the pass rate
 * with its 95% Wilson score interval and the mean process reward; per task the outcome, and per
 * step the reward components as recorded (the language-server ones: {@code diagnostic_delta},
 * {@code safety}, {@code ambiguity_penalty}, {@code test_pass_delta}; the penalties and the
 * outcome). Written as JSON (snake_case) and as a self-contained HTML page ({@link HtmlReport}).
 *
 * @param suite  where the tasks came from
 * @param agents one entry per agent, in the order they ran
 */
public record CodeEvalReport(String suite, List<AgentResult> agents) {
    public CodeEvalReport {
        agents = List.copyOf(agents);
    }

    /** Where an agent's episodes came from. */
    public enum Source {
        /** an agent built into the JVM, by name ({@code oracle-code}, {@code random}, {@code openai:MODEL}) */
        AGENT,
        /** an external process given with {@code --agent-cmd}, driving the episode over HTTP */
        COMMAND,
        /** recorded trajectories read from a folder ({@code --trajectories}) */
        TRAJECTORIES;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param agent             the agent's name (a command line or a folder for the other sources)
     * @param source            where its episodes came from
     * @param records           the folder holding its trajectories (for {@code --trajectories} later)
     * @param tasks             episodes reported
     * @param solved            episodes whose visible and hidden tests all passed at submit
     * @param passRate          solved / tasks: the pass rate on the hidden tests
     * @param passRateCi95      the 95% Wilson score interval of {@code passRate}
     * @param meanHiddenPassRate mean over episodes of the hidden tests' pass rate at submit (0 without a submit)
     * @param meanProcessReward mean over all the agent's steps of the step's summed step-kind components
     *                          (weighted: {@code diagnostic_delta}, {@code safety}, {@code test_pass_delta})
     * @param meanSteps         mean steps per episode
     * @param meanStepRewardSum mean over episodes of the summed step-kind rewards
     * @param meanReturn        mean episode return (all components)
     * @param meanSeconds       mean seconds per episode (wall clock; for recorded trajectories the
     *                          environment's recorded time)
     * @param results           one per episode, by task
     */
    public record AgentResult(String agent, Source source, String records, int tasks, int solved, double passRate, Interval passRateCi95,
                              double meanHiddenPassRate, double meanProcessReward, double meanSteps,
                              double meanStepRewardSum, double meanReturn, double meanSeconds, List<TaskResult> results) {
        public AgentResult {
            results = List.copyOf(results);
        }
    }

    /**
     * A confidence interval of a proportion.
     *
     * @param low    lower bound
     * @param high   upper bound
     * @param method how it was computed ({@code wilson})
     */
    public record Interval(double low, double high, String method) {
    }

    /**
     * @param task           task id
     * @param episodeId      the episode's id (its trajectory file is {@code <episode_id>.jsonl})
     * @param submitted      the agent submitted (the hidden tests ran)
     * @param solved         submitted, and visible and hidden tests all passed (outcome score 1)
     * @param score          the outcome score (0 when the episode did not submit)
     * @param hiddenPassRate the hidden tests' pass rate at submit (0 without a submit)
     * @param steps          steps taken
     * @param processReward  mean over the steps of the summed step-kind components (0 without steps)
     * @param stepRewardSum  summed step-kind rewards
     * @param totalReturn    the episode return
     * @param seconds        wall-clock seconds (recorded trajectories: the environment's recorded time)
     * @param diagnostics    pyright errors in the target files at reset and after each step
     * @param rewards        the reward of each step
     * @param stepDetails    per step: the action and every reward component as recorded
     * @param log            for an external agent, its output log relative to the report folder, else null
     * @param error          why the episode failed or was cut short, or null
     */
    public record TaskResult(String task, String episodeId, boolean submitted, boolean solved, double score,
                             double hiddenPassRate, int steps, double processReward, double stepRewardSum,
                             double totalReturn, double seconds, List<Integer> diagnostics, List<Double> rewards,
                             List<StepDetail> stepDetails, String log, String error) {
        public TaskResult {
            diagnostics = List.copyOf(diagnostics);
            rewards = List.copyOf(rewards);
            stepDetails = List.copyOf(stepDetails);
        }

        /** A failed episode with nothing recorded (the reset failed, the trajectory could not be read). */
        public static TaskResult failed(String task, String episodeId, double seconds, String log, String error) {
            return new TaskResult(task, episodeId, false, false, 0, 0, 0, 0, 0, 0, seconds, List.of(), List.of(),
                    List.of(), log, error);
        }
    }

    /**
     * One step as recorded.
     *
     * @param step        the server's step counter (1 for the first)
     * @param action      the action, shortened for reading
     * @param reward      the step's reward (weighted sum of {@code components})
     * @param diagnostics pyright errors in the target files after the step
     * @param actionError what the environment refused, or null
     * @param components  every reward component of the step (name, value, weight, source, kind)
     */
    public record StepDetail(int step, String action, double reward, int diagnostics, String actionError,
                             List<RewardComponent> components) {
        public StepDetail {
            components = List.copyOf(components);
        }
    }
}
