package dev.stepgym.protocol.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stepgym.protocol.json.Json;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads trajectory files. A last line that does not parse is a torn write (the process died while
 * appending it): it is skipped and reported in {@link Trajectory#tornLine()}. Any other bad line is
 * a {@link CorruptTrajectoryException} naming the line, because appends never rewrite earlier lines.
 */
public final class TrajectoryReader {
    private TrajectoryReader() {
    }

    /** Reads one file. */
    public static Trajectory read(Path file) {
        byte[] bytes;
        // A stream, not Files.readAllBytes: an interrupt must not fail the read (see TrajectoryRecorder).
        try (InputStream in = new FileInputStream(file.toFile())) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trajectory " + file, e);
        }
        List<String> lines = splitLines(new String(bytes, StandardCharsets.UTF_8));
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        TrajectoryRecord.Header header = null;
        List<TrajectoryRecord.StepLine> steps = new ArrayList<>();
        TrajectoryRecord.End end = null;
        Trajectory.TornLine torn = null;
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank()) {
                throw new CorruptTrajectoryException(file, lineNumber, "empty line in the middle of the file");
            }
            TrajectoryRecord record;
            try {
                record = Json.mapper().readValue(line, TrajectoryRecord.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String problem = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
                if (i == last) {
                    torn = new Trajectory.TornLine(lineNumber, "torn last line skipped: " + problem);
                    break;
                }
                throw new CorruptTrajectoryException(file, lineNumber, "not a trajectory record: " + problem);
            }
            if (end != null) {
                throw new CorruptTrajectoryException(file, lineNumber, "record after the end line");
            }
            if (i == 0) {
                if (!(record instanceof TrajectoryRecord.Header h)) {
                    throw new CorruptTrajectoryException(file, lineNumber, "the first line must be the episode header");
                }
                header = h;
            } else if (record instanceof TrajectoryRecord.StepLine s) {
                steps.add(s);
            } else if (record instanceof TrajectoryRecord.End e) {
                end = e;
            } else {
                throw new CorruptTrajectoryException(file, lineNumber, "a second episode header");
            }
        }
        if (header == null) {
            throw new CorruptTrajectoryException(file, 1, torn == null ? "empty trajectory file" : "the header line is torn");
        }
        return new Trajectory(header.episodeId(), header, steps, end, torn);
    }

    /** Reads a file, or every {@code *.jsonl} file under a directory (recursively, in path order). */
    public static List<Trajectory> readAll(Path fileOrDirectory) {
        if (!Files.isDirectory(fileOrDirectory)) {
            return List.of(read(fileOrDirectory));
        }
        try (Stream<Path> paths = Files.walk(fileOrDirectory)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                    .sorted()
                    .map(TrajectoryReader::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list trajectories under " + fileOrDirectory, e);
        }
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
