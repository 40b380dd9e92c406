package dev.stepgym.rewards.progress;

import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryRecord;
import java.util.List;
import java.util.Map;

/**
 * One recorded episode as training data: its steps' evidence and its outcome R.
 *
 * @param episodeId the episode
 * @param task      its task (episodes of one task share a leave-one-out baseline)
 * @param evidence  each step's evidence, in order
 * @param outcome   {@code outcome.score}, or 0 for an episode that ended without one (never bought, timed out)
 * @param source    where the episode came from (which agent or run recorded it): a stratum of the
 *                  held-out split and a row of the held-out figures; "" when unknown
 * @param seed      the episode's reset seed (with the task, what orders a stratum before the split's
 *                  shuffle: unlike the episode id, it is the same when the same runs are recorded again)
 */
public record ProgressEpisode(String episodeId, String task, List<Map<String, Object>> evidence, double outcome, String source,
                              long seed) {
    public ProgressEpisode {
        evidence = List.copyOf(evidence);
        source = source == null ? "" : source;
        task = task == null ? "" : task;
    }

    /** An episode with seed 0. */
    public ProgressEpisode(String episodeId, String task, List<Map<String, Object>> evidence, double outcome, String source) {
        this(episodeId, task, evidence, outcome, source, 0L);
    }

    /** The outcome field read from a trajectory's end line. */
    public static final String OUTCOME_FIELD = "score";

    /**
     * The episode of a trajectory file, or null when it cannot train anything: no end line, no
     * steps, or closed before the episode finished (its outcome is unknown, not a failure).
     *
     * @throws ProgressModelException when the outcome field is there but not a finite number
     */
    public static ProgressEpisode of(Trajectory t) {
        return of(t, sourceOf(t));
    }

    /** The source a trajectory names itself: its header's scenario, or "" without one. */
    public static String sourceOf(Trajectory t) {
        return t.header().scenario() == null ? "" : t.header().scenario();
    }

    /** {@link #of(Trajectory)} with the source given (e.g. the folder the file was found in). */
    public static ProgressEpisode of(Trajectory t, String source) {
        if (t.end() == null || t.steps().isEmpty()) {
            return null;
        }
        TrajectoryRecord.StepLine last = t.steps().get(t.steps().size() - 1);
        Object score = t.end().outcome().get(OUTCOME_FIELD);
        double outcome;
        if (score == null) {
            if (!last.terminated() && !last.truncated()) {
                return null;
            }
            outcome = 0;
        } else if (score instanceof Number n && Double.isFinite(n.doubleValue())) {
            outcome = n.doubleValue();
        } else {
            throw new ProgressModelException("episode " + t.episodeId() + ": outcome." + OUTCOME_FIELD
                    + " must be a finite number, got " + score);
        }
        return new ProgressEpisode(t.episodeId(), t.header().task(),
                t.steps().stream().map(TrajectoryRecord.StepLine::evidence).toList(), outcome, source, t.header().seed());
    }

    /** Whether the trajectory's end line carries an outcome score. */
    public static boolean hasOutcome(Trajectory t) {
        return t.end() != null && t.end().outcome().get(OUTCOME_FIELD) != null;
    }
}
