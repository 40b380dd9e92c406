package dev.stepgym.scenarios.run;

import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepResult;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per reward component, over every step of a rollout: how often it appeared, its mean raw value
 * and how often it was positive, overall and on the steps that retrieved a gold document (steps
 * whose info carries {@code gold_retrieved > 0}, as searchqa's do). This is how one sees that an
 * information-gain signal rewards the steps it should: positive where gold evidence arrived, near
 * zero elsewhere. Thread-safe: the rollout runner calls it from several workers.
 */
public final class ComponentStats implements StepListener {
    /** The info key that marks a step which retrieved at least one gold document. */
    public static final String GOLD_KEY = "gold_retrieved";

    private final Map<String, Tally> all = new TreeMap<>();
    private final Map<String, Tally> gold = new TreeMap<>();
    private int steps;
    private int goldSteps;

    /** Count, sum and positives of one component's values. */
    public record Tally(int count, double sum, int positive) {
        Tally add(double value) {
            return new Tally(count + 1, sum + value, positive + (value > 1e-12 ? 1 : 0));
        }

        public double mean() {
            return count == 0 ? 0 : sum / count;
        }
    }

    @Override
    public synchronized void onStep(int episodeIndex, int step, Action action, StepResult result) {
        steps++;
        boolean goldStep = result.info().get(GOLD_KEY) instanceof Number n && n.intValue() > 0;
        if (goldStep) {
            goldSteps++;
        }
        for (RewardComponent c : result.rewards()) {
            all.merge(c.name(), new Tally(0, 0, 0).add(c.value()), ComponentStats::merge);
            if (goldStep) {
                gold.merge(c.name(), new Tally(0, 0, 0).add(c.value()), ComponentStats::merge);
            }
        }
    }

    private static Tally merge(Tally a, Tally b) {
        return new Tally(a.count + b.count, a.sum + b.sum, a.positive + b.positive);
    }

    public synchronized Tally overall(String component) {
        return all.getOrDefault(component, new Tally(0, 0, 0));
    }

    public synchronized Tally onGoldSteps(String component) {
        return gold.getOrDefault(component, new Tally(0, 0, 0));
    }

    public synchronized int steps() {
        return steps;
    }

    public synchronized int goldSteps() {
        return goldSteps;
    }

    /** One line per component: raw values (not weighted), overall and on gold-retrieving steps. */
    public synchronized void print(PrintStream out, String agent) {
        out.printf(Locale.ROOT, "%n%s: %d steps, %d retrieved a gold document%n", agent, steps, goldSteps);
        out.printf(Locale.ROOT, "  %-20s %7s %10s %9s | %10s %10s %9s%n", "component", "steps", "mean", "positive",
                "gold steps", "mean", "positive");
        for (Map.Entry<String, Tally> e : all.entrySet()) {
            Tally t = e.getValue();
            Tally g = gold.getOrDefault(e.getKey(), new Tally(0, 0, 0));
            out.printf(Locale.ROOT, "  %-20s %7d %10.4f %8.1f%% | %10d %10.4f %8.1f%%%n", e.getKey(), t.count, t.mean(),
                    percent(t), g.count, g.mean(), percent(g));
        }
    }

    private static double percent(Tally t) {
        return t.count == 0 ? 0 : 100.0 * t.positive / t.count;
    }
}
