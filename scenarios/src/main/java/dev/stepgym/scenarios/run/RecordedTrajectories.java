package dev.stepgym.scenarios.run;

import dev.stepgym.protocol.record.CorruptTrajectoryException;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.scenarios.report.CodeEvalRecorder;
import dev.stepgym.scenarios.report.CodeEvalReport;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of recorded code-v1 trajectories ({@code --trajectories DIR}, as {@code --record-dir}
 * writes them) evaluated like a live agent: every {@code *.jsonl} file under it, read with
 * {@link TrajectoryReader}. Trajectories of other environments and forks are skipped (and
 * counted); a damaged file or one without its end line is a row with an error, not a crash.
 */
public final class RecordedTrajectories {
    private static final String CODE_ENV_PREFIX = "code-";

    private RecordedTrajectories() {
    }

    /** @throws IllegalArgumentException when {@code folder} is not a readable folder */
    static void requireFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--trajectories " + folder + ": no such folder");
        }
    }

    /** One row per recorded code episode, sorted by task then episode id. */
    public static List<CodeEvalReport.TaskResult> read(Path folder, PrintStream out) {
        requireFolder(folder);
        List<Path> files;
        try (Stream<Path> paths = Files.walk(folder)) {
            files = paths.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list trajectories under " + folder, e);
        }
        List<CodeEvalReport.TaskResult> results = new ArrayList<>();
        int otherEnvs = 0;
        int forks = 0;
        for (Path file : files) {
            Trajectory trajectory;
            try {
                trajectory = TrajectoryReader.read(file);
            } catch (CorruptTrajectoryException | UncheckedIOException e) {
                results.add(CodeEvalReport.TaskResult.failed(file.getFileName().toString(), null, 0, null,
                        "unreadable trajectory " + folder.relativize(file) + ": " + e.getMessage()));
                continue;
            }
            if (trajectory.header().env() == null || !trajectory.header().env().startsWith(CODE_ENV_PREFIX)) {
                otherEnvs++;
                continue;
            }
            if (trajectory.header().parentEpisodeId() != null) {
                forks++;
                continue;
            }
            String error = trajectory.complete() ? null
                    : "the trajectory has no end line: the episode was never closed (or the server died)";
            results.add(CodeEvalRecorder.task(trajectory, -1, null, error));
        }
        if (otherEnvs > 0 || forks > 0) {
            out.printf(Locale.ROOT, "%s: skipped %d trajectories of other environments and %d forks%n", folder, otherEnvs, forks);
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("--trajectories " + folder + ": no code-v1 trajectories (*.jsonl) found");
        }
        results.sort(Comparator.comparing(CodeEvalReport.TaskResult::task)
                .thenComparing(t -> t.episodeId() == null ? "" : t.episodeId()));
        return results;
    }
}
