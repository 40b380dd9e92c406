package dev.stepgym.scenarios.report;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.StepResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Listens to a code-v1 rollout and keeps, per episode, the diagnostics count (from the info the
 * environment reports at reset and after each change; carried forward over steps that do not
 * change code), each step's reward, the summed step-kind rewards and the wall-clock time.
 * Thread-safe: episodes run concurrently.
 */
public final class CodeEvalRecorder implements StepListener {
    private final Map<Integer, Trace> traces = new HashMap<>();

    private static final class Trace {
        final String task;
        final long startNanos = System.nanoTime();
        long endNanos;
        final List<Integer> diagnostics = new ArrayList<>();
        final List<Double> rewards = new ArrayList<>();
        double stepRewardSum;

        Trace(String task) {
            this.task = task;
        }
    }

    @Override
    public synchronized void onReset(int episodeIndex, EpisodeSpec spec, ResetResult reset) {
        Trace trace = new Trace(spec.task());
        trace.diagnostics.add(reset.info().get("diagnostics") instanceof Number n ? n.intValue() : 0);
        traces.put(episodeIndex, trace);
    }

    @Override
    public synchronized void onStep(int episodeIndex, int step, Action action, StepResult result) {
        Trace trace = traces.get(episodeIndex);
        if (trace == null) {
            return;
        }
        int last = trace.diagnostics.get(trace.diagnostics.size() - 1);
        trace.diagnostics.add(result.info().get("diagnostics") instanceof Number n ? n.intValue() : last);
        trace.rewards.add(result.reward());
        for (RewardComponent c : result.rewards()) {
            if (c.kind() == RewardKind.STEP) {
                trace.stepRewardSum += c.weighted();
            }
        }
    }

    @Override
    public synchronized void onEnd(int episodeIndex, EpisodeReport report) {
        Trace trace = traces.get(episodeIndex);
        if (trace != null) {
            trace.endNanos = System.nanoTime();
        }
    }

    /** The agent's row and per-task results, from the rollout's reports and what this listener saw. */
    public synchronized CodeEvalReport.AgentResult result(String agent, List<EpisodeReport> reports) {
        List<CodeEvalReport.TaskResult> results = new ArrayList<>();
        int solved = 0;
        double steps = 0;
        double stepRewards = 0;
        double returns = 0;
        double seconds = 0;
        for (EpisodeReport report : reports) {
            Trace trace = traces.get(report.index());
            double score = report.score().orElse(0);
            boolean ok = report.ok() && score >= 1.0 - 1e-9;
            if (ok) {
                solved++;
            }
            double secs = trace == null || trace.endNanos == 0 ? 0 : (trace.endNanos - trace.startNanos) / 1e9;
            results.add(new CodeEvalReport.TaskResult(report.spec().task(), ok, score, report.steps(),
                    trace == null ? 0 : trace.stepRewardSum, report.totalReturn(), secs,
                    trace == null ? List.of() : List.copyOf(trace.diagnostics),
                    trace == null ? List.of() : List.copyOf(trace.rewards), report.error()));
            steps += report.steps();
            stepRewards += trace == null ? 0 : trace.stepRewardSum;
            returns += report.totalReturn();
            seconds += secs;
        }
        int n = Math.max(1, reports.size());
        return new CodeEvalReport.AgentResult(agent, reports.size(), solved, (double) solved / n, steps / n,
                stepRewards / n, returns / n, seconds / n, results);
    }
}
