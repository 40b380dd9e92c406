package dev.stepgym.scenarios.cli;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.run.SummaryTable;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.server.ScenarioConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stepgym eval}: several agents on the same scenario, side by side on one server. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate agents on a scenario's episodes and print one summary line per agent.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "shop-oracle",
            description = "bundled scenario name or path (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--agent", description = "agents to compare (repeatable; default: oracle-shop and random)")
    List<String> agents = List.of("oracle-shop", "random");

    @Option(names = "--episodes", description = "number of episodes, overriding the scenario's")
    Integer episodes;

    @Option(names = "--record-dir", defaultValue = "runs", description = "trajectory directory (default: ${DEFAULT-VALUE})")
    Path recordDir;

    @Option(names = "--threshold", defaultValue = "0.9", description = "outcome score counted as success (default: ${DEFAULT-VALUE})")
    double threshold;

    @Override
    public Integer call() {
        Scenario base = ScenarioLoader.load(scenario);
        if (episodes != null) {
            base = base.withEpisodes(episodes);
        }
        System.out.printf("stepgym eval: scenario %s, env %s, %d episodes per agent%n", base.name(), base.env(), base.episodes());
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(base, recordDir), EnvironmentRegistry.discover())) {
            SummaryTable.header(System.out, threshold);
            boolean allOk = true;
            for (String agent : agents) {
                List<EpisodeReport> reports = ScenarioRunner.run(base.withAgent(agent), server, StepListener.NONE);
                SummaryTable.row(System.out, agent, reports, threshold);
                allOk &= reports.stream().allMatch(EpisodeReport::ok);
            }
            return allOk ? 0 : 1;
        }
    }
}
