package dev.stepgym.scenarios;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.envs.searchqa.SearchQaEnvironment;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.run.ComponentStats;
import dev.stepgym.scenarios.run.SummaryTable;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.scenarios.server.ScenarioConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bar for searchqa-v1, through the real protocol on the default world with the
 * default (MiniLM proxy) belief scorer: the oracle reaches F1 ≥ 0.95 on dev questions and its
 * information gain is positive on the steps that retrieve a gold document; a random agent's
 * information gain per episode is near zero next to the oracle's.
 */
@Tag("heavy")
class SearchQaBaselinesTest {

    @Test
    void oracleAnswersAndGainsInformationWhereRandomDoesNot(@TempDir Path records, @TempDir Path scratch) {
        Scenario oracle = ScenarioLoader.load("searchqa-oracle");
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(oracle, records), ScenarioConfig.registry(oracle))) {
            ComponentStats oracleStats = new ComponentStats();
            ComponentStats randomStats = new ComponentStats();
            List<EpisodeReport> oracleReports = ScenarioRunner.run(oracle, server, oracleStats);
            List<EpisodeReport> randomReports = ScenarioRunner.run(ScenarioLoader.load("searchqa-random"), server, randomStats);
            SummaryTable.header(System.out, 0.95);
            SummaryTable.row(System.out, "oracle-searchqa", oracleReports, 0.95);
            SummaryTable.row(System.out, "random", randomReports, 0.95);
            oracleStats.print(System.out, "oracle-searchqa");
            randomStats.print(System.out, "random");

            assertTrue(oracleReports.stream().allMatch(EpisodeReport::ok), "no oracle episode fails");
            assertTrue(randomReports.stream().allMatch(EpisodeReport::ok), "no random episode fails");
            double oracleF1 = SummaryTable.meanScore(oracleReports);
            assertTrue(oracleF1 >= 0.95, "oracle mean F1 " + oracleF1);
            assertTrue(SummaryTable.meanScore(randomReports) < 0.1, "random mean F1 " + SummaryTable.meanScore(randomReports));

            ComponentStats.Tally gold = oracleStats.onGoldSteps(SearchQaEnvironment.INFORMATION_GAIN);
            assertTrue(gold.count() >= 400, "gold-retrieving oracle steps: " + gold.count());
            assertTrue(gold.positive() >= 0.95 * gold.count(),
                    "information gain positive on " + gold.positive() + " of " + gold.count() + " gold-retrieving steps");
            double oracleGain = oracleStats.overall(SearchQaEnvironment.INFORMATION_GAIN).sum() / oracleReports.size();
            double randomGain = randomStats.overall(SearchQaEnvironment.INFORMATION_GAIN).sum() / randomReports.size();
            assertTrue(oracleGain > 0.8, "oracle information gain per episode " + oracleGain);
            assertTrue(randomGain < 0.2 * oracleGain, "random information gain per episode " + randomGain + " vs oracle " + oracleGain);
        }
        // 400 recorded episodes: re-scored from their evidence exactly (the MiniLM belief proxy
        // included), re-executed with no mismatch.
        ReplayChecks.reproduces(records, scratch, java.util.Map.of(oracle.env(), oracle.envSettings()));
    }
}
