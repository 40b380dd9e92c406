package dev.stepgym.scenarios.cli;

import dev.stepgym.scenarios.report.CodeEvalReport;
import dev.stepgym.scenarios.run.CodeEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stepgym eval code}: coding agents over a code-v1 suite, with a JSON and HTML report. */
@Command(name = "code", mixinStandardHelpOptions = true,
        description = "Run agents over a code-v1 task suite (built-in, or --tasks DIR in the task format) and write report.json + report.html.")
final class EvalCodeCommand implements Callable<Integer> {
    @Option(names = "--agent", description = "agents to compare (repeatable; default: oracle-code and random)")
    List<String> agents = List.of("oracle-code", "random");

    @Option(names = "--tasks", description = "a suite folder in the task format (docs/code-tasks.md); default: the built-in suite")
    Path tasks;

    @Option(names = "--report-dir", defaultValue = "reports/code", description = "where the report goes (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--record-dir", defaultValue = "runs", description = "trajectories (default: ${DEFAULT-VALUE})")
    Path recordDir;

    @Option(names = "--concurrency", defaultValue = "2", description = "episodes at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--max-tasks", defaultValue = "0", description = "only the first N tasks (0 = all)")
    int maxTasks;

    @Override
    public Integer call() {
        CodeEvalReport report = CodeEvaluation.run(new CodeEvaluation.Settings(agents, tasks, reportDir, recordDir,
                Math.max(1, concurrency), maxTasks), System.out);
        boolean failed = report.agents().stream().flatMap(a -> a.results().stream()).anyMatch(t -> t.error() != null);
        return failed ? 1 : 0;
    }
}
