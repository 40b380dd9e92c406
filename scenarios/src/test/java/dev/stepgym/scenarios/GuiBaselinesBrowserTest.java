package dev.stepgym.scenarios;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.run.SummaryTable;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.scenarios.server.ScenarioConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bar for gui-v1, through the real protocol and real Chromium: the bundled {@code gui-oracle}
 * scenario (300 seeded test tasks, every template in turn) is solved at least 98% of the time by the
 * privileged oracle, {@code gui-random} rarely; every oracle step follows the reference, so BTL-UI's
 * {@code reference_match} is 1 on each of its reference steps; the recorded run re-scores exactly.
 */
@Tag("heavy")
@Tag("browser")
@Timeout(900)
class GuiBaselinesBrowserTest {
    /** reference_match's weight in gui-v1's default pipeline. */
    private static final double REFERENCE_MATCH_WEIGHT = 0.2;

    @Test
    void oracleSolvesAtLeast98PercentOf300TasksAndRandomRarelySolvesOne(@TempDir Path records, @TempDir Path scratch) {
        Scenario oracle = ScenarioLoader.load("gui-oracle");
        Scenario random = ScenarioLoader.load("gui-random");
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(oracle, records), ScenarioConfig.registry(oracle))) {
            long t0 = System.nanoTime();
            List<EpisodeReport> oracleReports = ScenarioRunner.run(oracle, server, StepListener.NONE);
            long oracleMs = (System.nanoTime() - t0) / 1_000_000;
            List<EpisodeReport> randomReports = ScenarioRunner.run(random, server, StepListener.NONE);
            SummaryTable.header(System.out, 1.0);
            SummaryTable.row(System.out, "oracle-gui", oracleReports, 1.0);
            SummaryTable.row(System.out, "random", randomReports, 1.0);
            System.out.printf("gui-oracle: %d episodes, %d steps in %d ms%n", oracleReports.size(),
                    oracleReports.stream().mapToInt(EpisodeReport::steps).sum(), oracleMs);

            assertEquals(300, oracleReports.size());
            assertTrue(oracleReports.stream().allMatch(EpisodeReport::ok), "no oracle episode fails: "
                    + oracleReports.stream().filter(r -> !r.ok()).map(r -> r.spec().task() + " " + r.error()).toList());
            List<String> unsolved = oracleReports.stream().filter(r -> !Boolean.TRUE.equals(r.outcome().get("success")))
                    .map(r -> r.spec().task() + " " + r.outcome() + " after " + r.actions()).toList();
            System.out.println("gui-oracle unsolved: " + unsolved);
            assertTrue(unsolved.size() <= 6, "oracle solved " + (300 - unsolved.size()) + "/300; unsolved: " + unsolved);
            for (EpisodeReport r : oracleReports) {
                if (Boolean.TRUE.equals(r.outcome().get("success"))) {
                    // The oracle's only other action is a scroll(0, 0) while it waits for a target to show.
                    long referenceSteps = r.actions().stream().filter(a -> !"scroll".equals(a.tool())).count();
                    double matched = r.componentSums().getOrDefault("reference_match", 0.0) / REFERENCE_MATCH_WEIGHT;
                    assertEquals(referenceSteps, matched, 1e-9, r.spec().task() + ": every reference step matches " + r.actions());
                }
            }
            assertTrue(randomReports.stream().allMatch(EpisodeReport::ok), "random episodes run to their end");
            long solvedByRandom = randomReports.stream().filter(r -> Boolean.TRUE.equals(r.outcome().get("success"))).count();
            assertTrue(solvedByRandom <= randomReports.size() / 10, "random solved " + solvedByRandom + "/" + randomReports.size());
        }
        // Every recorded step re-scores from its evidence to the same components, without a browser.
        assertTrue(ReplayChecks.rescoreReproduces(records, scratch) > 300);
    }
}
