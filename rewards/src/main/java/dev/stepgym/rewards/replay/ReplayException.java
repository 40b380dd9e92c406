package dev.stepgym.rewards.replay;

import java.nio.file.Path;

/** A trajectory that cannot be replayed: the message names the file and, where known, the line. */
public final class ReplayException extends RuntimeException {
    public ReplayException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    }
}
