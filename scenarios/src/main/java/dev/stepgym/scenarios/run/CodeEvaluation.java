package dev.stepgym.scenarios.run;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.Agents;
import dev.stepgym.agents.client.StepGymSocket;
import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.RolloutOptions;
import dev.stepgym.agents.rollout.RolloutRunner;
import dev.stepgym.envs.code.CodeEnvironmentProvider;
import dev.stepgym.envs.code.CodeStore;
import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.envs.code.task.CodeTaskLoader;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code stepgym eval code}: agents over a code-v1 task suite (the built-in one or a user's folder
 * in the task format), side by side in one report ({@code report.json} and a self-contained
 * {@code report.html}). Three kinds of agent:
 * <ul>
 *   <li>JVM agents by name, run concurrently through the WebSocket protocol;</li>
 *   <li>external processes ({@link ExternalAgentRunner}), one per task, driving the episode over HTTP;</li>
 *   <li>folders of recorded trajectories ({@link RecordedTrajectories}), read back, nothing run.</li>
 * </ul>
 * Live agents each get their own embedded server on 127.0.0.1 recording under
 * {@code recordDir/<agent>/}, so every agent's trajectories can be evaluated again with
 * {@code --trajectories}. Every result is computed from the recorded trajectories
 * ({@link CodeEvalRecorder}), whatever the source.
 */
public final class CodeEvaluation {
    /** The default per-task limit of an external agent. */
    public static final Duration DEFAULT_AGENT_TIMEOUT = Duration.ofMinutes(10);

    private CodeEvaluation() {
    }

    /**
     * @param agents        JVM agents to compare, by name, in order
     * @param agentCommands external agent command lines (split into words, never run by a shell)
     * @param trajectories  folders of recorded code-v1 trajectories, one agent each
     * @param tasksDir      a suite folder, or null for the built-in suite
     * @param reportDir     where report.json, report.html and the external agents' logs go
     * @param recordDir     where trajectories go (one sub-folder per live agent)
     * @param concurrency   episodes at once
     * @param maxTasks      run only the first n tasks (sorted by id), or 0 for all
     * @param agentTimeout  wall-clock limit of an external agent per task
     * @param agentOptions  options given to the JVM agents (e.g. the LLM agent's endpoint and model settings)
     */
    public record Settings(List<String> agents, List<String> agentCommands, List<Path> trajectories, Path tasksDir,
                           Path reportDir, Path recordDir, int concurrency, int maxTasks, Duration agentTimeout,
                           Map<String, Object> agentOptions) {
        public Settings {
            agents = agents == null ? List.of() : List.copyOf(agents);
            agentCommands = agentCommands == null ? List.of() : List.copyOf(agentCommands);
            trajectories = trajectories == null ? List.of() : List.copyOf(trajectories);
            agentTimeout = agentTimeout == null ? DEFAULT_AGENT_TIMEOUT : agentTimeout;
            agentOptions = agentOptions == null ? Map.of() : Map.copyOf(agentOptions);
            if (agentTimeout.isNegative() || agentTimeout.isZero()) {
                throw new IllegalArgumentException("the agent time limit must be positive, got " + agentTimeout);
            }
            if (agents.isEmpty() && agentCommands.isEmpty() && trajectories.isEmpty()) {
                throw new IllegalArgumentException("nothing to evaluate: give --agent, --agent-cmd or --trajectories");
            }
        }

        /** JVM agents only, as before external agents and recordings existed. */
        public Settings(List<String> agents, Path tasksDir, Path reportDir, Path recordDir, int concurrency, int maxTasks) {
            this(agents, List.of(), List.of(), tasksDir, reportDir, recordDir, concurrency, maxTasks, null, Map.of());
        }
    }

    public static CodeEvalReport run(Settings settings, PrintStream out) {
        return run(settings, out, ProgressBar.Mode.OFF);
    }

    /** As {@link #run(Settings, PrintStream)}, with a progress bar on standard error drawn as {@code progress} says. */
    public static CodeEvalReport run(Settings settings, PrintStream out, ProgressBar.Mode progress) {
        // Checked before anything starts, so a typo costs no server start.
        settings.agentCommands().forEach(ShellWords::split);
        settings.trajectories().forEach(RecordedTrajectories::requireFolder);
        boolean live = !settings.agents().isEmpty() || !settings.agentCommands().isEmpty();
        Path suite = settings.tasksDir() != null ? settings.tasksDir() : live ? CodeStore.builtInSuite() : null;
        List<String> ids = List.of();
        if (live) {
            ids = CodeTaskLoader.loadAll(suite).stream().map(CodeTask::id).toList();
            if (settings.maxTasks() > 0 && settings.maxTasks() < ids.size()) {
                ids = ids.subList(0, settings.maxTasks());
            }
            out.printf(Locale.ROOT, "stepgym eval code: %d tasks from %s%n", ids.size(), suite);
        }
        Set<String> folders = new HashSet<>();
        List<CodeEvalReport.AgentResult> results = new ArrayList<>();
        int episodes = ids.size() * (settings.agents().size() + settings.agentCommands().size());
        try (ProgressBar bar = ProgressBar.create(System.err, "eval code", episodes, progress)) {
            evaluateLive(settings, suite, ids, folders, results, bar, out);
        }
        for (Path folder : settings.trajectories()) {
            results.add(print(out, CodeEvalRecorder.agent(folder.toString(), CodeEvalReport.Source.TRAJECTORIES,
                    folder.toString(), RecordedTrajectories.read(folder, out))));
        }
        CodeEvalReport report = new CodeEvalReport(suite == null ? "recorded trajectories" : suite.toString(), results);
        write(report, settings.reportDir());
        out.printf(Locale.ROOT, "report: %s and %s%n", settings.reportDir().resolve("report.json"),
                settings.reportDir().resolve("report.html"));
        return report;
    }

