package dev.stepgym.envs.code;

import dev.stepgym.envs.code.grading.JUnitReportSlot;
import dev.stepgym.envs.code.task.BuiltInSuite;
import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.envs.code.task.CodeTaskLoader;
import dev.stepgym.protocol.env.EnvSettings;
import dev.stepgym.sandbox.git.GitWorkspace;
import dev.stepgym.sandbox.lsp.LanguageServerPool;
import dev.stepgym.sandbox.process.ProcessResult;
import dev.stepgym.sandbox.process.ProcessRunner;
import dev.stepgym.sandbox.process.ProcessSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every episode of one factory shares: the tasks, the process runner, the language-server
 * pool and the reset workspaces waiting for their next episode. A workspace is bound to one task
 * and keeps its directory across episodes, so the pool's warm pyright for that directory is reused
 * too: an episode's reset is a Git hard reset + clean and a document resync, not a clone and a
 * server start. Thread-safe.
 */
public final class CodeStore implements AutoCloseable {
    /** Caps of one test run, whatever the task says: memory, output, processes. */
    static final long TEST_MEMORY_BYTES = 1L << 30;
    static final long TEST_OUTPUT_BYTES = 256 * 1024;
    static final int TEST_MAX_PROCESSES = 64;

    private final CodeSettings settings;
    private final Map<String, CodeTask> tasks;
    private final ProcessRunner runner;
    private final LanguageServerPool servers;
    private final Path workRoot;
    private final Map<String, Deque<GitWorkspace>> idle = new HashMap<>();
    private final List<GitWorkspace> leased = new ArrayList<>();
    private final Map<String, TestReport> baselines = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private boolean closed;

    CodeStore(CodeSettings settings, List<CodeTask> taskList) {
        this.settings = settings;
        Map<String, CodeTask> byId = new LinkedHashMap<>();
        for (CodeTask task : taskList) {
            byId.put(task.id(), task);
        }
        this.tasks = java.util.Collections.unmodifiableMap(byId);
        this.runner = new ProcessRunner();
        this.servers = new LanguageServerPool(settings.maxServers(), settings.requestTimeout());
        try {
            this.workRoot = Files.createTempDirectory("stepgym-code-");
        } catch (IOException e) {
            servers.close();
            throw new UncheckedIOException("cannot create the code workspaces folder", e);
        }
    }

    /** Loads the suite the settings name, or writes and loads the built-in one. */
    public static CodeStore open(CodeSettings settings) {
        Path dir = settings.tasksDir() != null ? settings.tasksDir() : builtInSuite();
        List<CodeTask> tasks = CodeTaskLoader.loadAll(dir);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("code-v1: no task (a folder with task.json, or an instances.jsonl / instances.json of SWE-bench-style instances) in " + dir);
        }
        return new CodeStore(settings, tasks);
    }

    /** The built-in suite, written (once per version) under the cache folder ({@code stepgym.cache.dir}). */
    public static Path builtInSuite() {
        return BuiltInSuite.write(EnvSettings.cacheDirectory().resolve("code-suite"));
    }

    public CodeSettings settings() {
        return settings;
    }

    public List<CodeTask> tasks() {
        return List.copyOf(tasks.values());
    }

    public Optional<CodeTask> task(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    ProcessRunner runner() {
        return runner;
    }

    public LanguageServerPool servers() {
        return servers;
    }

    /** A workspace for a new episode of {@code task}: a reset idle one, or a fresh clone. */
    CodeSlot lease(CodeTask task) {
        GitWorkspace workspace;
        synchronized (this) {
            requireOpen();
            Deque<GitWorkspace> waiting = idle.get(task.id());
            workspace = waiting == null ? null : waiting.poll();
        }
        if (workspace == null) {
            workspace = GitWorkspace.create(task.repo(), workRoot.resolve(task.id() + "-" + created.incrementAndGet()));
        } else {
            workspace.reset();
        }
        LanguageServerPool.Lease server;
        try {
            server = servers.lease(workspace.root());
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
        synchronized (this) {
            leased.add(workspace);
        }
        return new CodeSlot(this, task, workspace, server);
    }

    /** Takes a workspace back; it is reset when the next episode leases it. */
    void release(CodeSlot slot) {
        slot.server().close();
        GitWorkspace workspace = slot.workspace();
        boolean keep;
        synchronized (this) {
            leased.remove(workspace);
            Deque<GitWorkspace> waiting = idle.computeIfAbsent(slot.task().id(), k -> new ArrayDeque<>());
            keep = !closed && waiting.size() < settings.idlePerTask();
            if (keep) {
                waiting.add(workspace);
            }
        }
        if (!keep) {
            workspace.close();
        }
    }

    /** Runs a test command of a task in a workspace, contained by the sandbox. */
    TestRun runTests(CodeTask task, GitWorkspace workspace, List<String> command) {
        return runTests(task, workspace.root(), command);
    }

    /**
     * Runs the hidden tests for a submit: on a snapshot of the workspace taken now, with the
     * hidden files copied in, deleted afterwards. The hidden files never enter the agent's
     * workspace, and nothing the agent left running or linked there can touch the snapshot.
     */
    TestRun runHiddenTests(CodeTask task, GitWorkspace workspace) {
        Path snapshot = workRoot.resolve("submit-" + task.id() + "-" + created.incrementAndGet());
        workspace.copyWorkTree(snapshot);
        try {
            if (task.hasHiddenFiles()) {
                HiddenFiles.copyInto(task.hiddenDir(), snapshot);
            }
            return runTests(task, snapshot, task.hiddenTests());
        } finally {
            deleteQuietly(snapshot);
        }
    }

    private TestRun runTests(CodeTask task, Path root, List<String> command) {
        String visibleRoot = runner.containment().sealed() ? ProcessRunner.SEALED_WORK_DIR : root.toString();
        try (JUnitReportSlot report = JUnitReportSlot.open(root, visibleRoot)) {
            ProcessResult result = runner.run(ProcessSpec.builder(report.command(command), root)
                    .env(report.environment())
                    .timeout(task.timeout())
                    .memoryBytes(TEST_MEMORY_BYTES)
                    .outputBytes(TEST_OUTPUT_BYTES)
                    .maxProcesses(TEST_MAX_PROCESSES)
                    .build());
            String raw = result.stdout() + result.stderr();
            TestReport parsed = TestReport.of(raw, result.exitCode(), result.timedOut(), report.read());
            String output = TestRun.normalise(raw, root);
            if (!result.removed().isEmpty()) {
                output += "\nRemoved after the run (links leading outside the workspace, pipes, sockets): "
                        + String.join(", ", result.removed()) + "\n";
            }
            return new TestRun(parsed, output, result.outputTruncated());
        }
    }

    /** The visible tests' result on the task's base commit, run once per task and kept. */
    TestReport baseline(CodeTask task, GitWorkspace freshWorkspace) {
        return baselines.computeIfAbsent(task.id(), id -> runTests(task, freshWorkspace, task.visibleTests()).report());
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the code store is closed");
        }
    }

    @Override
    public void close() {
        List<GitWorkspace> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            idle.values().forEach(toClose::addAll);
            idle.clear();
            toClose.addAll(leased);
            leased.clear();
        }
        try {
            servers.close();
        } finally {
            for (GitWorkspace w : toClose) {
                w.close();
            }
            deleteQuietly(workRoot);
        }
    }

    private static void deleteQuietly(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is not worth failing a close for
        }
    }
}
