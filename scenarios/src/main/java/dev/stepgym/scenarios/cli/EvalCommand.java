package dev.stepgym.scenarios.cli;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.scenarios.run.ComponentStats;
import dev.stepgym.scenarios.report.RunReport;
import dev.stepgym.scenarios.run.ProgressBar;
import dev.stepgym.scenarios.run.RunReportCollector;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.run.StepListeners;
import dev.stepgym.scenarios.run.SummaryTable;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.server.ScenarioConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code stepgym eval}: several agents on the same scenario, side by side on one server. */
@Command(name = "eval", mixinStandardHelpOptions = true, subcommands = EvalCodeCommand.class,
        description = "Evaluate agents on a scenario's episodes and print one summary line per agent.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "shop-oracle",
            description = "bundled scenario name or path (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--agent", description = "agents to compare (repeatable; default: the scenario's agent and random)")
    List<String> agents;

    @Option(names = "--components", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "print each reward component's per-step statistics per agent (default: ${DEFAULT-VALUE})")
    boolean components;

    @Mixin
    EpisodeOptions common;

    @Mixin
    ReportOptions reporting;

    @Mixin DeviceOptions device; // inherited by eval code

    @Override
    public Integer call() {
        Scenario base = common.apply(ScenarioLoader.load(scenario));
        reporting.prepare(base.name(), "eval");
        System.out.printf("stepgym eval: scenario %s, env %s, %d episodes per agent%n", base.name(), base.env(), base.episodes());
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(base, common.recordDir), ScenarioConfig.registry(base))) {
            SummaryTable.header(System.out, common.threshold);
            boolean allOk = true;
            Map<String, ComponentStats> perAgent = new LinkedHashMap<>();
            List<String> compared = agents != null ? agents
                    : java.util.stream.Stream.of(base.agent(), "random").distinct().toList();
            List<RunReport.AgentRun> runs = new java.util.ArrayList<>();
            ProgressBar progress = ProgressBar.create(System.err, "eval", base.episodes() * compared.size(), reporting.progressMode());
            for (String agent : compared) {
                ComponentStats stats = new ComponentStats();
                RunReportCollector collected = new RunReportCollector(agent, common.threshold);
                progress.label("eval " + agent);
                List<EpisodeReport> reports = ScenarioRunner.run(base.withAgent(agent), server, StepListeners.all(stats, collected, progress), common.agentOptions());
                progress.printAbove(() -> SummaryTable.row(System.out, agent, reports, common.threshold));
                runs.add(collected.result());
                perAgent.put(agent, stats);
                allOk &= reports.stream().allMatch(EpisodeReport::ok);
            }
            progress.close();
            reporting.write(new RunReport("eval", base.name(), base.env(), common.threshold, runs));
            if (components) {
                System.out.println("\nReward components per step (raw values; gold steps: info.gold_retrieved > 0):");
                perAgent.forEach((agent, stats) -> stats.print(System.out, agent));
            }
            return allOk ? 0 : 1;
        }
    }
}
