package dev.stepgym.scenarios.run;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.envs.code.CodeEnvironmentProvider;
import dev.stepgym.envs.code.CodeStore;
import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.envs.code.task.CodeTaskLoader;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.report.CodeEvalRecorder;
import dev.stepgym.scenarios.report.CodeEvalReport;
import dev.stepgym.scenarios.report.HtmlReport;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.server.ScenarioConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stepgym eval code}: agents over a code-v1 task suite (the built-in one or a user's folder
 * in the task format), concurrently, through the public protocol on an embedded server; writes
 * {@code report.json} and a self-contained {@code report.html}.
 */
public final class CodeEvaluation {
    private CodeEvaluation() {
    }

    /**
     * @param agents      agents to compare, in order
     * @param tasksDir    a suite folder, or null for the built-in suite
     * @param reportDir   where report.json and report.html go
     * @param recordDir   where trajectories go
     * @param concurrency episodes at once
     * @param maxTasks    run only the first n tasks (sorted by id), or 0 for all
     */
    public record Settings(List<String> agents, Path tasksDir, Path reportDir, Path recordDir, int concurrency, int maxTasks) {
    }

    public static CodeEvalReport run(Settings settings, PrintStream out) {
        Path suite = settings.tasksDir() != null ? settings.tasksDir() : CodeStore.builtInSuite();
        List<String> ids = CodeTaskLoader.loadAll(suite).stream().map(CodeTask::id).toList();
        if (settings.maxTasks() > 0 && settings.maxTasks() < ids.size()) {
            ids = ids.subList(0, settings.maxTasks());
        }
        Scenario scenario = new Scenario("code-eval", "code-v1 tasks of " + suite, CodeEnvironmentProvider.ID, "test", ids,
                new Scenario.Seeds(0, ids.size()), settings.agents().get(0), Map.of(), true, Map.of(), null,
                CodeEnvironmentProvider.MAX_STEPS, Map.of("tasks_dir", suite.toString()), settings.concurrency());
        out.printf(Locale.ROOT, "stepgym eval code: %d tasks from %s, agents %s%n", ids.size(), suite, settings.agents());
        List<CodeEvalReport.AgentResult> results = new ArrayList<>();
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(scenario, settings.recordDir()),
                ScenarioConfig.registry(scenario))) {
            for (String agent : settings.agents()) {
                CodeEvalRecorder recorder = new CodeEvalRecorder();
                List<EpisodeReport> reports = ScenarioRunner.run(scenario.withAgent(agent), server, recorder);
                CodeEvalReport.AgentResult result = recorder.result(agent, reports);
                results.add(result);
                out.printf(Locale.ROOT, "%-14s solved %d/%d (%.1f%%), mean steps %.2f, mean step-reward sum %.3f, mean %.2f s%n",
                        agent, result.solved(), result.tasks(), 100 * result.solveRate(), result.meanSteps(),
                        result.meanStepRewardSum(), result.meanSeconds());
            }
        }
        CodeEvalReport report = new CodeEvalReport(suite.toString(), results);
        write(report, settings.reportDir());
        out.printf(Locale.ROOT, "report: %s and %s%n", settings.reportDir().resolve("report.json"),
                settings.reportDir().resolve("report.html"));
        return report;
    }

    static void write(CodeEvalReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), Json.write(report));
            Files.writeString(dir.resolve("report.html"), HtmlReport.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }
}
