package dev.stepgym.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.progress.ProgressModel;
import dev.stepgym.rewards.progress.ProgressTrainer;
import dev.stepgym.rewards.scoring.SharedModels;
import dev.stepgym.scenarios.cli.StepGymCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepgym rewards train-progress} as a user runs it, on shop episodes recorded by {@code stepgym run}. */
class TrainProgressCliTest {

    private static String capture(String... args) {
        long start = System.nanoTime();
        CliOutput run = CliOutput.bothStreams(() -> StepGymCli.execute(args));
        System.out.printf("[%s took %.1f s]%n", String.join(" ", args), (System.nanoTime() - start) / 1e9);
        return run.exit() + "\n" + run.text();
    }

    @Test
    void aFolderWithoutTrajectoriesIsAClearError(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("runs"));
        String out = capture("rewards", "train-progress", "--from", tmp.resolve("runs").toString(), "--out", tmp.resolve("m").toString(),
                "--no-progress");
        assertTrue(out.startsWith("2\n") && out.contains("stepgym: no trajectories to train on"), out);
        String missing = capture("rewards", "train-progress", "--from", tmp.resolve("nope").toString(), "--out", tmp.resolve("m").toString());
        assertTrue(missing.contains("does not exist"), missing);
        assertFalse(Files.exists(tmp.resolve("m")));
    }

    @Test
    @Tag("heavy")
    void trainsOnOracleAndRandomShopEpisodesThroughTheCli(@TempDir Path tmp) {
        Path runs = tmp.resolve("runs");
        assertTrue(capture("run", "--scenario", "shop-oracle", "--episodes", "12", "--quiet", "--no-progress", "--no-report",
                "--record-dir", runs.resolve("oracle").toString()).startsWith("0\n"));
        assertTrue(capture("run", "--scenario", "shop-random", "--episodes", "12", "--quiet", "--no-progress", "--no-report",
                "--record-dir", runs.resolve("random").toString()).startsWith("0\n"));
        Path model = tmp.resolve("models/progress-shop");
        String out = capture("rewards", "train-progress", "--from", runs.toString(), "--out", model.toString(),
                "--epochs", "80", "--progress");
        assertTrue(out.startsWith("0\n") && out.contains("held-out MSE"), out);
        assertTrue(out.contains("episodes"), "the progress bar is drawn: " + out);

        try (ProgressModel m = ProgressModel.load(model, SharedModels.miniLm())) {
            double oracle = meanHeldOutContribution(m, runs.resolve("oracle"));
            double random = meanHeldOutContribution(m, runs.resolve("random"));
            // Printed, not asserted: with 24 episodes and a held-out fifth drawn by random episode ids
            // the ranking is not yet reliable (one CI run saw oracle 0.011 vs random 0.015). The ranking
            // is asserted on controlled episodes in ProgressTrainerTest; on real shop runs it is issue 11's
            // open "Done when".
            System.out.printf("held-out mean step contribution: oracle %.4f, random %.4f%n", oracle, random);
            assertFalse(Double.isInfinite(oracle) || Double.isInfinite(random), "oracle " + oracle + " vs random " + random);
        }
        String html = assertReport(model.resolve("report.html"));
        assertTrue(html.contains("<polyline") && html.contains("held-out MSE"), html);
    }

    private static String assertReport(Path report) {
        assertTrue(Files.isRegularFile(report), "report written");
        try {
            String html = Files.readString(report);
            assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://"), "self-contained");
            return html;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Mean ĉ over the steps of this agent's held-out episodes (the trainer's own split). */
    private static double meanHeldOutContribution(ProgressModel model, Path dir) {
        double sum = 0;
        int n = 0;
        for (Trajectory t : TrajectoryReader.readAll(dir)) {
            if (!ProgressTrainer.inHeldOut(t.episodeId(), 0.2) || t.steps().isEmpty()) {
                continue;
            }
            List<TrajectoryRecord.StepLine> steps = t.steps();
            float[] c = model.contributions(steps.stream().map(TrajectoryRecord.StepLine::evidence).toList(),
                    IntStream.rangeClosed(1, steps.size()).boxed().toList());
            for (float v : c) {
                sum += v;
                n++;
            }
        }
        // The split is by a digest of random episode ids: an agent with none of its 12 episodes held out
        // (0.8^12, about 7% of runs) has no figure, which is reported as NaN rather than failing the run.
        return n == 0 ? Double.NaN : sum / n;
    }
}
