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
 */
public record ProgressEpisode(String episodeId, String task, List<Map<String, Object>> evidence, double outcome) {
    public ProgressEpisode {
        evidence = List.copyOf(evidence);
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
                t.steps().stream().map(TrajectoryRecord.StepLine::evidence).toList(), outcome);
    }

    /** Whether the trajectory's end line carries an outcome score. */
    public static boolean hasOutcome(Trajectory t) {
        return t.end() != null && t.end().outcome().get(OUTCOME_FIELD) != null;
    }
}
