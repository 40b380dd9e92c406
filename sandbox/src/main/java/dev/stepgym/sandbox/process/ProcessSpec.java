package dev.stepgym.sandbox.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run and under which limits. Built with {@link #builder}; every limit has a default.
 *
 * <pre>{@code
 * ProcessSpec spec = ProcessSpec.builder(List.of("python3", "-m", "unittest"), workspace.root())
 *         .timeout(Duration.ofSeconds(20))
 *         .memoryBytes(512L << 20)
 *         .env("PYTHONPATH", "src")
 *         .build();
 * }</pre>
 *
 * @param command program and arguments; the program is looked up on the sandbox PATH
 * @param workDir working directory, also HOME
 * @param env additions to the minimal environment (they win over the defaults)
 * @param timeout wall-clock limit; past it the whole process tree is killed
 * @param memoryBytes address-space limit per process (RLIMIT_AS)
 * @param outputBytes bytes kept of stdout and of stderr each; the rest is read and dropped
 * @param maxProcesses processes and threads the run may have at once (RLIMIT_NPROC of its own uid)
 * @param maxFileBytes largest file the run may write (RLIMIT_FSIZE)
 * @param networkAllowed false (the default) runs in an empty network namespace: not even loopback
 */
public record ProcessSpec(
        List<String> command,
        Path workDir,
        Map<String, String> env,
        Duration timeout,
        long memoryBytes,
        long outputBytes,
        int maxProcesses,
        long maxFileBytes,
        boolean networkAllowed) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MEMORY_BYTES = 1L << 30;
    public static final long DEFAULT_OUTPUT_BYTES = 1L << 20;
    public static final int DEFAULT_MAX_PROCESSES = 64;
    public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        for (String arg : command) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("command argument contains a NUL byte");
            }
        }
        Objects.requireNonNull(workDir, "workDir");
        env = Map.copyOf(env);
        env.forEach((k, v) -> {
            if (k.isEmpty() || k.indexOf('=') >= 0 || k.indexOf('\0') >= 0 || v.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("bad environment entry: " + k);
            }
        });
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (memoryBytes <= 0 || outputBytes < 0 || maxProcesses <= 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** A builder with the required command and work directory. */
    public static Builder builder(List<String> command, Path workDir) {
        return new Builder(command, workDir);
    }

    /** Fluent builder; {@link #build()} validates. */
    public static final class Builder {
        private final List<String> command;
        private final Path workDir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private long memoryBytes = DEFAULT_MEMORY_BYTES;
        private long outputBytes = DEFAULT_OUTPUT_BYTES;
        private int maxProcesses = DEFAULT_MAX_PROCESSES;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private boolean networkAllowed;

        private Builder(List<String> command, Path workDir) {
            this.command = command;
            this.workDir = workDir;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> additions) {
            env.putAll(additions);
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder memoryBytes(long value) {
            memoryBytes = value;
            return this;
        }

        public Builder outputBytes(long value) {
            outputBytes = value;
            return this;
        }

        public Builder maxProcesses(int value) {
            maxProcesses = value;
            return this;
        }

        public Builder maxFileBytes(long value) {
            maxFileBytes = value;
            return this;
        }

        public Builder networkAllowed(boolean value) {
            networkAllowed = value;
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(command, workDir, env, timeout, memoryBytes, outputBytes,
                    maxProcesses, maxFileBytes, networkAllowed);
        }
    }
}
