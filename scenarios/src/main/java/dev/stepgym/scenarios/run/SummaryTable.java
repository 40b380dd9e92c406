package dev.stepgym.scenarios.run;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.RolloutSummary;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** One line per agent: episodes, success rate at a score threshold, mean score, return and steps. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static void header(PrintStream out, double threshold) {
        out.printf(Locale.ROOT, "%-14s %8s %8s %14s %10s %11s %10s%n", "agent", "episodes", "errors",
                String.format(Locale.ROOT, "score>=%.2f", threshold), "mean score", "mean return", "mean steps");
    }

    public static void row(PrintStream out, String agent, List<EpisodeReport> reports, double threshold) {
        RolloutSummary summary = RolloutSummary.of(reports, threshold);
        out.printf(Locale.ROOT, "%-14s %8d %8d %13.1f%% %10.4f %11.4f %10.2f%n", agent, summary.episodes(), summary.errors(),
                100 * summary.successRate(), meanScore(reports), summary.meanReturn(), summary.meanSteps());
    }

    /** Mean outcome score; episodes without a score (unfinished, failed) count as 0. */
    public static double meanScore(List<EpisodeReport> reports) {
        return reports.stream().mapToDouble(r -> r.score().orElse(0)).average().orElse(0);
    }
}
