package dev.stepgym.scenarios.replay;

/**
 * One difference between a recorded step and its re-execution.
 *
 * @param file  the trajectory file, relative to the input folder
 * @param step  the step number (0: the episode could not be started)
 * @param field {@code observation}, {@code state_hash}, {@code rewards}, {@code reward},
 *              {@code terminated}, {@code truncated}, or {@code episode}
 */
public record Mismatch(String file, int step, String field, String expected, String got) {
    @Override
    public String toString() {
        return file + " step " + step + " " + field + ": expected " + expected + ", got " + got;
    }
}
