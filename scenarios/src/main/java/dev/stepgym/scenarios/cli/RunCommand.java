package dev.stepgym.scenarios.cli;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.scenarios.report.RunReport;
import dev.stepgym.scenarios.run.ProgressBar;
import dev.stepgym.scenarios.run.RunReportCollector;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.run.StepListeners;
import dev.stepgym.scenarios.run.StepTable;
import dev.stepgym.scenarios.run.SummaryTable;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code stepgym run}: an embedded server, a scenario and an agent, with the per-step reward table. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario with an agent on an embedded server; print every step's reward breakdown.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "shop-demo",
            description = "bundled scenario name or path to a scenario JSON file (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--agent", description = "agent name, overriding the scenario's (e.g. random, oracle-shop)")
    String agent;

    @Option(names = "--concurrency", description = "episodes at once, overriding the scenario's")
    Integer concurrency;

    @Option(names = "--quiet", description = "print only the summary, not the per-step tables")
    boolean quiet;

    @Mixin
    EpisodeOptions common;

    @Mixin
    ReportOptions reporting;

    @Mixin DeviceOptions device;

    @Override
    public Integer call() {
        Scenario chosen = common.apply(ScenarioLoader.load(scenario));
        if (agent != null) {
            chosen = chosen.withAgent(agent);
        }
        if (concurrency != null) {
            chosen = chosen.withConcurrency(concurrency);
        }
        System.out.printf("stepgym run: scenario %s, env %s, agent %s, %d episodes, recording to %s%n", chosen.name(),
                chosen.env(), chosen.agent(), chosen.episodes(), common.recordDir.toAbsolutePath());
        reporting.prepare(chosen.name(), "run");
        RunReportCollector collected = new RunReportCollector(chosen.agent(), common.threshold);
        List<EpisodeReport> reports;
        try (ProgressBar progress = ProgressBar.create(System.err, "run " + chosen.agent(), chosen.episodes(), reporting.progressMode())) {
            reports = ScenarioRunner.run(chosen, common.recordDir,
                    StepListeners.all(collected, progress.around(quiet ? StepListener.NONE : new StepTable(System.out))), common.agentOptions());
        }
        System.out.println();
        SummaryTable.header(System.out, common.threshold);
        SummaryTable.row(System.out, chosen.agent(), reports, common.threshold);
        reporting.write(new RunReport("run", chosen.name(), chosen.env(), common.threshold, List.of(collected.result())));
        return reports.stream().allMatch(EpisodeReport::ok) ? 0 : 1;
    }
}
