package dev.stepgym.sandbox.process;

import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.SandboxException.Kind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to completion under a {@link ProcessSpec}'s limits and guarantees that
 * nothing it started is alive when {@link #run} returns. Thread-safe; runs are independent
 * (two runs must not share a work directory at the same time).
 *
 * <pre>{@code
 * ProcessRunner runner = new ProcessRunner();
 * ProcessResult r = runner.run(ProcessSpec.builder(List.of("python3", "-m", "unittest", "-q"), dir)
 *         .timeout(Duration.ofSeconds(10)).build());
 * System.out.println(r.exitCode() + " " + r.timedOut() + " " + r.containment());
 * }</pre>
 *
 * <p>The child runs sealed (see {@link SealedRoot}): it sees its work dir at
 * {@code /workspace}, the host's {@code /usr} read-only, and its own {@code /tmp}, {@code /dev/shm}
 * and {@code /proc}, nothing else. It gets a minimal environment: {@code PATH},
 * {@code HOME} = the work dir as it sees it,
 * {@code LANG=C.UTF-8}, {@code PYTHONDONTWRITEBYTECODE=1} (no {@code __pycache__} in the
 * diff), {@code PYTHONHASHSEED=0} (same set order every run), then the spec's additions.
 * Stdin is {@code /dev/null}.
 *
 * <p>End of a run, in order: wait for exit or timeout; on timeout kill the Java child
 * ({@code unshare}, whose death makes the kernel kill the whole PID namespace) and its
 * descendants; then sweep {@code /proc} for anything left with the run's uid or session and
 * kill it until none is left; then read the rest of the output; then remove from the work dir
 * what the host must not follow ({@link WorkDirScrub}); then take the work dir back.
 */
public final class ProcessRunner {
    /** Where a run sees its work directory (also its HOME and start directory). */
    public static final String SEALED_WORK_DIR = SealedRoot.WORK_DIR;
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final System.Logger LOG = System.getLogger(ProcessRunner.class.getName());
    private static final Duration SWEEP_DEADLINE = Duration.ofSeconds(10);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private final Containment containment;
    private final SandboxUids uids;

    /**
     * A runner with the containment probed on this machine, which must seal runs.
     *
     * @throws SandboxException UNSUPPORTED naming the missing kernel feature: a run is never
     *     made unsealed
     */
    public ProcessRunner() {
        this(Containment.detected().requireSealed());
    }

    /** A runner with a given containment: for tests of the weaker fallbacks only. */
    ProcessRunner(Containment containment) {
        this.containment = containment;
        this.uids = SandboxUids.defaults();
    }

    public Containment containment() {
        return containment;
    }

    /**
     * Runs the command and waits for it, at most for its timeout plus the time a sweep takes.
     *
     * @throws SandboxException IO when the command cannot be started (work dir missing, program
     *     not found by the wrappers shows as exit code 127 instead)
     */
    public ProcessResult run(ProcessSpec spec) {
        if (!Files.isDirectory(spec.workDir())) {
            throw new SandboxException(Kind.NOT_FOUND, "work dir does not exist: " + spec.workDir());
        }
        if (containment.dropsUid()) {
            try (SandboxUids.Lease lease = uids.acquire()) {
                try (WorkDirAccess access = WorkDirAccess.lend(spec.workDir(), lease.uid())) {
                    return runAs(spec, OptionalInt.of(lease.uid()), lease);
                }
            }
        }
        return runAs(spec, OptionalInt.empty(), null);
    }

    private ProcessResult runAs(ProcessSpec spec, OptionalInt uid, SandboxUids.Lease lease) {
        List<String> command = containment.wrap(spec, uid);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        environment(builder.environment(), spec);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException(Kind.IO, "cannot start " + spec.command() + ": " + e.getMessage(), e);
        }
        long pid = process.pid();
        CappedOutput out = new CappedOutput(process.getInputStream(), spec.outputBytes(), "sandbox-stdout-" + pid);
        CappedOutput err = new CappedOutput(process.getErrorStream(), spec.outputBytes(), "sandbox-stderr-" + pid);
        boolean timedOut = false;
        try {
            timedOut = !process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timedOut = true; // treat as a timeout: the tree is killed below all the same
        } finally {
            int left = killTree(process, uid);
            if (left > 0) {
                LOG.log(System.Logger.Level.WARNING, "{0} processes of run {1} survived the sweep", left, pid);
                if (lease != null) {
                    lease.quarantine();
                }
            }
        }
        out.await(OUTPUT_DRAIN);
        err.await(OUTPUT_DRAIN);
        int exit;
        try {
            exit = process.waitFor(); // already dead: the sweep killed it or it had exited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        List<String> removed = WorkDirScrub.scrub(spec.workDir()); // nothing of the run is alive to add more
        return new ProcessResult(exit, out.text(), err.text(), timedOut, out.truncated() || err.truncated(),
                Duration.ofNanos(System.nanoTime() - start), containment.describe(spec, uid), removed);
    }

    /**
     * Kills the child, its descendants and whatever else carries its session or uid, until none
     * is left; the descendants are taken first because they are reparented once the child dies.
     * Returns how many survived the deadline.
     */
    private static int killTree(Process process, OptionalInt uid) {
        long sid = process.pid(); // setsid made the child a session and group leader
        List<ProcessHandle> descendants = process.descendants().toList();
        // Through the handle: Process.destroyForcibly() also closes our ends of stdout and stderr,
        // and when it ran before the reader threads had taken what a finished run wrote, that
        // output was lost: an exit 0 with empty output (about 1 run in 100 with 3 threads).
        process.toHandle().destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly); // checks start times: no pid reuse
        return ProcessSweeper.killMatching(p -> p.session() == sid || p.pgrp() == sid
                || (uid.isPresent() && p.uid() == uid.getAsInt()), SWEEP_DEADLINE);
    }

    private void environment(Map<String, String> env, ProcessSpec spec) {
        env.clear();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOME", containment.visibleWorkDir(spec));
        env.put("LANG", "C.UTF-8");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONHASHSEED", "0");
        env.putAll(spec.env());
    }
}
