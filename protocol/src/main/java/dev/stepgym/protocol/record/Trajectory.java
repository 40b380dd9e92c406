package dev.stepgym.protocol.record;

import java.util.List;

/**
 * A trajectory file read back.
 *
 * @param episodeId the episode, from the header
 * @param header    the header line
 * @param steps     the step lines in file order
 * @param end       the end line, or null while the episode is open (or if the process died before writing it)
 * @param tornLine  the torn last line that was skipped, or null when the file ended cleanly
 */
public record Trajectory(String episodeId, TrajectoryRecord.Header header, List<TrajectoryRecord.StepLine> steps,
                         TrajectoryRecord.End end, TornLine tornLine) {
    public Trajectory {
        steps = List.copyOf(steps);
    }

    /** A last line that was cut short by a crash (skipped when reading). */
    public record TornLine(int lineNumber, String reason) {
    }

    public boolean complete() {
        return end != null;
    }
}
