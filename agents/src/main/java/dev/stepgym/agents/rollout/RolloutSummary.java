package dev.stepgym.agents.rollout;

import java.util.List;

/**
 * Aggregates of a rollout. Failed episodes count as episodes (and never as successes), so errors
 * lower the success rate instead of hiding.
 *
 * @param episodes    episodes run
 * @param errors      episodes that failed
 * @param meanReturn  mean of the episode returns
 * @param successRate share of episodes whose outcome {@code score} reached {@code threshold}
 * @param meanSteps   mean steps per episode
 * @param threshold   the score counted as success
 */
public record RolloutSummary(int episodes, int errors, double meanReturn, double successRate, double meanSteps, double threshold) {

    /** With the usual success threshold: a score of 1 (a perfect purchase, a correct answer). */
    public static RolloutSummary of(List<EpisodeReport> reports) {
        return of(reports, 1.0);
    }

    public static RolloutSummary of(List<EpisodeReport> reports, double threshold) {
        int n = reports.size();
        if (n == 0) {
            return new RolloutSummary(0, 0, 0, 0, 0, threshold);
        }
        double returns = 0;
        double steps = 0;
        int successes = 0;
        int errors = 0;
        for (EpisodeReport report : reports) {
            returns += report.totalReturn();
            steps += report.steps();
            if (!report.ok()) {
                errors++;
            } else if (report.score().isPresent() && report.score().getAsDouble() >= threshold - 1e-9) {
                successes++;
            }
        }
        return new RolloutSummary(n, errors, returns / n, (double) successes / n, steps / n, threshold);
    }
}
