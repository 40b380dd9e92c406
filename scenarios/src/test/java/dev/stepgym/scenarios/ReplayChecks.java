package dev.stepgym.scenarios;

import dev.stepgym.protocol.env.EnvironmentRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.replay.RescoreRun;
import dev.stepgym.scenarios.replay.Mismatch;
import dev.stepgym.scenarios.replay.ReplayVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The offline checks a recorded run must pass: {@code replay rescore} with the recorded pipeline
 * gives back every recorded component bit for bit, and {@code replay verify} re-executes every
 * episode with zero mismatches.
 */
final class ReplayChecks {
    private ReplayChecks() {}

    /** Re-scores each environment's folder under {@code runs} with its recorded pipeline; returns the steps compared. */
    static int rescoreReproduces(Path runs, Path scratch) {
        int compared = 0;
        for (Path envDir : folders(runs)) {
            Trajectory first = TrajectoryReader.readAll(envDir).get(0);
            assertTrue(first.header().rewardPipeline() != null, envDir + " records its pipeline");
            PipelineConfig recorded = PipelineConfig.parse(first.header().rewardPipeline(), "header");
            Path out = scratch.resolve(envDir.getFileName().toString());
            RescoreRun.run(envDir, recorded, out, null);
            for (Trajectory original : TrajectoryReader.readAll(envDir)) {
                assertEquals(first.header().rewardConfigDigest(), original.header().rewardConfigDigest(), "one pipeline per folder");
                Trajectory again = TrajectoryReader.read(out.resolve(original.episodeId() + ".jsonl"));
                for (int i = 0; i < original.steps().size(); i++) {
                    TrajectoryRecord.StepLine want = original.steps().get(i);
                    TrajectoryRecord.StepLine got = again.steps().get(i);
                    assertEquals(want.rewards(), got.rewards(), original.episodeId() + " step " + want.step());
                    assertEquals(Double.doubleToLongBits(want.reward()), Double.doubleToLongBits(got.reward()),
                            original.episodeId() + " step " + want.step() + " reward");
                    compared++;
                }
            }
        }
        return compared;
    }

    /** Re-executes every file under {@code runs}; returns what differed. */
    static List<Mismatch> verify(Path runs, Map<String, Map<String, String>> settings) {
        try (ReplayVerifier verifier = new ReplayVerifier(EnvironmentRegistry.discover(), settings)) {
            return verifier.verify(runs, null).mismatches();
        }
    }

    /** Both checks, with a message that lists the first mismatches. */
    static void reproduces(Path runs, Path scratch, Map<String, Map<String, String>> settings) {
        int steps = rescoreReproduces(runs, scratch);
        assertTrue(steps > 0, "steps were compared");
        List<Mismatch> mismatches = verify(runs, settings);
        assertEquals(List.of(), mismatches.subList(0, Math.min(10, mismatches.size())),
                mismatches.size() + " mismatches re-executing " + runs);
        System.out.println("replay: " + steps + " recorded steps re-scored exactly, every episode re-executed with 0 mismatches");
    }

    private static List<Path> folders(Path runs) {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> dirs = s.filter(Files::isDirectory).sorted().toList();
            assertFalse(dirs.isEmpty(), "nothing recorded under " + runs);
            return dirs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
