package dev.stepgym.scenarios.cli;

import dev.stepgym.scenarios.report.CodeEvalReport;
import dev.stepgym.scenarios.run.CodeEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code stepgym eval code}: coding agents over a code-v1 suite, with a JSON and HTML report.
 * JVM agents by name, external agent processes and recorded trajectories, side by side.
 */
@Command(name = "code", mixinStandardHelpOptions = true,
        description = {"Evaluate coding agents over a code-v1 task suite (built-in, or --tasks DIR in the task format) and"
                + " write report.json + report.html: JVM agents (--agent), external agent processes (--agent-cmd) and"
                + " recorded trajectories (--trajectories), side by side.",
                "Without any of the three: oracle-code and random."})
final class EvalCodeCommand implements Callable<Integer> {
    private static final List<String> DEFAULT_AGENTS = List.of("oracle-code", "random");

    @Option(names = "--agent", description = "a JVM agent by name (repeatable), e.g. oracle-code, random, openai:MODEL")
    List<String> agents = List.of();

    @Option(names = "--agent-cmd", paramLabel = "COMMAND",
            description = "an external agent (repeatable), e.g. \"python3 my_agent.py\": split into words like a shell"
                    + " would, but run without one; started once per task with STEPGYM_URL, STEPGYM_EPISODE_ID,"
                    + " STEPGYM_ENV, STEPGYM_TASK and STEPGYM_TIME_LIMIT_S in its environment")
    List<String> agentCommands = List.of();

    @Option(names = "--trajectories", paramLabel = "DIR",
            description = "a folder of recorded code-v1 trajectories (*.jsonl, as --record-dir writes them), reported"
                    + " like an agent (repeatable)")
    List<Path> trajectories = List.of();

    @Option(names = "--agent-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "wall-clock limit of an external agent per task; past it its process tree is killed"
                    + " (default: ${DEFAULT-VALUE})")
    long agentTimeoutSeconds;

    @Option(names = "--tasks", description = "a suite folder in the task format (docs/code-tasks.md); default: the built-in suite")
    Path tasks;

    @Option(names = "--report-dir", defaultValue = "reports/code",
            description = "where report.json, report.html and the external agents' logs go (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--record-dir", defaultValue = "runs",
            description = "trajectories, one sub-folder per agent (default: ${DEFAULT-VALUE})")
    Path recordDir;

    @Option(names = "--concurrency", defaultValue = "2", description = "episodes at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--max-tasks", defaultValue = "0", description = "only the first N tasks (0 = all)")
    int maxTasks;

    @Mixin
    LlmOptions llm;

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    @Override
    public Integer call() {
        if (agentTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("--agent-timeout must be a positive number of seconds, got " + agentTimeoutSeconds);
        }
        boolean nothingGiven = agents.isEmpty() && agentCommands.isEmpty() && trajectories.isEmpty();
        CodeEvalReport report = CodeEvaluation.run(new CodeEvaluation.Settings(nothingGiven ? DEFAULT_AGENTS : agents,
                agentCommands, trajectories, tasks, reportDir, recordDir, Math.max(1, concurrency), maxTasks,
                Duration.ofSeconds(agentTimeoutSeconds), agentOptions()), System.out, progress.mode());
        boolean failed = report.agents().stream().flatMap(a -> a.results().stream()).anyMatch(t -> t.error() != null);
        return failed ? 1 : 0;
    }

    /** Options for the JVM agents: the {@code openai:MODEL} agent's {@code --llm-*} settings. */
    private Map<String, Object> agentOptions() {
        return llm == null ? Map.of() : llm.agentOptions();
    }
}
