package dev.stepgym.rewards.replay;

import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.CorruptTrajectoryException;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.pipeline.PipelineConfig;
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
        int steps = 0;
        double total = 0;
        for (Map.Entry<Path, Trajectory> e : read.entrySet()) {
            Path relative = inDir.relativize(e.getKey());
            Trajectory t = e.getValue();
            Rescorer.Rescored rescored = rescorer.rescore(relative, t, parentEvidence(relative, t, byEpisode));
            write(outDir.resolve(relative.toString()), rescored.records());
            steps += rescored.steps().size();
            total += rescored.steps().stream().mapToDouble(TrajectoryRecord.StepLine::reward).sum();
            bar.advance();
        }
        bar.done();
        return new Summary(files.size(), steps, total);
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
