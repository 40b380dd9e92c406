package dev.stepgym.rewards.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RescoreRunTest {
    private static final PipelineConfig RECORDED = PipelineConfig.parseJson(
            "{\"signals\":[{\"name\":\"test_hits_so_far\"},{\"name\":\"invalid_action\",\"params\":{\"source\":\"env:t\"}}]}", "p");

    /** A file as the server writes it: hits on steps 1 and 2, an invalid action on step 3. */
    private static void episode(Path dir, String id, String parent, Integer parentStep, List<Map<String, Object>> evidence) {
        List<TrajectoryRecord> records = new ArrayList<>();
        records.add(new TrajectoryRecord.Header(id, "t-v1", "v1", "task-1", 7, null, RECORDED.digest(), parent, parentStep,
                Map.of(), Map.of("goal", "g"), RECORDED.toJson()));
        int first = parentStep == null ? 1 : parentStep + 1;
        for (int i = 0; i < evidence.size(); i++) {
            records.add(new TrajectoryRecord.StepLine(first + i, Action.text("a" + i), Observation.of("o", List.of()), List.of(), 0.0,
                    false, false, "sha256:x", Map.of(), 1, evidence.get(i)));
        }
        records.add(new TrajectoryRecord.End(evidence.size(), 0.0, Map.of(), "closed"));
        RescoreRun.write(dir.resolve("t-v1").resolve(id + ".jsonl"), records);
    }

    @Test
    void newWeightsAndAnAddedSignalGiveTheExpectedValuesAndTheOriginalsStay(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        episode(in, "e1", null, null, List.of(Map.of("hit", true), Map.of("hit", true), Map.of("invalid_action", true)));
        // A fork after step 2 of e1: its first step has two hits behind it, inherited from the parent.
        episode(in, "e2", "e1", 2, List.of(Map.of("hit", false)));
        String before = Files.readString(in.resolve("t-v1/e1.jsonl"));
        PipelineConfig other = PipelineConfig.parseJson("{\"signals\":[{\"name\":\"invalid_action\",\"weight\":1.0},"
                + "{\"name\":\"test_hits_so_far\",\"weight\":2.0,\"params\":{\"scale\":3}}]}", "other");
        RescoreRun.Summary summary = RescoreRun.run(in, other, tmp.resolve("out"), null);
        assertEquals(2, summary.files());
        assertEquals(4, summary.steps());
        assertEquals(before, Files.readString(in.resolve("t-v1/e1.jsonl")), "the original is untouched");

        Trajectory e1 = TrajectoryReader.read(tmp.resolve("out/t-v1/e1.jsonl"));
        // step 3: invalid (−1 × 1.0), then hits so far 2 × scale 3 = 6 at weight 2
        assertEquals(List.of(new RewardComponent("invalid_action", -1.0, 1.0, "env", RewardKind.PENALTY),
                new RewardComponent("test_hits_so_far", 6.0, 2.0, "test", RewardKind.STEP)), e1.steps().get(2).rewards());
        assertEquals(-1.0 + 12.0, e1.steps().get(2).reward(), 1e-12);
        assertEquals(0.0 + 6.0 + 11.0, e1.end().totalReturn(), 1e-12); // 0, 1×3×2, then step 3
        assertEquals(other.digest(), e1.header().rewardConfigDigest());
        assertEquals(other.toJson(), e1.header().rewardPipeline());
        Trajectory e2 = TrajectoryReader.read(tmp.resolve("out/t-v1/e2.jsonl"));
        assertEquals(12.0, e2.steps().get(0).reward(), 1e-12, "the fork's signals saw the parent's two hits");
        try (var left = Files.walk(tmp.resolve("out"))) {
            assertTrue(left.noneMatch(p -> p.toString().endsWith(".partial")));
        }
    }

    @Test
    void theRecordedPipelineReproducesTheRecordedComponents(@TempDir Path tmp) {
        Path in = tmp.resolve("in");
        episode(in, "e1", null, null, List.of(Map.of("hit", true), Map.of("hit", true), Map.of("invalid_action", true)));
        RescoreRun.run(in, RECORDED, tmp.resolve("once"), null);
        RescoreRun.run(tmp.resolve("once"), RECORDED, tmp.resolve("twice"), null);
        Trajectory once = TrajectoryReader.read(tmp.resolve("once/t-v1/e1.jsonl"));
        Trajectory twice = TrajectoryReader.read(tmp.resolve("twice/t-v1/e1.jsonl"));
        assertEquals(once.steps(), twice.steps());
    }

    @Test
    void badInputIsAClearErrorNamingFileAndLine(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        episode(in, "e1", null, null, List.of(Map.of("hit", true), Map.of("invalid_action", "yes")));
        ReplayException e = assertThrows(ReplayException.class, () -> RescoreRun.run(in, RECORDED, tmp.resolve("out"), null));
        assertTrue(e.getMessage().startsWith("t-v1/e1.jsonl:3: step 2: signal invalid_action: evidence field \"invalid_action\" must be a boolean"),
                e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("out/t-v1/e1.jsonl")), "no output for a file that failed");

        Path corrupt = tmp.resolve("corrupt");
        episode(corrupt, "e1", null, null, List.of(Map.of("hit", true), Map.of("hit", true)));
        Path file = corrupt.resolve("t-v1/e1.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, "{\"type\":\"step\",\"step\":");
        Files.write(file, lines);
        ReplayException c = assertThrows(ReplayException.class, () -> RescoreRun.run(corrupt, RECORDED, tmp.resolve("out2"), null));
        assertTrue(c.getMessage().startsWith("t-v1/e1.jsonl:2: "), c.getMessage());

        IllegalArgumentException inside = assertThrows(IllegalArgumentException.class, () -> RescoreRun.run(in, RECORDED, in.resolve("x"), null));
        assertTrue(inside.getMessage().contains("originals are never changed"), inside.getMessage());
        episode(tmp.resolve("orphan"), "e9", "gone", 1, List.of(Map.of()));
        ReplayException orphan = assertThrows(ReplayException.class, () -> RescoreRun.run(tmp.resolve("orphan"), RECORDED, tmp.resolve("o3"), null));
        assertTrue(orphan.getMessage().contains("forked from episode gone, whose file is not in the input"), orphan.getMessage());
    }
}
