package dev.stepgym.scenarios.run;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.scenarios.report.RunReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one agent's episodes for a {@link RunReport} as the rollout runs: the reset gives the
 * task, each step its action and weighted reward components, the end the outcome. Everything the
 * report needs arrives through the listener, so no trajectory file is read back. Thread-safe: the
 * rollout runner calls it from several workers.
 */
public final class RunReportCollector implements StepListener {
    /** Longer actions (a whole file written by a code agent) are cut to this many characters. */
    static final int ACTION_CHARS = 300;

    private final String agent;
    private final double threshold;
    private final Map<Integer, Open> open = new LinkedHashMap<>();
    private final List<RunReport.Episode> finished = new ArrayList<>();

    /** @param threshold the outcome score counted as success */
    public RunReportCollector(String agent, double threshold) {
        this.agent = agent;
        this.threshold = threshold;
    }

    private static final class Open {
        String task;
        final List<RunReport.Step> steps = new ArrayList<>();
    }

    @Override
    public synchronized void onReset(int episodeIndex, EpisodeSpec spec, ResetResult reset) {
        Open episode = new Open();
        Object task = reset.info().get("task");
        episode.task = task != null ? task.toString() : spec.task();
        open.put(episodeIndex, episode);
    }

    @Override
    public synchronized void onStep(int episodeIndex, int step, Action action, StepResult result) {
        Open episode = open.get(episodeIndex);
        if (episode == null) {
            return;
        }
        Map<String, Double> components = new LinkedHashMap<>();
        for (RewardComponent c : result.rewards()) {
            components.merge(c.name(), c.weighted(), Double::sum);
        }
        episode.steps.add(new RunReport.Step(step, abbreviate(action.describe()), result.reward(), components,
                result.observation().lastActionError()));
    }

    @Override
    public synchronized void onEnd(int episodeIndex, EpisodeReport report) {
        Open episode = open.remove(episodeIndex);
        String task = episode != null ? episode.task : report.spec().task();
        List<RunReport.Step> steps = episode != null ? episode.steps : List.of();
        Double score = report.score().isPresent() ? report.score().getAsDouble() : null;
        boolean success = report.ok() && score != null && score >= threshold - 1e-9;
        finished.add(new RunReport.Episode(report.index(), task, report.spec().seed(), report.episodeId(), report.steps(),
                report.totalReturn(), report.outcome(), score, success, report.terminated(), report.truncated(), report.error(),
                steps));
    }

    /** The agent's episodes so far, in the scenario's order. */
    public synchronized RunReport.AgentRun result() {
        List<RunReport.Episode> sorted = new ArrayList<>(finished);
        sorted.sort(Comparator.comparingInt(RunReport.Episode::index));
        return new RunReport.AgentRun(agent, sorted);
    }

    private static String abbreviate(String text) {
        return text.length() <= ACTION_CHARS ? text : text.substring(0, ACTION_CHARS - 1) + "…";
    }
}
