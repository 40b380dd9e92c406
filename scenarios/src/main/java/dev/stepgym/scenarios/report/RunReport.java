package dev.stepgym.scenarios.report;

import java.util.List;
import java.util.Map;

/**
 * What {@code stepgym run} and {@code stepgym eval} saw: per agent, every episode with its steps
 * and their reward components. Rendered by {@link RunReportHtml}; written as JSON next to it.
 *
 * @param command   the command that made it ({@code run} or {@code eval})
 * @param scenario  the scenario's name
 * @param env       the environment id
 * @param threshold the outcome score counted as success
 * @param agents    one entry per agent, in the order they ran
 */
public record RunReport(String command, String scenario, String env, double threshold, List<AgentRun> agents) {
    public RunReport {
        agents = List.copyOf(agents);
    }

    /**
     * One agent's episodes, in the scenario's order.
     *
     * @param agent    the agent's name as given on the command line
     * @param episodes its episodes
     */
    public record AgentRun(String agent, List<Episode> episodes) {
        public AgentRun {
            episodes = List.copyOf(episodes);
        }

        /** Episodes that ran without error and whose score reached the threshold. */
        public long successes() {
            return episodes.stream().filter(Episode::success).count();
        }

        public long errors() {
            return episodes.stream().filter(e -> e.error() != null).count();
        }

        public double meanReturn() {
            return episodes.stream().mapToDouble(Episode::totalReturn).average().orElse(0);
        }

        public double meanSteps() {
            return episodes.stream().mapToInt(Episode::steps).average().orElse(0);
        }

        /** Mean outcome score; an episode without a score counts as 0, as in the terminal summary. */
        public double meanScore() {
            return episodes.stream().mapToDouble(e -> e.score() == null ? 0 : e.score()).average().orElse(0);
        }
    }

    /**
     * One episode.
     *
     * @param index       its position in the scenario
     * @param task        the task id (from the reset info when the seed picked it)
     * @param seed        the seed, or null
     * @param episodeId   the server's id, or null when the reset failed
     * @param steps       steps taken
     * @param totalReturn sum of the step rewards
     * @param outcome     the outcome the server reported on close
     * @param score       the outcome's score, or null
     * @param success     no error and a score at or above the threshold
     * @param terminated  it reached an end state
     * @param truncated   a step limit cut it short
     * @param error       why it failed, or null
     * @param stepList    its steps in order
     */
    public record Episode(int index, String task, Long seed, String episodeId, int steps, double totalReturn,
                          Map<String, Object> outcome, Double score, boolean success, boolean terminated, boolean truncated,
                          String error, List<Step> stepList) {
        public Episode {
            outcome = outcome == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcome));
            stepList = List.copyOf(stepList);
        }
    }

    /**
     * One step.
     *
     * @param step        the server's step counter (1 for the first)
     * @param action      the action as text (abbreviated when very long)
     * @param reward      the step reward
     * @param components  per component name, its weighted value (they add up to {@code reward})
     * @param actionError the observation's {@code last_action_error}, or null
     */
    public record Step(int step, String action, double reward, Map<String, Double> components, String actionError) {
        public Step {
            components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
        }
    }
}
