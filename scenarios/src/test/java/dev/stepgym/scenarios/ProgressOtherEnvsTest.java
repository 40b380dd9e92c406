package dev.stepgym.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.rewards.progress.ProgressFeatures;
import dev.stepgym.rewards.progress.ProgressManifest;
import dev.stepgym.rewards.progress.ProgressModel;
import dev.stepgym.scenarios.cli.StepGymCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress model's code is not shop-specific: {@code stepgym rewards train-progress} trains on
 * searchqa-v1 episodes (small world) recorded with {@code stepgym run} from the oracle and the random
 * agent ({@link ProgressCodeEnvTest}: code-v1).
 */
@Tag("heavy")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ProgressOtherEnvsTest {

    private static String capture(String... args) {
        long start = System.nanoTime();
        CliOutput run = CliOutput.bothStreams(() -> StepGymCli.execute(args));
        System.out.printf("[%s took %.1f s]%n", String.join(" ", args), (System.nanoTime() - start) / 1e9);
        return run.exit() + "\n" + run.text();
    }

    static void record(Path tmp, Path runs, String source, String scenarioJson, String agent) throws IOException {
        Path file = tmp.resolve(source + ".json");
        Files.writeString(file, scenarioJson);
        String out = capture("run", "--scenario", file.toString(), "--agent", agent, "--quiet", "--no-progress", "--no-report",
                "--record-dir", runs.resolve(source).toString());
        assertTrue(out.startsWith("0\n"), out);
    }

    /** Trains on the runs and checks the model: written, loadable, every source held out, finite held-out figures. */
    static ProgressManifest trainAndCheck(Path runs, Path model) {
        String out = capture("rewards", "train-progress", "--from", runs.toString(), "--out", model.toString(),
                "--epochs", "150", "--seed", "7", "--no-progress");
        assertTrue(out.startsWith("0\n") && out.contains("held-out MSE"), out);
        ProgressManifest m = ProgressModel.readManifest(model);
        assertEquals(ProgressFeatures.SPEC, m.featureSpec());
        assertTrue(Files.isRegularFile(model.resolve("report.html")));
        assertTrue(Double.isFinite(m.metrics().trainMse()) && Double.isFinite(m.metrics().heldOutMse()), out);
        assertTrue(m.metrics().sources().stream().allMatch(s -> s.heldOutEpisodes() > 0 && Double.isFinite(s.meanStep())),
                "every source has finite held-out figures: " + m.metrics().sources());
        assertTrue(m.metrics().rankings().stream().allMatch(r -> Double.isFinite(r.stepAuc())), m.metrics().rankings().toString());
        System.out.println("held-out figures: " + m.metrics());
        return m;
    }

    @Test
    void trainsOnSearchQaEpisodesOfTheSmallWorld(@TempDir Path tmp) throws IOException {
        Path runs = tmp.resolve("runs");
        String scenario = """
                {"name": "spa-searchqa-%s", "env": "searchqa-v1", "split": "dev", "seeds": {"start": 0, "count": 8},
                 "agent": "%s", "options": {"privileged": true}, "allow_privileged": true, "max_steps": 10,
                 "env_settings": {"world": "small"}, "concurrency": 4}
                """;
        record(tmp, runs, "oracle", scenario.formatted("oracle", "oracle-searchqa"), "oracle-searchqa");
        record(tmp, runs, "random", scenario.formatted("random", "random"), "random");
        ProgressManifest m = trainAndCheck(runs, tmp.resolve("models/progress-searchqa"));
        assertEquals(List.of("oracle", "random"), m.metrics().sources().stream().map(ProgressManifest.SourceFigures::source).toList());
    }
}
