package dev.stepgym.scenarios.bench;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.envs.code.CodeEnvironment;
import dev.stepgym.envs.code.CodeEnvironmentFactory;
import dev.stepgym.envs.code.CodeEnvironmentProvider;
import dev.stepgym.envs.code.CodeStore;
import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.envs.code.task.CodeTaskLoader;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.sandbox.git.GitWorkspace;
import dev.stepgym.sandbox.lsp.LanguageServerSession;
import dev.stepgym.sandbox.lsp.SymbolEntry;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.server.ScenarioConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stepgym bench code}, side by side in one run on the built-in suite:
 * <ul>
 *   <li>reset p50/p99 through a warm language server (Git reset + clean + document resync) against
 *       a cold start (fresh clone + a new pyright);</li>
 *   <li>the overhead of an environment step over the raw pyright round trip for the same request
 *       ({@code definition} at the same position, interleaved; target ≤ 15%);</li>
 *   <li>episodes per second of the oracle over the whole suite through the protocol.</li>
 * </ul>
 */
public final class CodeBench {
    static final String TASK = "inventory-low-stock-boundary";
    static final String FILE = "inventory/store.py";

    private CodeBench() {
    }

    /**
     * @param coldResets  cold resets measured (each starts a new pyright)
     * @param warmResets  warm resets measured
     * @param requests    definition requests per side
     * @param concurrency oracle episodes at once
     */
    public record Settings(int coldResets, int warmResets, int requests, int concurrency) {
    }

    public static void run(Settings settings, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "code bench (%d cores), task %s%n", Runtime.getRuntime().availableProcessors(), TASK);
        LatencyStats cold = new LatencyStats();
        for (int i = 0; i < settings.coldResets(); i++) {
            try (CodeEnvironmentFactory factory = new CodeEnvironmentProvider().open(Map.of("max_servers", "1"));
                 CodeEnvironment env = factory.newEpisode()) {
                long start = System.nanoTime();
                env.reset(new ResetRequest(0, TASK, Map.of(), false));
                cold.add(System.nanoTime() - start);
            }
        }
        LatencyStats warm = new LatencyStats();
        LatencyStats envStep = new LatencyStats();
        LatencyStats rawStep = new LatencyStats();
        try (CodeEnvironmentFactory factory = new CodeEnvironmentProvider().open(Map.of("max_servers", "2"))) {
            for (int i = 0; i < settings.warmResets() + 3; i++) {
                try (CodeEnvironment env = factory.newEpisode()) {
                    long start = System.nanoTime();
                    env.reset(new ResetRequest(0, TASK, Map.of(), false));
                    if (i >= 3) { // the first few pay for the clone and the server start
                        warm.add(System.nanoTime() - start);
                    }
                }
            }
            stepOverhead(factory, settings.requests(), envStep, rawStep);
        }
        out.printf(Locale.ROOT, "%n| measured | samples | p50 ms | p99 ms |%n|---|---:|---:|---:|%n");
        row(out, "reset, cold (clone + new pyright + first diagnostics)", cold);
        row(out, "reset, warm (git reset + clean + resync, warm pyright)", warm);
        row(out, "raw pyright definition round trip (LSP4J)", rawStep);
        row(out, "env step definition (same request)", envStep);
        double overhead = envStep.percentileMillis(50) / rawStep.percentileMillis(50) - 1;
        out.printf(Locale.ROOT, "%nwarm/cold reset p50: %.3f%n", warm.percentileMillis(50) / cold.percentileMillis(50));
        out.printf(Locale.ROOT, "step overhead over the raw round trip (p50): %+.1f%% (target <= 15%%: %s)%n", 100 * overhead,
                overhead <= 0.15 ? "met" : "NOT met");
        oracle(settings.concurrency(), out);
    }

    /**
     * The same definition request, interleaved: through an episode's step, and straight to a
     * second warm pyright on a second workspace of the same task.
     */
    private static void stepOverhead(CodeEnvironmentFactory factory, int requests, LatencyStats envStep, LatencyStats rawStep) {
        CodeTask task = factory.store().task(TASK).orElseThrow();
        Path dir;
        try {
            dir = Files.createTempDirectory("stepgym-bench-code-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (CodeEnvironment env = factory.newEpisode();
             GitWorkspace workspace = GitWorkspace.create(task.repo(), dir.resolve("raw"));
             LanguageServerSession raw = LanguageServerSession.start(workspace.root())) {
            env.reset(new ResetRequest(0, TASK, Map.of(), false));
            raw.open(FILE, Files.readString(workspace.root().resolve(FILE)));
            raw.diagnostics(FILE);
            SymbolEntry symbol = raw.documentSymbols(FILE).stream()
                    .filter(s -> s.qualifiedName().equals("Inventory.low_stock")).findFirst().orElseThrow();
            int line = symbol.selection().line();
            int col = symbol.selection().col();
            Action action = Action.tool("definition", Map.of("path", FILE, "line", line + 1, "column", col + 1));
            for (int i = 0; i < requests + 20; i++) {
                long a = System.nanoTime();
                env.step(action);
                long b = System.nanoTime();
                raw.definition(FILE, line, col);
                long c = System.nanoTime();
                if (i >= 20) {
                    envStep.add(b - a);
                    rawStep.add(c - b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void oracle(int concurrency, PrintStream out) {
        Path suite = CodeStore.builtInSuite();
        List<String> ids = CodeTaskLoader.loadAll(suite).stream().map(CodeTask::id).toList();
        Scenario scenario = new Scenario("code-bench", "oracle over the built-in suite", CodeEnvironmentProvider.ID, "test", ids,
                new Scenario.Seeds(0, ids.size()), "oracle-code", Map.of(), true, Map.of(), null, CodeEnvironmentProvider.MAX_STEPS,
                Map.of("tasks_dir", suite.toString()), concurrency);
        Path records;
        try {
            records = Files.createTempDirectory("stepgym-bench-records-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(scenario, records), ScenarioConfig.registry(scenario))) {
            long start = System.nanoTime();
            List<EpisodeReport> reports = ScenarioRunner.run(scenario, server, StepListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            long solved = reports.stream().filter(r -> r.score().orElse(0) >= 1.0 - 1e-9).count();
            out.printf(Locale.ROOT, "oracle over the suite: %d episodes (%d solved) in %.1f s, %.2f episodes/s at concurrency %d%n",
                    reports.size(), solved, seconds, reports.size() / seconds, concurrency);
        }
    }

    private static void row(PrintStream out, String what, LatencyStats stats) {
        out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", what, stats.count(), stats.percentileMillis(50), stats.percentileMillis(99));
    }
}
