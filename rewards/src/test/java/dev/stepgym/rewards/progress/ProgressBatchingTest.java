package dev.stepgym.rewards.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.embed.BatchingEmbedder;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import dev.stepgym.rewards.replay.RescoreRun;
import dev.stepgym.rewards.scoring.SharedModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress inference batched across episodes gives the values of steps scored alone: a small
 * model is trained here (a few epochs on shop-like episodes; what it learnt does not matter), then
 * the same steps are scored one at a time and all at once through the model's micro-batcher, and
 * the {@code progress_attribution} signal scores episodes concurrently as a server does and
 * through {@code replay rescore}. Heavy: MiniLM and PyTorch start and embed a few hundred texts.
 */
@Tag("heavy")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProgressBatchingTest {
    /** Float rounding of a 387-wide MLP over vectors that differ by MiniLM's batch padding only. */
    private static final double ROUNDING = 1e-5;
    private static final int EPISODES = 16;

    @TempDir
    static Path shared;
    static Path runs;
    static Path model;

    @BeforeAll
    static void trainSmallModel() {
        runs = shared.resolve("runs");
        for (int i = 0; i < EPISODES; i++) {
            boolean good = i % 2 == 0;
            writeEpisode(runs, "ep-" + i, steps(i, good), good ? 1.0 : 0.0);
        }
        model = shared.resolve("model");
        ProgressTrainer.train(TrajectoryReader.readAll(runs), model, new ProgressTrainer.Options(3, 8, 0.005, 0.25, 0.5, 7),
                SharedModels.miniLm(), ProgressTrainer.Listener.NONE);
    }

    @AfterAll
    static void closeSharedModels() {
        ProgressModels.closeAll();
    }

    @Test
    void aStepScoresTheSameAloneAndInsideABatchOfOthers() {
        List<Map<String, Object>> evidence = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < EPISODES; i++) {
            List<Map<String, Object>> s = steps(i, i % 2 == 0);
            for (int k = 0; k < s.size(); k++) {
                evidence.add(s.get(k));
                numbers.add(k + 1);
            }
        }
        // No vector cache here: each batched pass embeds its texts together, padded to the longest.
        try (BatchingEmbedder uncached = new BatchingEmbedder(SharedModels.miniLmModel(), SharedModels.EMBED_BATCH, Duration.ofMillis(2));
             ProgressModel m = ProgressModel.load(model, uncached)) {
            float[] alone = new float[evidence.size()];
            for (int i = 0; i < alone.length; i++) {
                alone[i] = m.submit(evidence.get(i), numbers.get(i)).join();
                assertEquals(m.contributions(List.of(evidence.get(i)), List.of(numbers.get(i)))[0], alone[i], ROUNDING);
            }
            assertEquals(1, m.batchStats().largestBatch(), "one at a time, each step is its own pass");

            // All queued at once: the first pass runs while the others queue, and they form the next passes.
            List<CompletableFuture<Float>> batched = new ArrayList<>();
            for (int i = 0; i < evidence.size(); i++) {
                batched.add(m.submit(evidence.get(i), numbers.get(i)));
            }
            for (int i = 0; i < alone.length; i++) {
                assertEquals(alone[i], batched.get(i).join(), ROUNDING, "step " + i + " alone and in a batch");
            }
            assertTrue(m.batchStats().largestBatch() > 1, "steps queued together share a pass: " + m.batchStats());
            assertTrue(m.batchStats().largestBatch() <= ProgressModel.MAX_BATCH, m.batchStats().toString());
        }
    }

    @Test
    void theSignalOnlineFromConcurrentEpisodesEqualsReplayRescore() throws Exception {
        PipelineConfig config = PipelineConfig.parseJson("{\"signals\":[{\"name\":\"progress_attribution\",\"params\":{\"model\":"
                + Json.write(model.toString()) + "}}]}", "test");
        RewardPipeline pipeline = RewardPipeline.of(config);
        List<Trajectory> trajectories = TrajectoryReader.readAll(runs);
        Map<String, List<Double>> online = new LinkedHashMap<>();
        ExecutorService episodes = Executors.newFixedThreadPool(trajectories.size());
        try {
            List<Future<List<Double>>> running = new ArrayList<>();
            for (Trajectory t : trajectories) {
                // One thread per episode, as a server steps concurrent episodes.
                running.add(episodes.submit(() -> {
                    EpisodeRewards rewards = pipeline.episode(Map.of());
                    List<Double> values = new ArrayList<>();
                    for (TrajectoryRecord.StepLine s : t.steps()) {
                        List<RewardComponent> c = rewards.score(s.evidence()).join();
                        values.add(c.get(0).value());
                    }
                    return values;
                }));
            }
            for (int i = 0; i < trajectories.size(); i++) {
                online.put(trajectories.get(i).episodeId(), running.get(i).get(1, TimeUnit.MINUTES));
            }
        } finally {
            episodes.shutdownNow();
        }

        Path out = shared.resolve("rescored");
        RescoreRun.run(runs, config, out, null);
        for (Trajectory t : TrajectoryReader.readAll(out)) {
            List<Double> live = online.get(t.episodeId());
            assertEquals(live.size(), t.steps().size());
            for (int k = 0; k < live.size(); k++) {
                RewardComponent c = t.steps().get(k).rewards().get(0);
                assertEquals(ProgressAttributionSignal.NAME, c.name());
                assertEquals(live.get(k), c.value(), ROUNDING, t.episodeId() + " step " + (k + 1) + " online and rescored");
            }
        }
        ProgressModel shared = ProgressModels.shared(model);
        assertTrue(shared.batchStats().largestBatch() > 1, "concurrent episodes shared passes: " + shared.batchStats());
    }

    /** A purposeful episode (search, open, choose, buy) or an aimless one (invalid clicks, wandering). */
    private static List<Map<String, Object>> steps(int i, boolean good) {
        String[] products = {"red running shoes", "wireless headphones", "steel water bottle", "wool winter hat"};
        String p = products[i % products.length];
        List<Map<String, Object>> s = new ArrayList<>();
        if (good) {
            s.add(ev("results", p, false, false, null));
            s.add(ev("item", p, false, false, p));
            s.add(ev("item", p, false, false, p + " size " + (i % 3)));
            s.add(ev("done", p, false, true, p + " size " + (i % 3)));
        } else {
            String[] junk = {"asdf", "click next", "back", "qwerty page " + i};
            for (int k = 0; k < 3 + i % 3; k++) {
                boolean invalid = (i + k) % 2 == 0;
                s.add(ev(invalid ? "search" : "results", junk[(i + k) % junk.length], invalid, false, null));
            }
        }
        return s;
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

    private static void writeEpisode(Path dir, String id, List<Map<String, Object>> evidence, double score) {
        List<TrajectoryRecord> records = new ArrayList<>();
        records.add(new TrajectoryRecord.Header(id, "shop-v1", "v1", "task-" + id.hashCode() % 4, 1, null, "sha256:none", null, null, Map.of()));
        for (int i = 0; i < evidence.size(); i++) {
            boolean last = i == evidence.size() - 1;
            records.add(new TrajectoryRecord.StepLine(i + 1, Action.text("a" + i), Observation.of("o", List.of()), List.of(), 0.0,
                    last, false, "sha256:x", Map.of(), 1, evidence.get(i)));
        }
        records.add(new TrajectoryRecord.End(evidence.size(), 0.0, Map.of("score", score), "closed"));
        RescoreRun.write(dir.resolve("shop-v1").resolve(id + ".jsonl"), records);
    }
}
