package dev.stepgym.rewards.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.rewards.embed.TextEmbedder;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad training data and bad model folders are refused before any model work, with a clear message. */
class ProgressInputTest {
    /** Never called: every case here fails before features are computed. */
    private static final TextEmbedder NO_EMBEDDER = new TextEmbedder() {
        public float[][] embed(List<String> texts) {
            throw new AssertionError("no embedding expected");
        }

        public int dimension() {
            return 384;
        }

        public String name() {
            return "none";
        }

        public void close() {
        }
    };

    private static ProgressModelException refused(List<Trajectory> data, Path out) {
        var e = assertThrows(ProgressModelException.class,
                () -> ProgressTrainer.train(data, out, ProgressTrainer.Options.defaults(), NO_EMBEDDER, ProgressTrainer.Listener.NONE));
        assertFalse(Files.exists(out), "no model folder");
        return e;
    }

    @Test
    void emptyOutcomeLessTooSmallAndOneClassTrainingSetsAreRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("m");
        assertTrue(refused(List.of(), out).getMessage().contains("no trajectories"));

        Path noOutcome = tmp.resolve("no-outcome");
        for (int i = 0; i < 6; i++) {
            ProgressTrainerTest.writeEpisode(noOutcome, "n" + i, "t", ProgressTrainerTest.good(i), Map.of(), true);
        }
        String m1 = refused(TrajectoryReader.readAll(noOutcome), out).getMessage();
        assertTrue(m1.contains("training data without outcomes"), m1);

        Path few = tmp.resolve("few");
        ProgressTrainerTest.writeEpisode(few, "a", "t", ProgressTrainerTest.good(0), Map.of("score", 1.0), true);
        ProgressTrainerTest.writeEpisode(few, "b", "t", ProgressTrainerTest.bad(new Random(1)), Map.of(), true);
        String m2 = refused(TrajectoryReader.readAll(few), out).getMessage();
        assertTrue(m2.contains("need at least 5"), m2);

        Path oneClass = tmp.resolve("one-class");
        for (int i = 0; i < 8; i++) {
            ProgressTrainerTest.writeEpisode(oneClass, "g" + i, "t", ProgressTrainerTest.good(i), Map.of("score", 1.0), true);
        }
        String m3 = refused(TrajectoryReader.readAll(oneClass), out).getMessage();
        assertTrue(m3.contains("one-class"), m3);
    }

    @Test
    void modelFoldersOfAnotherVersionFeatureSpecOrEmbedderAreRefused(@TempDir Path tmp) throws IOException {
        ProgressManifest good = new ProgressManifest(ProgressManifest.FORMAT, ProgressManifest.VERSION, ProgressFeatures.SPEC, "none",
                ProgressFeatures.width(384), 32, "sha256:x", 10, 2, new ProgressManifest.Metrics(0, 0, 0.5, 0, 0), List.of());
        assertTrue(load(tmp, "v2", new ProgressManifest(good.format(), 2, good.featureSpec(), good.embedder(), good.inputWidth(),
                good.hidden(), good.trainingDigest(), 10, 2, good.metrics(), List.of())).contains("folder version 2"));
        assertTrue(load(tmp, "spec", new ProgressManifest(good.format(), 1, "progress-features/v0", good.embedder(), good.inputWidth(),
                good.hidden(), good.trainingDigest(), 10, 2, good.metrics(), List.of())).contains("feature spec"));
        assertTrue(load(tmp, "emb", new ProgressManifest(good.format(), 1, good.featureSpec(), "other-embedder", good.inputWidth(),
                good.hidden(), good.trainingDigest(), 10, 2, good.metrics(), List.of())).contains("embedder"));
        var missing = assertThrows(ProgressModelException.class, () -> ProgressModel.load(tmp.resolve("nothing"), NO_EMBEDDER));
        assertTrue(missing.getMessage().contains("no progress model"), missing.getMessage());
    }

    private static String load(Path tmp, String name, ProgressManifest manifest) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ProgressManifest.FILE), Json.write(manifest));
        return assertThrows(ProgressModelException.class, () -> ProgressModel.load(dir, NO_EMBEDDER)).getMessage();
    }

    @Test
    void theSignalNeedsAModelForThePaperVariantAndGivesGroundingInTheLooVariant() {
        var e = assertThrows(IllegalArgumentException.class, () -> RewardPipeline.of(PipelineConfig.parseJson(
                "{\"signals\":[{\"name\":\"progress_attribution\"}]}", "t")));
        assertTrue(e.getMessage().contains("needs parameter \"model\""), e.getMessage());
        var v = assertThrows(IllegalArgumentException.class, () -> RewardPipeline.of(PipelineConfig.parseJson(
                "{\"signals\":[{\"name\":\"progress_attribution\",\"params\":{\"variant\":\"both\"}}]}", "t")));
        assertTrue(v.getMessage().contains("paper or loo"), v.getMessage());

        var loo = RewardPipeline.of(PipelineConfig.parseJson(
                "{\"signals\":[{\"name\":\"progress_attribution\",\"params\":{\"variant\":\"loo\"}}]}", "t")).episode(Map.of());
        assertEquals(0.0, loo.score(Map.of("invalid_action", true)).join().get(0).value());
        assertEquals(0.5, loo.score(Map.of("page", "search")).join().get(0).value());
        assertTrue(new ProgressAttributionSignal().serverOnlyParams().contains("model"));
    }
}
