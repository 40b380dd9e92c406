package dev.stepgym.scenarios.report;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns code-v1 trajectories into report rows. Every source (a JVM agent, an external process,
 * a folder of recordings) is reported from the episode's trajectory as the server recorded it,
 * so a recorded run read back gives the same numbers as the live one.
 *
 * <p>Diagnostics come from the reset's context and each step's info (carried forward over steps
 * that do not report them); the process reward of a step is the weighted sum of its step-kind
 * components; the outcome (submitted, score) comes from the end line, else from the last step.
 */
public final class CodeEvalRecorder {
    /** Actions are shortened to this many characters in the report. */
    static final int ACTION_CHARS = 120;

    private CodeEvalRecorder() {
    }

    /**
     * The row of one recorded episode.
     *
     * @param seconds wall-clock seconds, or a negative number to use the recorded environment time
     * @param log     the external agent's log relative to the report folder, or null
     * @param error   why the episode failed or was cut short, or null
     */
    public static CodeEvalReport.TaskResult task(Trajectory trajectory, double seconds, String log, String error) {
        TrajectoryRecord.Header header = trajectory.header();
        List<Integer> diagnostics = new ArrayList<>();
        int last = header.context().get("diagnostics") instanceof Number n ? n.intValue() : 0;
        diagnostics.add(last);
        List<Double> rewards = new ArrayList<>();
        List<CodeEvalReport.StepDetail> details = new ArrayList<>();
        double stepRewardSum = 0;
        double totalReturn = 0;
        long elapsedMs = 0;
        boolean submitted = false;
        double score = 0;
        double hiddenPassRate = 0;
        for (TrajectoryRecord.StepLine step : trajectory.steps()) {
            last = step.info().get("diagnostics") instanceof Number n ? n.intValue() : last;
            diagnostics.add(last);
            rewards.add(step.reward());
            totalReturn += step.reward();
            elapsedMs += step.elapsedMs();
            stepRewardSum += processReward(step.rewards());
            details.add(new CodeEvalReport.StepDetail(step.step(), shorten(step.action().describe()), step.reward(), last,
                    step.observation().lastActionError(), step.rewards()));
            if (Boolean.TRUE.equals(step.evidence().get("submitted")) || step.info().containsKey("hidden_pass_rate")) {
                submitted = true;
                score = number(step.info().get("score"));
                hiddenPassRate = number(step.info().get("hidden_pass_rate"));
            }
        }
        if (trajectory.end() != null) {
            Map<String, Object> outcome = trajectory.end().outcome();
            if (outcome.get("score") instanceof Number n) {
                submitted = true;
                score = n.doubleValue();
            }
        }
        int steps = trajectory.steps().size();
        boolean solved = submitted && score >= 1.0 - 1e-9;
        double secs = seconds >= 0 ? seconds : elapsedMs / 1000.0;
        return new CodeEvalReport.TaskResult(header.task(), trajectory.episodeId(), submitted, solved, score, hiddenPassRate,
                steps, steps == 0 ? 0 : stepRewardSum / steps, stepRewardSum, totalReturn, secs, diagnostics, rewards,
                details, log, error);
    }

    /** The agent's row: pass rate with its Wilson interval, the mean process reward and the means. */
    public static CodeEvalReport.AgentResult agent(String name, CodeEvalReport.Source source, String records,
                                                   List<CodeEvalReport.TaskResult> results) {
        int solved = 0;
        int allSteps = 0;
        double steps = 0;
        double stepRewards = 0;
        double returns = 0;
        double seconds = 0;
        double hidden = 0;
        for (CodeEvalReport.TaskResult t : results) {
            solved += t.solved() ? 1 : 0;
            allSteps += t.steps();
            steps += t.steps();
            stepRewards += t.stepRewardSum();
            returns += t.totalReturn();
            seconds += t.seconds();
            hidden += t.hiddenPassRate();
        }
        int n = Math.max(1, results.size());
        return new CodeEvalReport.AgentResult(name, source, records, results.size(), solved, (double) solved / n,
                WilsonScore.interval95(solved, results.size()), hidden / n, allSteps == 0 ? 0 : stepRewards / allSteps,
                steps / n, stepRewards / n, returns / n, seconds / n, results);
    }

    /** The process reward of one step: its step-kind components, weighted. */
    static double processReward(List<RewardComponent> components) {
        double sum = 0;
        for (RewardComponent c : components) {
            if (c.kind() == RewardKind.STEP) {
                sum += c.weighted();
            }
        }
        return sum;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static String shorten(String action) {
        String flat = action.replace('\n', ' ');
        return flat.length() <= ACTION_CHARS ? flat : flat.substring(0, ACTION_CHARS - 1) + "…";
    }
}
