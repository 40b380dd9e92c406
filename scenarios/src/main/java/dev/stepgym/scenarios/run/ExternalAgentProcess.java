package dev.stepgym.scenarios.run;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external agent process to its end, bounded: its standard output and error go to one
 * log file (no pipe the evaluator must drain, so a chatty agent never blocks), the log is capped
 * (past the cap the process tree is killed), and past the wall-clock limit the process and all its
 * descendants are killed ({@link ProcessHandle#descendants()}). Standard input is empty. The
 * process is the user's own program: it is not sandboxed, it runs with the evaluator's rights,
 * working directory and environment plus the variables given.
 */
public final class ExternalAgentProcess {
    /** How often the process is checked for its exit and the size of its log. */
    private static final long POLL_MILLIS = 50;
    /** How long a killed process tree gets to disappear. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    private ExternalAgentProcess() {
    }

    /**
     * How the process ended.
     *
     * @param exitCode     its exit status (-1 when it had to be killed)
     * @param timedOut     it ran past the limit and its tree was killed
     * @param logTooLarge  its output passed the cap and its tree was killed
     * @param seconds      how long it ran
     */
    public record Result(int exitCode, boolean timedOut, boolean logTooLarge, double seconds) {
        /** Why the process was stopped, or null when it ended by itself. */
        public String killedBecause(Duration limit, long logLimitBytes) {
            if (timedOut) {
                return "the agent ran past its time limit of " + limit.toSeconds() + " s and its process tree was killed";
            }
            if (logTooLarge) {
                return "the agent wrote more than " + logLimitBytes + " bytes of output and its process tree was killed";
            }
            return null;
        }
    }

    /**
     * Starts {@code command} and waits for it, at most {@code limit}.
     *
     * @throws UncheckedIOException when the command cannot be started (not found, not executable)
     */
    public static Result run(List<String> command, Map<String, String> environment, Path log, Duration limit,
                             long logLimitBytes) {
        long start = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the agent command " + command + ": " + e.getMessage(), e);
        }
        long deadline = start + limit.toNanos();
        boolean timedOut = false;
        boolean tooLarge = false;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - deadline >= 0) {
                    timedOut = true;
                    break;
                }
                if (size(log) > logLimitBytes) {
                    tooLarge = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timedOut = true;
        } finally {
            if (process.isAlive()) {
                killTree(process.toHandle());
            }
        }
        capLog(log, logLimitBytes);
        double seconds = (System.nanoTime() - start) / 1e9;
        int exit = timedOut || tooLarge ? -1 : process.exitValue();
        return new Result(exit, timedOut, tooLarge, seconds);
    }

    /** Kills the descendants first (they would be re-parented and lost once the root dies), then the root. */
    static void killTree(ProcessHandle root) {
        for (int round = 0; round < 3; round++) {
            // Another round catches children forked while the first ones were being killed.
            root.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        List<ProcessHandle> left = root.descendants().toList();
        root.destroyForcibly();
        left.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        for (ProcessHandle h : concat(root, left)) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // Not gone within the grace: nothing more a process can do; the caller reports the kill.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle root, List<ProcessHandle> others) {
        List<ProcessHandle> all = new java.util.ArrayList<>(others.size() + 1);
        all.add(root);
        all.addAll(others);
        return all;
    }

    private static long size(Path log) {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Cuts a log that grew past the cap back to it, with a line saying so. */
    private static void capLog(Path log, long limit) {
        if (size(log) <= limit) {
            return;
        }
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(limit);
            channel.position(limit);
            channel.write(java.nio.ByteBuffer.wrap(("\n[stepgym: output cut at " + limit + " bytes]\n")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cap the agent log " + log, e);
        }
    }
}
