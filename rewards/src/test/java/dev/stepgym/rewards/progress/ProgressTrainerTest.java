package dev.stepgym.rewards.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import dev.stepgym.rewards.replay.RescoreRun;
import dev.stepgym.rewards.scoring.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on shop-like trajectories written here (the rewards module cannot run the shop; the
 * scenarios module's TrainProgressCommandTest trains on real oracle and random shop episodes):
 * purposeful episodes (search, open the matching item, choose options, buy; outcome 1) and
 * aimless ones (invalid clicks, wandering, never buying; outcome 0). Heavy: MiniLM and PyTorch
 * start, and the embeddings, take about half a minute on two cores.
 */
@Tag("heavy")
class ProgressTrainerTest {
    private static final ProgressTrainer.Options FAST = new ProgressTrainer.Options(150, 16, 0.005, 0.25, 0.5, 7);
    @TempDir
    static Path shared;
    static Path runs;
    static Path model;

    @BeforeAll
    static void trainOnce() {
        runs = shared.resolve("runs");
        Random random = new Random(3);
        for (int i = 0; i < 24; i++) {
            writeEpisode(runs, "good-" + i, "task-" + (i % 6), good(i), Map.of("score", 1.0), true);
            writeEpisode(runs, "bad-" + i, "task-" + (i % 6), bad(random), Map.of(), true);
        }
        model = shared.resolve("models/progress");
        ProgressTrainer.Result r = ProgressTrainer.train(TrajectoryReader.readAll(runs), model, FAST, SharedModels.miniLm(),
                ProgressTrainer.Listener.NONE);
        System.out.println("progress model: " + Json.write(r.manifest().metrics()));
    }

    @Test
    void heldOutStepsOfSuccessfulEpisodesRankAboveFailedOnesAndTheFolderIsComplete() throws IOException {
        ProgressManifest m = ProgressModel.readManifest(model);
        assertTrue(m.heldOutEpisodes() > 0 && m.trainEpisodes() > m.heldOutEpisodes());
        assertTrue(m.metrics().meanStepSuccess() > m.metrics().meanStepFailure(), Json.write(m.metrics()));
        assertTrue(m.metrics().stepAucSuccess() > 0.8, "held-out steps of successful episodes rank above failed ones: " + Json.write(m.metrics()));
        assertEquals(List.of(new ProgressSplit.Stratum("", "failure", 24, 6), new ProgressSplit.Stratum("", "success", 24, 6)),
                m.split().strata(), "a quarter of each outcome class is held out");
        assertEquals(m.heldOutEpisodes(), m.split().heldOut().size());
        assertTrue(m.metrics().heldOutMse() < 0.25, "held-out MSE " + m.metrics().heldOutMse() + " beats predicting 0.5");
        assertEquals(FAST.epochs(), m.lossCurve().size());
        assertTrue(m.lossCurve().get(m.lossCurve().size() - 1) < m.lossCurve().get(0));
        assertEquals(ProgressFeatures.SPEC, m.featureSpec());
        assertTrue(m.trainingDigest().startsWith("sha256:") || m.trainingDigest().length() >= 64, m.trainingDigest());
        try (Stream<Path> s = Files.list(model.getParent())) {
            assertEquals(List.of(model.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList(),
                    "no temporary folder is left beside the model");
        }
    }

    @Test
    void theSignalScoresOnlineInAPipelineAndInRescore() {
        PipelineConfig config = PipelineConfig.parseJson("{\"signals\":[{\"name\":\"progress_attribution\",\"params\":{\"model\":"
                + Json.write(model.toString()) + "}}]}", "test");
        var episode = RewardPipeline.of(config).episode(Map.of());
        List<Map<String, Object>> steps = good(99);
        double sumGood = 0;
        for (Map<String, Object> e : steps) {
            List<RewardComponent> c = episode.score(e).join();
            assertEquals("progress_attribution", c.get(0).name());
            sumGood += c.get(0).value() - ProgressAttributionSignal.GROUNDING;   // every good step took effect
        }
        assertTrue(sumGood > 0.5, "Σ ĉ of a purposeful episode " + sumGood);

        PipelineConfig loo = PipelineConfig.parseJson("{\"signals\":[{\"name\":\"progress_attribution\",\"params\":{\"variant\":\"loo\"}}]}", "t");
        var looEpisode = RewardPipeline.of(loo).episode(Map.of());
        assertEquals(0.0, looEpisode.score(Map.of("invalid_action", true)).join().get(0).value());
        assertEquals(0.5, looEpisode.score(Map.of("page", "search")).join().get(0).value());

        Path out = shared.resolve("rescored");
        RescoreRun.Summary summary = RescoreRun.run(runs, config, out, null);
        assertEquals(48, summary.files());
        Trajectory t = TrajectoryReader.read(out.resolve("shop-v1/good-0.jsonl"));
        assertTrue(t.steps().stream().allMatch(s -> s.rewards().size() == 1 && s.rewards().get(0).name().equals("progress_attribution")));
    }

    @Test
    void aLossThatBlowsUpIsAClearErrorAndLeavesNoModel(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("m");
        var e = assertThrows(ProgressModelException.class, () -> ProgressTrainer.train(TrajectoryReader.readAll(runs), out,
                new ProgressTrainer.Options(50, 16, 1e30, 0.25, 0.5, 7), SharedModels.miniLm(), ProgressTrainer.Listener.NONE));
        assertTrue(e.getMessage().contains("loss became"), e.getMessage());
        assertFalse(Files.exists(out), "no model folder after a failed training");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".m.")), "no temporary folder left");
        }
    }

    @Test
    void aFolderOfAnotherFeatureSpecIsRefused(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("other-spec");
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(model)) {
            for (Path p : s.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        String manifest = Files.readString(copy.resolve(ProgressManifest.FILE));
        Files.writeString(copy.resolve(ProgressManifest.FILE), manifest.replace("progress-features/v2", "progress-features/v0"));
        var e = assertThrows(ProgressModelException.class, () -> ProgressModel.load(copy, SharedModels.miniLm()));
        assertTrue(e.getMessage().contains("feature spec"), e.getMessage());
    }

    /** Search for the goal, open the matching item, pick its options, buy it. */
    static List<Map<String, Object>> good(int i) {
        String[] products = {"red running shoes", "wireless headphones", "steel water bottle", "wool winter hat", "leather wallet", "cotton t-shirt"};
        String p = products[i % products.length];
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(ev("results", p, false, false, null));
        steps.add(ev("item", p, false, false, p));
        steps.add(ev("item", p, false, false, p + " size m"));
        steps.add(ev("done", p, false, true, p + " size m"));
        return steps;
    }

    /** Invalid clicks and wandering between unrelated pages, never buying. */
    static List<Map<String, Object>> bad(Random random) {
        String[] junk = {"asdf", "click next", "back", "qwerty", "page 7"};
        List<Map<String, Object>> steps = new ArrayList<>();
        int n = 3 + random.nextInt(4);
        for (int k = 0; k < n; k++) {
            boolean invalid = random.nextBoolean();
            steps.add(ev(invalid ? "search" : "results", junk[random.nextInt(junk.length)], invalid, false, null));
        }
        return steps;
    }

    private static Map<String, Object> ev(String page, String query, boolean invalid, boolean bought, String item) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("invalid_action", invalid);
        e.put("page", page);
        e.put("query", query);
        if (item != null) {
            e.put("item", Map.of("title", item));
        }
        e.put("bought", bought);
        return e;
    }

    static void writeEpisode(Path dir, String id, String task, List<Map<String, Object>> evidence, Map<String, Object> outcome,
                             boolean finished) {
        List<TrajectoryRecord> records = new ArrayList<>();
        records.add(new TrajectoryRecord.Header(id, "shop-v1", "v1", task, 1, null, "sha256:none", null, null, Map.of()));
        for (int i = 0; i < evidence.size(); i++) {
            boolean last = i == evidence.size() - 1;
            records.add(new TrajectoryRecord.StepLine(i + 1, Action.text("a" + i), Observation.of("o", List.of()), List.of(), 0.0,
                    last && finished, false, "sha256:x", Map.of(), 1, evidence.get(i)));
        }
        records.add(new TrajectoryRecord.End(evidence.size(), 0.0, outcome, "closed"));
        RescoreRun.write(dir.resolve("shop-v1").resolve(id + ".jsonl"), records);
    }
}
