package dev.stepgym.scenarios;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.run.SummaryTable;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.server.ScenarioConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bar, through the real protocol (embedded server, one WebSocket, 8 episodes at once):
 * the privileged oracle solves ≥ 95% of 200 seeded shop tasks with score ≥ 0.9; random is far lower.
 */
class ShopBaselinesTest {

    @Test
    void oracleSolvesShopTasksAndRandomDoesNot(@TempDir Path records, @TempDir Path scratch) {
        Scenario oracle = ScenarioLoader.load("shop-oracle");
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(oracle, records), ScenarioConfig.registry(oracle))) {
            List<EpisodeReport> oracleReports = ScenarioRunner.run(oracle, server, StepListener.NONE);
            List<EpisodeReport> randomReports = ScenarioRunner.run(ScenarioLoader.load("shop-random"), server, StepListener.NONE);
            SummaryTable.header(System.out, 0.9);
            SummaryTable.row(System.out, "oracle-shop", oracleReports, 0.9);
            SummaryTable.row(System.out, "random", randomReports, 0.9);

            assertTrue(oracleReports.stream().allMatch(EpisodeReport::ok), "no oracle episode fails");
            assertTrue(randomReports.stream().allMatch(EpisodeReport::ok), "no random episode fails");
            long solved = oracleReports.stream().filter(r -> r.score().orElse(0) >= 0.9).count();
            assertTrue(oracleReports.size() == 200 && solved >= 190, "oracle solved " + solved + "/200");
            double oracleMean = SummaryTable.meanScore(oracleReports);
            double randomMean = SummaryTable.meanScore(randomReports);
            assertTrue(randomMean < oracleMean / 3, "random " + randomMean + " vs oracle " + oracleMean);
        }
        // 400 recorded episodes: re-scored from their evidence exactly, re-executed with no mismatch.
        ReplayChecks.reproduces(records, scratch, Map.of(oracle.env(), oracle.envSettings()));
    }
}
