package dev.stepgym.sandbox.process;

import java.time.Duration;
import java.util.List;

/**
 * How a run ended.
 *
 * <pre>{@code
 * ProcessResult r = runner.run(spec);
 * if (r.timedOut()) { ... } else if (r.exitCode() == 0) { ... }
 * }</pre>
 *
 * @param exitCode the command's exit status; 128 + signal when it was killed (137 after a timeout)
 * @param stdout the first {@link ProcessSpec#outputBytes()} bytes of stdout, decoded as UTF-8
 *     (malformed bytes become U+FFFD)
 * @param stderr likewise for stderr
 * @param timedOut the timeout fired and the process tree was killed
 * @param outputTruncated stdout or stderr was longer than the cap
 * @param elapsed wall-clock time from start to the end of the sweep
 * @param containment what confined this run, in words (for logs and trajectory info)
 * @param removed work-dir entries the run left that the host must not follow, removed after it:
 *     symlinks leading outside the work dir, pipes, sockets, devices (relative paths, sorted)
 */
public record ProcessResult(
        int exitCode,
        String stdout,
        String stderr,
        boolean timedOut,
        boolean outputTruncated,
        Duration elapsed,
        String containment,
        List<String> removed) {

    public ProcessResult {
        removed = List.copyOf(removed);
    }

    /** Exited by itself with status 0. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
