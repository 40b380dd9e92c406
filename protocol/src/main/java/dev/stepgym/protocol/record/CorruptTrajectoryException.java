package dev.stepgym.protocol.record;

import java.nio.file.Path;

/**
 * A trajectory file that is damaged somewhere other than its last line: that cannot come from a
 * crash while appending, so the reader refuses it rather than guessing.
 */
public class CorruptTrajectoryException extends RuntimeException {
    private final Path file;
    private final int lineNumber;
    private final String problem;

    public CorruptTrajectoryException(Path file, int lineNumber, String problem) {
        super(file + " line " + lineNumber + ": " + problem);
        this.file = file;
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** What is wrong with the line, without the file's path (safe to show a remote client). */
    public String problem() {
        return problem;
    }

    public Path file() {
        return file;
    }

    /** 1-based number of the bad line. */
    public int lineNumber() {
        return lineNumber;
    }
}