    /** The JVM agents, then the external ones, each on its own server; one line per agent printed above the bar. */
    private static void evaluateLive(Settings settings, Path suite, List<String> ids, Set<String> folders,
                                     List<CodeEvalReport.AgentResult> results, ProgressBar bar, PrintStream out) {
        for (String agent : settings.agents()) {
            bar.label(agent);
            Scenario scenario = scenario(suite, ids, agent, settings.concurrency());
            Path records = settings.recordDir().resolve(folder(agent, folders));
            CodeEvalReport.AgentResult result = CodeEvalRecorder.agent(agent, CodeEvalReport.Source.AGENT, records.toString(),
                    runAgent(scenario, records, settings.agentOptions(), bar));
            bar.printAbove(() -> results.add(print(out, result)));
        }
        for (String command : settings.agentCommands()) {
            String name = folder("cmd-" + String.join("-", ShellWords.split(command).stream()
                    .map(word -> word.substring(word.lastIndexOf('/') + 1)).toList()), folders);
            Scenario scenario = scenario(suite, ids, "external", settings.concurrency());
            Path records = settings.recordDir().resolve(name);
            try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(scenario, records),
                    ScenarioConfig.registry(scenario))) {
                ExternalAgentRunner runner = new ExternalAgentRunner(server, ShellWords.split(command), CodeEnvironmentProvider.ID,
                        settings.agentTimeout(), settings.reportDir(), settings.reportDir().resolve("logs").resolve(name));
                bar.label(name);
                CodeEvalReport.AgentResult result = CodeEvalRecorder.agent(command, CodeEvalReport.Source.COMMAND,
                        records.toString(), runner.run(ids, settings.concurrency(), task -> bar.advance(task.error() == null)));
                bar.printAbove(() -> results.add(print(out, result)));
            }
        }
    }

    private static Scenario scenario(Path suite, List<String> ids, String agent, int concurrency) {
        return new Scenario("code-eval", "code-v1 tasks of " + suite, CodeEnvironmentProvider.ID, "test", ids,
                new Scenario.Seeds(0, Math.max(1, ids.size())), agent, Map.of(), true, Map.of(), null,
                CodeEnvironmentProvider.MAX_STEPS, Map.of("tasks_dir", suite.toString()), Math.max(1, concurrency));
    }

    /** A JVM agent on its own server; every episode reported from its recorded trajectory. */
    private static List<CodeEvalReport.TaskResult> runAgent(Scenario scenario, Path records, Map<String, Object> options,
                                                            ProgressBar bar) {
        Agent agent = Agents.create(scenario.agent(), new AgentConfig(scenario.seeds().start(), options));
        EpisodeTimer timer = new EpisodeTimer();
        List<CodeEvalReport.TaskResult> results = new ArrayList<>();
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(scenario, records), ScenarioConfig.registry(scenario));
             StepGymSocket socket = StepGymSocket.connect(server.wsUrl())) {
            RolloutRunner runner = new RolloutRunner(socket, RolloutOptions.concurrency(scenario.concurrency()));
            for (EpisodeReport report : runner.run(ScenarioRunner.episodes(scenario), agent, StepListeners.all(timer, bar))) {
                double seconds = timer.seconds(report.index());
                if (report.episodeId() == null) {
                    results.add(CodeEvalReport.TaskResult.failed(report.spec().task(), null, seconds, null, report.error()));
                    continue;
                }
                try {
                    Trajectory trajectory = server.manager().trajectory(report.episodeId());
                    results.add(CodeEvalRecorder.task(trajectory, seconds, null, report.error()));
                } catch (RuntimeException e) {
                    results.add(CodeEvalReport.TaskResult.failed(report.spec().task(), report.episodeId(), seconds, null,
                            "cannot read the trajectory: " + e.getMessage()));
                }
            }
        }
        return results;
    }

    private static CodeEvalReport.AgentResult print(PrintStream out, CodeEvalReport.AgentResult r) {
        out.printf(Locale.ROOT, "%-14s solved %d/%d, pass rate %.1f%% (95%% Wilson CI %.1f-%.1f%%), mean process reward %.3f,"
                        + " mean steps %.2f, mean return %.3f, mean %.2f s%n",
                r.agent(), r.solved(), r.tasks(), 100 * r.passRate(), 100 * r.passRateCi95().low(),
                100 * r.passRateCi95().high(), r.meanProcessReward(), r.meanSteps(), r.meanReturn(), r.meanSeconds());
        out.printf(Locale.ROOT, "%-14s trajectories: %s%n", "", r.records());
        return r;
    }

    /** A folder name for an agent: its name with anything odd replaced, unique within the run. */
    static String folder(String agent, Set<String> taken) {
        String base = agent.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        if (base.length() > 60) {
            base = base.substring(0, 60);
        }
        if (base.isEmpty()) {
            base = "agent";
        }
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
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
