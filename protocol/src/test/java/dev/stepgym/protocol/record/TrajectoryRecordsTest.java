package dev.stepgym.protocol.record;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing and reading trajectory files, including what a crash can leave behind. */
class TrajectoryRecordsTest {
    @TempDir
    Path root;

    private static TrajectoryRecord.Header header(String id) {
        return new TrajectoryRecord.Header(id, "counter-v1", "v1", "target-2", 9L, "unit", "sha256:abc", null, null,
                Map.of("start", 1));
    }

    private static TrajectoryRecord.StepLine step(int n) {
        return new TrajectoryRecord.StepLine(n, Action.text("inc"),
                new Observation("count=" + n, List.of("inc"), Map.of("count", n), null),
                List.of(new RewardComponent("progress", 1.0, 0.5, "env:counter", RewardKind.STEP)), 0.5,
                false, false, "sha256:" + n, Map.of(), 3);
    }

    private Path writeEpisode(TrajectoryRecorder recorder, String id, int steps, boolean end) {
        Path file = recorder.fileOf("counter-v1", id);
        recorder.append(file, header(id));
        for (int i = 1; i <= steps; i++) {
            recorder.append(file, step(i));
        }
        if (end) {
            recorder.append(file, new TrajectoryRecord.End(steps, 0.5 * steps, Map.of("success", true), "closed"));
        }
        return file;
    }

    @Test
    void linesRoundTripWithTheirTypeTags() throws Exception {
        try (TrajectoryRecorder recorder = new TrajectoryRecorder(root, 4)) {
            Path file = writeEpisode(recorder, "ep-1", 2, true);
            assertEquals(root.resolve("counter-v1").resolve("ep-1.jsonl").toAbsolutePath(), file);
            List<String> lines = Files.readAllLines(file);
            assertEquals(4, lines.size());
            assertTrue(lines.get(0).startsWith("{\"type\":\"episode\",\"episode_id\":\"ep-1\""), lines.get(0));
            assertTrue(lines.get(1).startsWith("{\"type\":\"step\",\"step\":1"), lines.get(1));
            assertTrue(lines.get(1).contains("\"elapsed_ms\":3"), lines.get(1));
            assertTrue(lines.get(3).contains("\"return\":1.0") && lines.get(3).contains("\"reason\":\"closed\""), lines.get(3));
            assertTrue(!lines.get(0).contains("parent_episode_id"), "absent for an episode that is no fork");

            Trajectory t = TrajectoryReader.read(file);
            assertEquals(header("ep-1"), t.header());
            assertEquals(List.of(step(1), step(2)), t.steps());
            assertEquals(1.0, t.end().totalReturn());
            assertNull(t.tornLine());
        }
    }

    @Test
    void aTornLastLineIsSkippedAndReported() throws Exception {
        Path file;
        try (TrajectoryRecorder recorder = new TrajectoryRecorder(root, 4)) {
            file = writeEpisode(recorder, "ep-torn", 3, false);
        }
        // What a crash in the middle of a write leaves: the start of a line, no newline.
        Files.writeString(file, "{\"type\":\"step\",\"step\":4,\"act", StandardOpenOption.APPEND);
        Trajectory t = TrajectoryReader.read(file);
        assertEquals(3, t.steps().size());
        assertNull(t.end());
        assertNotNull(t.tornLine());
        assertEquals(5, t.tornLine().lineNumber());
    }

    @Test
    void aCorruptMiddleLineIsAnErrorNamingTheLine() throws Exception {
        Path file;
        try (TrajectoryRecorder recorder = new TrajectoryRecorder(root, 4)) {
            file = writeEpisode(recorder, "ep-bad", 3, true);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, "{not json");
        Files.write(file, lines, StandardCharsets.UTF_8);
        CorruptTrajectoryException e = assertThrows(CorruptTrajectoryException.class, () -> TrajectoryReader.read(file));
        assertEquals(3, e.lineNumber());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void aFileMustStartWithAHeader() throws Exception {
        Path file = root.resolve("x.jsonl");
        Files.writeString(file, "{\"type\":\"end\",\"steps\":0,\"return\":0.0,\"outcome\":{},\"reason\":\"closed\"}\n{\"type\":\"end\"}\n");
        CorruptTrajectoryException e = assertThrows(CorruptTrajectoryException.class, () -> TrajectoryReader.read(file));
        assertEquals(1, e.lineNumber());
    }

    @Test
    void manyEpisodesShareABoundedSetOfOpenFiles() {
        try (TrajectoryRecorder recorder = new TrajectoryRecorder(root, 2)) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Path file = recorder.fileOf("counter-v1", "ep-" + i);
                recorder.append(file, header("ep-" + i));
                files.add(file);
            }
            // Interleaved appends force files to be closed and reopened.
            for (int round = 1; round <= 3; round++) {
                for (Path file : files) {
                    recorder.append(file, step(round));
                    assertTrue(recorder.openFiles() <= 2);
                }
            }
            for (Path file : files) {
                recorder.append(file, new TrajectoryRecord.End(3, 1.5, Map.of(), "closed"));
                recorder.finish(file);
            }
            assertEquals(0, recorder.openFiles());
            List<Trajectory> all = TrajectoryReader.readAll(root);
            assertEquals(6, all.size());
            for (Trajectory t : all) {
                assertEquals(List.of(step(1), step(2), step(3)), t.steps());
                assertTrue(t.complete());
            }
        }
    }

    @Test
    void episodeIdsCannotEscapeTheRecordDirectory() {
        try (TrajectoryRecorder recorder = new TrajectoryRecorder(root, 2)) {
            assertThrows(IllegalArgumentException.class, () -> recorder.fileOf("counter-v1", "../../evil"));
            assertThrows(IllegalArgumentException.class, () -> recorder.fileOf("..", "x"));
        }
    }

    /**
     * Issue 8: a worker interrupted by a pool shutdown closed the episode's interruptible channel,
     * so its own line and every later line of that file (the end line) were lost.
     */
    @Test
    void anInterruptedWriterLosesNoLineAndBreaksNoFile() {
        try (TrajectoryRecorder recorder = new TrajectoryRecorder(root, 4)) {
            Path file = recorder.fileOf("counter-v1", "ep-int");
            recorder.append(file, header("ep-int"));
            Thread.currentThread().interrupt();
            try {
                recorder.append(file, step(1));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for its owner");
            } finally {
                Thread.interrupted();
            }
            recorder.append(file, step(2));
            recorder.append(file, new TrajectoryRecord.End(2, 1.0, Map.of(), "shutdown"));
            Thread.currentThread().interrupt();
            Trajectory read;
            try {
                read = TrajectoryReader.read(file);
            } finally {
                Thread.interrupted();
            }
            assertEquals(List.of(step(1), step(2)), read.steps());
            assertNotNull(read.end());
        }
    }
}
