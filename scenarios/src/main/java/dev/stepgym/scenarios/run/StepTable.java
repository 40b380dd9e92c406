package dev.stepgym.scenarios.run;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepResult;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints each episode as a table: step, action, reward components ({@code name=value×weight}),
 * step reward and running return. Episodes run concurrently, so each table is collected and printed
 * whole when its episode ends.
 */
public final class StepTable implements StepListener {
    private static final int ACTION_WIDTH = 44;
    private final PrintStream out;
    private final Map<Integer, Table> tables = new ConcurrentHashMap<>();

    public StepTable(PrintStream out) {
        this.out = out;
    }

    private static final class Table {
        final StringBuilder text = new StringBuilder();
        double runningReturn;
    }

    @Override
    public void onReset(int episodeIndex, EpisodeSpec spec, ResetResult reset) {
        Table table = new Table();
        Object instruction = reset.info().get("instruction");
        table.text.append(String.format(Locale.ROOT, "%n== episode %d  env=%s task=%s seed=%s  id=%s%n", episodeIndex,
                spec.env(), reset.info().getOrDefault("task", spec.task()), reset.info().getOrDefault("seed", spec.seed()),
                reset.episodeId()));
        if (instruction != null) {
            table.text.append("   instruction: ").append(instruction).append('\n');
        }
        table.text.append(String.format(Locale.ROOT, "   %-4s %-" + ACTION_WIDTH + "s %9s %9s  %s%n",
                "step", "action", "reward", "return", "components (value x weight)"));
        tables.put(episodeIndex, table);
    }

    @Override
    public void onStep(int episodeIndex, int step, Action action, StepResult result) {
        Table table = tables.get(episodeIndex);
        if (table == null) {
            return;
        }
        table.runningReturn += result.reward();
        StringBuilder components = new StringBuilder();
        for (RewardComponent c : result.rewards()) {
            components.append(String.format(Locale.ROOT, "%s=%.3fx%.2g ", c.name(), c.value(), c.weight()));
        }
        String flags = result.terminated() ? " [terminated]" : result.truncated() ? " [truncated]" : "";
        String error = result.observation().lastActionError() == null ? "" : "  ! " + result.observation().lastActionError();
        table.text.append(String.format(Locale.ROOT, "   %-4d %-" + ACTION_WIDTH + "s %9.4f %9.4f  %s%s%s%n", step,
                abbreviate(action.describe()), result.reward(), table.runningReturn, components.toString().trim(), flags, error));
    }

    @Override
    public void onEnd(int episodeIndex, EpisodeReport report) {
        Table table = tables.remove(episodeIndex);
        StringBuilder text = table == null ? new StringBuilder() : table.text;
        text.append(String.format(Locale.ROOT, "   return %.4f, %d steps, outcome %s%s%n", report.totalReturn(), report.steps(),
                report.outcome(), report.ok() ? "" : ", ERROR: " + report.error()));
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= ACTION_WIDTH ? oneLine : oneLine.substring(0, ACTION_WIDTH - 1) + "…";
    }
}
