package dev.stepgym.rewards.replay;

import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.CorruptTrajectoryException;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.TransformChain;
import dev.stepgym.rewards.transform.TrajectoryGroup;
import dev.stepgym.rewards.transform.TrajectoryRewards;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code stepgym replay rescore}: every trajectory under a folder re-scored with a pipeline and
 * written, under the same relative path, to another folder. The originals are never written;
 * each output file appears whole or not at all (written aside, then moved into place).
 */
public final class RescoreRun {
    private RescoreRun() {}

    /** What a run did. */
    public record Summary(int files, int steps, double totalReturn) {}

    /**
     * @param progress where the progress bar goes (stderr), or null for none
     * @throws IllegalArgumentException when the output folder is the input or inside it
     * @throws ReplayException naming the file and line that cannot be re-scored
     */
    public static Summary run(Path in, PipelineConfig pipeline, Path out, PrintStream progress) {
        Path inDir = in.toAbsolutePath().normalize();
        Path outDir = out.toAbsolutePath().normalize();
        if (!Files.isDirectory(inDir)) {
            throw new IllegalArgumentException("no such folder: " + in);
        }
        if (outDir.startsWith(inDir)) {
            throw new IllegalArgumentException("the output folder " + out + " is inside the input " + in
                    + ": originals are never changed, choose another folder");
        }
        Rescorer rescorer = new Rescorer(pipeline);
        List<Path> files = list(inDir);
        Map<String, Trajectory> byEpisode = new LinkedHashMap<>();
        Map<Path, Trajectory> read = new LinkedHashMap<>();
        for (Path file : files) {
            Trajectory t;
            try {
                t = TrajectoryReader.read(file);
            } catch (CorruptTrajectoryException e) {
                throw new ReplayException(inDir.relativize(file), e.lineNumber(), e.problem(), e);
            }
            read.put(file, t);
            byEpisode.put(t.episodeId(), t);
        }
        Progress bar = new Progress(progress, files.size());
        Map<Path, Rescorer.Rescored> rescored = new LinkedHashMap<>();
        for (Map.Entry<Path, Trajectory> e : read.entrySet()) {
            Path relative = inDir.relativize(e.getKey());
            rescored.put(relative, rescorer.rescore(relative, e.getValue(), parentEvidence(relative, e.getValue(), byEpisode)));
            bar.advance();
        }
        bar.done();
        if (!rescorer.pipeline().transforms().isEmpty()) {
            applyTransforms(rescorer, rescored);
        }
        int steps = 0;
        double total = 0;
        for (Map.Entry<Path, Rescorer.Rescored> e : rescored.entrySet()) {
            write(outDir.resolve(e.getKey().toString()), e.getValue().records());
            steps += e.getValue().steps().size();
            total += e.getValue().steps().stream().mapToDouble(TrajectoryRecord.StepLine::reward).sum();
        }
        return new Summary(files.size(), steps, total);
    }

    /**
     * The pipeline's transforms over each group of finished episodes of the same environment and
     * task (in file order), their values put in each end line's {@code returns}.
     */
    private static void applyTransforms(Rescorer rescorer, Map<Path, Rescorer.Rescored> rescored) {
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        for (Map.Entry<Path, Rescorer.Rescored> e : rescored.entrySet()) {
            TrajectoryRecord.Header h = e.getValue().header();
            if (e.getValue().end() != null && !e.getValue().steps().isEmpty()) {
                groups.computeIfAbsent(h.env() + "\u0000" + h.task(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (List<Path> members : groups.values()) {
            List<TrajectoryRewards> group = new ArrayList<>();
            for (Path p : members) {
                Rescorer.Rescored r = rescored.get(p);
                List<String> hashes = r.steps().stream().map(TrajectoryRecord.StepLine::stateHash).toList();
                group.add(TransformChain.trajectory(r.header().episodeId(),
                        r.steps().stream().map(TrajectoryRecord.StepLine::rewards).toList(),
                        hashes.contains(null) ? List.of() : hashes));
            }
            List<List<Double>> values;
            try {
                values = rescorer.pipeline().transforms().offline(new TrajectoryGroup(group));
            } catch (IllegalArgumentException ex) {
                throw new ReplayException(members.get(0), 0, "transforms over the group of task "
                        + rescored.get(members.get(0)).header().task() + ": " + ex.getMessage(), ex);
            }
            for (int i = 0; i < members.size(); i++) {
                Rescorer.Rescored r = rescored.get(members.get(i));
                TrajectoryRecord.End end = r.end();
                rescored.put(members.get(i), r.withEnd(new TrajectoryRecord.End(end.steps(), end.totalReturn(), end.outcome(),
                        end.reason(), values.get(i))));
            }
        }
    }

    /** The evidence a fork inherited: its parent's steps up to the fork, following forks of forks. */
    static List<Map<String, Object>> parentEvidence(Path file, Trajectory t, Map<String, Trajectory> byEpisode) {
        TrajectoryRecord.Header h = t.header();
        if (h.parentEpisodeId() == null) {
            return List.of();
        }
        Trajectory parent = byEpisode.get(h.parentEpisodeId());
        if (parent == null) {
            throw new ReplayException(file, 1, "forked from episode " + h.parentEpisodeId() + ", whose file is not in the input", null);
        }
        List<Map<String, Object>> evidence = new ArrayList<>(parentEvidence(file, parent, byEpisode));
        for (TrajectoryRecord.StepLine s : parent.steps()) {
            if (s.step() <= h.parentStep()) {
                evidence.add(s.evidence());
            }
        }
        return evidence;
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Writes the lines beside the target, then moves them into place: the file is whole or absent. */
    public static void write(Path target, List<TrajectoryRecord> records) {
        Path aside = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            aside.toFile().deleteOnExit(); // an interrupted run (Ctrl-C) leaves nothing half-written
            try (OutputStream o = Files.newOutputStream(aside)) {
                for (TrajectoryRecord r : records) {
                    o.write(Json.writeBytes(r));
                    o.write('\n');
                }
            }
            Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(aside);
            } catch (IOException ignored) {
                // the write failed already; that is the error to report
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** A one-line progress bar, redrawn in place, for runs long enough to want one. */
    static final class Progress {
        private final PrintStream out;
        private final int total;
        private int done;
        private long lastDraw;

        Progress(PrintStream out, int total) {
            this.out = out;
            this.total = total;
        }

        void advance() {
            done++;
            long now = System.nanoTime();
            if (out != null && (now - lastDraw > 200_000_000L || done == total)) {
                lastDraw = now;
                int width = 30;
                int filled = total == 0 ? width : (int) ((long) width * done / total);
                out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " files");
                out.flush();
            }
        }

        void done() {
            if (out != null && total > 0) {
                out.println();
            }
        }
    }
}
