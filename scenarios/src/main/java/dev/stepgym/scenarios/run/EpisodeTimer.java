package dev.stepgym.scenarios.run;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.ResetResult;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Wall-clock time of each episode of a rollout, from its reset to its end. Thread-safe. */
final class EpisodeTimer implements StepListener {
    private final ConcurrentMap<Integer, Long> starts = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Long> ends = new ConcurrentHashMap<>();

    @Override
    public void onReset(int episodeIndex, EpisodeSpec spec, ResetResult reset) {
        starts.put(episodeIndex, System.nanoTime());
    }

    @Override
    public void onEnd(int episodeIndex, EpisodeReport report) {
        ends.put(episodeIndex, System.nanoTime());
    }

    /** Seconds from reset to end, or 0 when the episode never reset or ended. */
    double seconds(int episodeIndex) {
        Long start = starts.get(episodeIndex);
        Long end = ends.get(episodeIndex);
        return start == null || end == null ? 0 : (end - start) / 1e9;
    }
}
