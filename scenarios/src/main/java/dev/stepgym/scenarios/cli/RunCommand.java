package dev.stepgym.scenarios.cli;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.run.StepTable;
import dev.stepgym.scenarios.run.SummaryTable;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Option(names = "--episodes", description = "number of episodes, overriding the scenario's")
    Integer episodes;

    @Option(names = "--concurrency", description = "episodes at once, overriding the scenario's")
    Integer concurrency;

    @Option(names = "--record-dir", defaultValue = "runs", description = "trajectory directory (default: ${DEFAULT-VALUE})")
    Path recordDir;

    @Option(names = "--quiet", description = "print only the summary, not the per-step tables")
    boolean quiet;

    @Option(names = "--threshold", defaultValue = "0.9", description = "outcome score counted as success (default: ${DEFAULT-VALUE})")
    double threshold;

    @Override
    public Integer call() {
        Scenario chosen = ScenarioLoader.load(scenario);
        if (agent != null) {
            chosen = chosen.withAgent(agent);
        }
        if (episodes != null) {
            chosen = chosen.withEpisodes(episodes);
        }
        if (concurrency != null) {
            chosen = chosen.withConcurrency(concurrency);
        }
        System.out.printf("stepgym run: scenario %s, env %s, agent %s, %d episodes, recording to %s%n", chosen.name(),
                chosen.env(), chosen.agent(), chosen.episodes(), recordDir.toAbsolutePath());
        List<EpisodeReport> reports = ScenarioRunner.run(chosen, recordDir,
                quiet ? StepListener.NONE : new StepTable(System.out));
        System.out.println();
        SummaryTable.header(System.out, threshold);
        SummaryTable.row(System.out, chosen.agent(), reports, threshold);
        return reports.stream().allMatch(EpisodeReport::ok) ? 0 : 1;
    }
}
